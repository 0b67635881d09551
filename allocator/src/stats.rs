//! Heap snapshots, deltas between them, and Go's `AllocsPerRun`.
//!
//! It exists to turn dhat's raw counters into the numbers Go's tests reason about: heap objects
//! allocated (`MemStats.Mallocs`), not objects alive.

use std::hint::black_box;
use std::ops::Sub;

use crate::profiler::require_running;

/// A snapshot of the heap counters since the [`crate::Profiler`] started.
///
/// Take two and subtract them ([`HeapStats::since`]) to count what happened in between.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapStats {
    /// Heap objects allocated, whether freed since or not: dhat's `total_blocks`, Go's
    /// `MemStats.Mallocs`. A `realloc` counts as one.
    pub allocations: u64,
    /// Bytes allocated, whether freed since or not: dhat's `total_bytes`, Go's
    /// `MemStats.TotalAlloc`.
    pub allocated_bytes: u64,
    /// Heap objects alive now: dhat's `curr_blocks`, Go's `MemStats.HeapObjects`.
    pub live_objects: usize,
    /// Bytes alive now: dhat's `curr_bytes`, Go's `MemStats.HeapAlloc`.
    pub live_bytes: usize,
}

impl HeapStats {
    /// Reads the counters now.
    ///
    /// # Panics
    ///
    /// When no [`crate::Profiler`] is running.
    #[track_caller]
    pub fn get() -> HeapStats {
        require_running("HeapStats::get");
        let s = dhat::HeapStats::get();
        HeapStats {
            allocations: s.total_blocks,
            allocated_bytes: s.total_bytes,
            live_objects: s.curr_blocks,
            live_bytes: s.curr_bytes,
        }
    }

    /// What happened between `earlier` and `self`.
    pub fn since(&self, earlier: &HeapStats) -> HeapDelta {
        HeapDelta {
            allocations: self.allocations - earlier.allocations,
            allocated_bytes: self.allocated_bytes - earlier.allocated_bytes,
            live_objects: self.live_objects as i64 - earlier.live_objects as i64,
            live_bytes: self.live_bytes as i64 - earlier.live_bytes as i64,
        }
    }
}

impl Sub for HeapStats {
    type Output = HeapDelta;

    /// `later - earlier` is `later.since(&earlier)`.
    fn sub(self, earlier: HeapStats) -> HeapDelta {
        self.since(&earlier)
    }
}

/// The difference between two [`HeapStats`] snapshots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapDelta {
    /// New heap objects allocated in between (freed since or not).
    pub allocations: u64,
    /// Bytes allocated in between (freed since or not).
    pub allocated_bytes: u64,
    /// Change in the number of live heap objects (negative when more were freed).
    pub live_objects: i64,
    /// Change in live bytes (negative when more were freed).
    pub live_bytes: i64,
}

/// The result of [`measure`]: allocations over a number of runs, warm-up excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allocs {
    /// How many runs were counted (the warm-up call is not among them).
    pub runs: u64,
    /// Heap objects allocated over all counted runs.
    pub allocations: u64,
    /// Bytes allocated over all counted runs.
    pub allocated_bytes: u64,
}

impl Allocs {
    /// Heap objects per run, as Go's `AllocsPerRun` reports it: the integer average, rounded
    /// down (`allocations / runs`).
    pub fn per_run(&self) -> u64 {
        self.allocations / self.runs
    }
}

/// Calls `f` once as an uncounted warm-up, then `runs` times, and returns what those `runs`
/// calls allocated. Each result of `f` goes through [`black_box`] before it is dropped.
///
/// Allocations made by other threads meanwhile are counted too (dhat counts the process); Go's
/// `AllocsPerRun` avoids that by setting `GOMAXPROCS(1)`, which Rust cannot do.
///
/// # Panics
///
/// When `runs` is 0, or no [`crate::Profiler`] is running.
#[track_caller]
pub fn measure<R>(runs: u64, mut f: impl FnMut() -> R) -> Allocs {
    require_running("measure/allocs_per_run");
    assert!(runs > 0, "ffi-escape-alloc: cannot average over 0 runs");
    black_box(f());
    let before = HeapStats::get();
    for _ in 0..runs {
        black_box(f());
    }
    let delta = HeapStats::get().since(&before);
    Allocs {
        runs,
        allocations: delta.allocations,
        allocated_bytes: delta.allocated_bytes,
    }
}

/// The average number of heap objects one call of `f` allocates, with Go's
/// `testing.AllocsPerRun` semantics: one warm-up call not counted, then `runs` counted calls,
/// integer average rounded down. See [`measure`].
///
/// # Panics
///
/// When `runs` is 0, or no [`crate::Profiler`] is running.
#[track_caller]
pub fn allocs_per_run<R>(runs: u64, f: impl FnMut() -> R) -> u64 {
    measure(runs, f).per_run()
}
