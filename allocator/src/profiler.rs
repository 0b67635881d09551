//! The one profiler of the process: starts dhat in testing mode, proves that dhat's allocator
//! is really the global allocator, and records that counts may now be read.
//!
//! It exists because dhat itself cannot say whether a profiler is running, and because with a
//! profiler but without dhat's allocator installed dhat reports zero allocations forever.

use std::hint::black_box;
use std::sync::atomic::{AtomicU8, Ordering};

/// No profiler of ours exists.
const IDLE: u8 = 0;
/// [`Profiler::start`] is between starting dhat and proving the allocator.
const STARTING: u8 = 1;
/// A proven profiler is running: counts may be read.
const RUNNING: u8 = 2;

static STATE: AtomicU8 = AtomicU8::new(IDLE);

/// A running heap profiler. Allocation counts can be read while it lives; dropping it stops
/// profiling (and allows another to start).
///
/// It runs dhat in *testing* mode: nothing is written to `dhat-heap.json` and nothing is
/// printed when it stops. Only one can run in a process at a time; see the crate docs for the
/// one-test-per-binary pattern that this implies.
#[must_use = "profiling stops as soon as the Profiler is dropped; bind it: `let _profiler = Profiler::start();`"]
#[derive(Debug)]
pub struct Profiler {
    inner: Option<dhat::Profiler>,
}

impl Profiler {
    /// Starts profiling the heap.
    ///
    /// # Panics
    ///
    /// - when a `Profiler` (ours or dhat's own) is already running in this process;
    /// - when [`crate::Alloc`] is not the `#[global_allocator]`, which it detects by making one
    ///   allocation and checking that dhat saw it. (A different version of dhat's allocator
    ///   does not count: its counts go to its own copy of dhat.)
    #[track_caller]
    pub fn start() -> Profiler {
        if STATE
            .compare_exchange(IDLE, STARTING, Ordering::SeqCst, Ordering::SeqCst)
            .is_err()
        {
            panic!(
                "ffi-escape-alloc: a Profiler is already running in this process; dhat allows \
                 one at a time. Drop the first before starting another, and run each measuring \
                 test in its own `harness = false` test binary (see the ffi-escape-alloc docs)"
            );
        }
        // If dhat panics (a dhat profiler started outside this crate), go back to IDLE.
        let reset = ResetOnUnwind;
        let inner = dhat::Profiler::builder().testing().build();
        std::mem::forget(reset);

        let before = dhat::HeapStats::get().total_blocks;
        drop(black_box(Box::new(black_box(0_u64))));
        let after = dhat::HeapStats::get().total_blocks;
        if after == before {
            drop(inner);
            STATE.store(IDLE, Ordering::SeqCst);
            panic!(
                "ffi-escape-alloc: dhat's allocator is not the global allocator, so every \
                 allocation count would be a meaningless zero. Add to the test binary's root:\n\
                 \n    #[global_allocator]\n    static ALLOC: ffi_escape_alloc::Alloc = ffi_escape_alloc::Alloc;\n"
            );
        }
        STATE.store(RUNNING, Ordering::SeqCst);
        Profiler { inner: Some(inner) }
    }

    /// Whether a `Profiler` started by [`Profiler::start`] is running in this process.
    pub fn is_running() -> bool {
        STATE.load(Ordering::SeqCst) == RUNNING
    }
}

impl Drop for Profiler {
    fn drop(&mut self) {
        // Stop dhat first, so that a new Profiler can start as soon as the state says IDLE.
        drop(self.inner.take());
        STATE.store(IDLE, Ordering::SeqCst);
    }
}

/// Puts the state back to [`IDLE`] if starting dhat panics.
struct ResetOnUnwind;

impl Drop for ResetOnUnwind {
    fn drop(&mut self) {
        STATE.store(IDLE, Ordering::SeqCst);
    }
}

/// Panics with a message saying what to do unless a proven profiler is running. Called before
/// any count is read, so that dhat's own panics (or a silent zero) are never what a user sees.
#[track_caller]
pub(crate) fn require_running(what: &str) {
    match STATE.load(Ordering::SeqCst) {
        RUNNING => {}
        _ => panic!(
            "ffi-escape-alloc: {what} needs a running Profiler, and none is running, so there is \
             no count to report (it would be a meaningless zero). Start one first:\n\
             \n    let _profiler = ffi_escape_alloc::Profiler::start();\n\
             \nwith `#[global_allocator] static ALLOC: ffi_escape_alloc::Alloc = ffi_escape_alloc::Alloc;` \
             in the test binary."
        ),
    }
}
