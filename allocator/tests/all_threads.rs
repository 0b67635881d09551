//! Counting the allocations a closure makes on other threads, which only `Threads::All` does.
//! `harness = false`: exact every-thread counts need a process where nothing else allocates
//! meanwhile, so the checks run one after the other on the main thread, by
//! `ffi_escape_alloc::harness::run` (under libtest, its own thread and the other tests would be
//! counted too).

mod support;

use std::hint::black_box;
use std::process::ExitCode;
use std::sync::mpsc;
use std::thread;

use ffi_escape_alloc::{
    Alloc, Threads, assert_allocs_eq, assert_allocs_ge, assert_allocs_lt, measure_dhat,
    measure_with,
};
use support::assert_panics_with;

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// Counted runs per measurement.
const RUNS: u64 = 10;

fn main() -> ExitCode {
    ffi_escape_alloc::harness::run(&[
        (
            "a_scoped_thread_is_counted_only_with_every_thread",
            a_scoped_thread_is_counted_only_with_every_thread,
        ),
        ("a_worker_thread_exactly", a_worker_thread_exactly),
        (
            "dhat_counts_other_threads_alike",
            dhat_counts_other_threads_alike,
        ),
        ("every_thread_does_not_nest", every_thread_does_not_nest),
    ])
}

/// Spawns a scoped thread that makes `boxes` boxes.
fn on_a_scoped_thread(boxes: u64) -> impl FnMut() {
    move || {
        thread::scope(|s| {
            s.spawn(|| {
                for i in 0..boxes {
                    black_box(Box::new(black_box(i)));
                }
            });
        });
    }
}

fn a_scoped_thread_is_counted_only_with_every_thread() {
    // The calling thread pays for the spawn, the same with or without the boxes.
    let here = measure_with(Threads::Current, RUNS, on_a_scoped_thread(100));
    let here_without = measure_with(Threads::Current, RUNS, on_a_scoped_thread(0));
    assert_eq!(here, here_without);
    assert!(here.per_run() < 100, "{here:?}");
    // Every thread: the boxes, exactly, on top of the same spawn.
    let all = measure_with(Threads::All, RUNS, on_a_scoped_thread(100));
    let all_without = measure_with(Threads::All, RUNS, on_a_scoped_thread(0));
    assert_eq!(all.allocations - all_without.allocations, RUNS * 100);
    assert_eq!(
        all.allocated_bytes - all_without.allocated_bytes,
        RUNS * 100 * 8
    );
    assert!(all_without.allocations >= here.allocations);
    // The assertions take the same option.
    assert_allocs_lt!(RUNS, on_a_scoped_thread(100), 100);
    assert_allocs_ge!(threads = Threads::All; RUNS, on_a_scoped_thread(100), 100);
}

fn a_worker_thread_exactly() {
    // A worker that makes `n` boxes per job, like a one-thread pool.
    let (sender, inbox) = mpsc::sync_channel::<u64>(0);
    let (done, results) = mpsc::sync_channel::<u64>(0);
    let worker = thread::spawn(move || {
        for n in inbox {
            let boxes: Vec<Box<u64>> = (0..n).map(Box::new).collect();
            done.send(boxes.iter().map(|b| **b).sum()).unwrap();
        }
    });
    let (jobs, results) = (&sender, &results);
    let job = |n: u64| {
        move || {
            jobs.send(n).unwrap();
            results.recv().unwrap()
        }
    };
    // Handing over a job allocates nothing once the channels are warm.
    assert_allocs_eq!(RUNS, job(7), 0);
    // Every thread: seven boxes and the vector holding them, per job.
    assert_allocs_eq!(threads = Threads::All; RUNS, job(7), 8);
    drop(sender);
    worker.join().unwrap();
}

fn dhat_counts_other_threads_alike() {
    let counted = measure_with(Threads::All, RUNS, on_a_scoped_thread(100));
    let dhat = measure_dhat(Threads::All, RUNS, on_a_scoped_thread(100));
    assert_eq!(counted, dhat, "counters (left) and dhat (right)");
    // A dhat profile of the calling thread leaves the scoped thread's boxes out.
    let here = measure_with(Threads::Current, RUNS, on_a_scoped_thread(100));
    let dhat_here = measure_dhat(Threads::Current, RUNS, on_a_scoped_thread(100));
    assert_eq!(here, dhat_here, "counters (left) and dhat (right)");
}

fn every_thread_does_not_nest() {
    assert_panics_with(
        "a Threads::All measurement cannot be made inside another",
        || {
            measure_with(Threads::All, 1, || {
                measure_with(Threads::All, 1, || ());
            });
        },
    );
    // The refusal left nothing behind.
    assert_eq!(
        measure_with(Threads::All, RUNS, || Box::new(black_box(1_u8))).allocations,
        RUNS
    );
}
