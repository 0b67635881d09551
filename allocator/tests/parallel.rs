//! Measuring tests in one binary, run in parallel by libtest's default harness: ten tests that
//! each allocate a different exact number of heap objects per run, while a thread of their own
//! allocates and frees beside them, and while other tests switch the allocator's slow modes on
//! (every-thread counting, a dhat profile). Each gets its exact count.

use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;

use ffi_escape_alloc::{
    Alloc, HeapStats, Threads, assert_allocs_eq, measure, measure_dhat, measure_with,
};

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// Counted runs per measurement.
const RUNS: u64 = 200;

/// A thread that allocates and frees until stopped, and frees what it is sent: the noise a
/// measurement must not count.
struct Noise {
    stop: Arc<AtomicBool>,
    /// Allocations the noise thread has made so far.
    made: Arc<AtomicU64>,
    handle: Option<thread::JoinHandle<u64>>,
}

impl Noise {
    fn start() -> Noise {
        let stop = Arc::new(AtomicBool::new(false));
        let made = Arc::new(AtomicU64::new(0));
        let handle = thread::spawn({
            let (stop, made) = (stop.clone(), made.clone());
            move || {
                let before = HeapStats::get();
                let mut kept = Vec::new();
                while !stop.load(Ordering::Relaxed) {
                    kept.push(black_box(Box::new(black_box(1_u64))));
                    if kept.len() == 64 {
                        kept = Vec::new();
                    }
                    made.fetch_add(1, Ordering::Relaxed);
                }
                (HeapStats::get() - before).allocations
            }
        });
        Noise {
            stop,
            made,
            handle: Some(handle),
        }
    }

    /// Waits until the noise thread has allocated again, so that the runs overlap noise.
    fn wait_for_progress(&self) {
        let since = self.made.load(Ordering::Relaxed);
        while self.made.load(Ordering::Relaxed) == since {
            thread::yield_now();
        }
    }

    /// Stops the thread and returns how many allocations it counted on itself.
    fn stop(mut self) -> u64 {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.take().unwrap().join().unwrap()
    }
}

/// Measures a closure that makes `n` boxes per run, every tenth run waiting for the noise
/// thread to allocate (waiting on every run is slow on a loaded machine), and checks the
/// exact count.
fn exact(n: u64) {
    let noise = Noise::start();
    let mut run = 0;
    let allocs = measure(RUNS, || {
        run += 1;
        if run % 10 == 0 {
            noise.wait_for_progress();
        }
        (0..n)
            .map(|i| Box::new(black_box(i)))
            .fold(0, |sum, b| sum + *black_box(b))
    });
    assert_eq!(allocs.allocations, RUNS * n, "{n} boxes per run");
    assert_eq!(allocs.allocated_bytes, RUNS * n * 8, "{n} boxes per run");
    assert_eq!(allocs.per_run(), n);
    // The same through the assertion macro.
    assert_allocs_eq!(
        RUNS,
        || (0..n).map(Box::new).collect::<Vec<_>>(),
        n + u64::from(n > 0)
    );
    assert!(
        noise.stop() >= RUNS / 10,
        "the noise thread allocated meanwhile"
    );
}

macro_rules! exact_tests {
    ($($name:ident: $n:expr,)*) => {
        $(
            #[test]
            fn $name() {
                exact($n);
            }
        )*
    };
}

exact_tests! {
    exact_0_per_run: 0,
    exact_1_per_run: 1,
    exact_2_per_run: 2,
    exact_3_per_run: 3,
    exact_5_per_run: 5,
    exact_8_per_run: 8,
    exact_13_per_run: 13,
    exact_21_per_run: 21,
    exact_34_per_run: 34,
    exact_55_per_run: 55,
}

/// Runs beside the exact tests: counting every thread puts everyone on the slow path, which
/// must not change their counts.
#[test]
fn every_thread_counting_beside_them() {
    for _ in 0..20 {
        let all = measure_with(Threads::All, 50, || Box::new(black_box(1_u64)));
        // Everything the process allocated meanwhile is in it: a lower bound only.
        assert!(all.allocations >= 50, "{all:?}");
    }
}

/// Runs beside the exact tests: a dhat profile of this thread routes every deallocation of the
/// process through dhat, which must not change their counts either, and counts only this
/// thread's allocations.
#[test]
fn dhat_profiles_beside_them() {
    for _ in 0..5 {
        let dhat = measure_dhat(Threads::Current, 20, || vec![black_box(1_u8); 3]);
        assert_eq!((dhat.allocations, dhat.allocated_bytes), (20, 60));
    }
}
