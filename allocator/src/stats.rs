//! Heap snapshots, deltas between them, and Go's `AllocsPerRun`, read from the counting
//! allocator.
//!
//! It exists to turn the allocator's raw counters into the numbers Go's tests reason about:
//! heap objects allocated (`MemStats.Mallocs`), not objects alive, attributed to the thread
//! that measures unless every thread is asked for.

use std::cell::Cell;
use std::hint::black_box;
use std::ops::Sub;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::thread::LocalKey;

use crate::alloc::{self, CountAll, require_installed};

/// Whose allocations a measurement counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Threads {
    /// Only the measuring thread's: what the measured closure allocates itself. Measurements on
    /// different threads do not see each other, so measuring tests can run in parallel.
    #[default]
    Current,
    /// Every thread's in the process, for a closure that hands work to other threads (a pool,
    /// `std::thread::scope`). All-thread measurements run one at a time (a process-wide lock),
    /// but anything else running meanwhile — other tests of the binary, libtest's own thread —
    /// is counted too: exact counts need a binary where nothing else runs (`harness = false`
    /// with [`crate::harness::run`], and no threads of its own in the background).
    All,
}

/// A snapshot of the calling thread's allocation counters since the thread started.
///
/// Take two and subtract them ([`HeapStats::since`], or `-`) to count what the thread did in
/// between. Allocations, reallocations and deallocations are counted the way dhat counts them
/// (a snapshot difference equals the difference of dhat's `total_blocks` and `total_bytes` on
/// the same thread's work).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeapStats {
    /// Heap objects allocated, whether freed since or not: dhat's `total_blocks`, Go's
    /// `MemStats.Mallocs`. A reallocation counts as one, as dhat counts it (and as growing a
    /// slice in Go allocates a new object).
    pub allocations: u64,
    /// Of `allocations`, the reallocations.
    pub reallocations: u64,
    /// Bytes allocated, whether freed since or not (the new size of a reallocation): dhat's
    /// `total_bytes`, Go's `MemStats.TotalAlloc`.
    pub allocated_bytes: u64,
    /// Heap objects freed (a reallocation does not free one).
    pub deallocations: u64,
    /// Bytes freed (the old size of a reallocation included).
    pub deallocated_bytes: u64,
}

impl HeapStats {
    /// Reads the calling thread's counters now.
    ///
    /// # Panics
    ///
    /// When [`crate::Alloc`] is not the global allocator.
    #[track_caller]
    pub fn get() -> HeapStats {
        require_installed("HeapStats::get");
        alloc::thread_counts()
    }

    /// What happened between `earlier` and `self`.
    pub fn since(&self, earlier: &HeapStats) -> HeapDelta {
        let allocations = self.allocations.wrapping_sub(earlier.allocations);
        let reallocations = self.reallocations.wrapping_sub(earlier.reallocations);
        let deallocations = self.deallocations.wrapping_sub(earlier.deallocations);
        let allocated_bytes = self.allocated_bytes.wrapping_sub(earlier.allocated_bytes);
        let deallocated_bytes = self
            .deallocated_bytes
            .wrapping_sub(earlier.deallocated_bytes);
        HeapDelta {
            allocations,
            reallocations,
            allocated_bytes,
            live_objects: (allocations - reallocations) as i64 - deallocations as i64,
            live_bytes: allocated_bytes as i64 - deallocated_bytes as i64,
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

/// The difference between two [`HeapStats`] snapshots of one thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HeapDelta {
    /// New heap objects allocated in between (freed since or not; reallocations included).
    pub allocations: u64,
    /// Of `allocations`, the reallocations.
    pub reallocations: u64,
    /// Bytes allocated in between (freed since or not).
    pub allocated_bytes: u64,
    /// Change in the number of live heap objects (negative when more were freed): objects the
    /// thread allocated minus objects it freed, whoever allocated them (dhat's `curr_blocks`
    /// when one thread both allocates and frees).
    pub live_objects: i64,
    /// Change in live bytes (negative when more were freed), counted like `live_objects`.
    pub live_bytes: i64,
}

/// The result of [`measure`]: allocations over a number of runs, warm-up excluded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Allocs {
    /// How many runs were counted (the warm-up call is not among them).
    pub runs: u64,
    /// Heap objects allocated over all counted runs (reallocations included).
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

/// Serialises [`Threads::All`] measurements: the global counters serve one at a time.
static ALL_THREADS: Mutex<()> = Mutex::new(());

thread_local! {
    /// The thread holds [`ALL_THREADS`].
    static MEASURING_ALL: Cell<bool> = const { Cell::new(false) };
}

/// Holds one of the process-wide locks that serialise a kind of measurement, and marks the
/// calling thread as holding it, so that a nested measurement of the same kind panics instead
/// of deadlocking.
pub(crate) struct OneAtATime {
    held: &'static LocalKey<Cell<bool>>,
    _lock: MutexGuard<'static, ()>,
}

impl OneAtATime {
    /// Waits for `lock`. `what` names the kind of measurement in the panic message.
    ///
    /// # Panics
    ///
    /// When the calling thread already holds it (`held` says so).
    #[track_caller]
    pub(crate) fn enter(
        lock: &'static Mutex<()>,
        held: &'static LocalKey<Cell<bool>>,
        what: &str,
    ) -> OneAtATime {
        assert!(
            !held.with(Cell::get),
            "ffi-escape-alloc: {what} cannot be made inside another"
        );
        // A measurement that panicked poisons the lock; what it guards was reset on unwinding.
        let lock = lock.lock().unwrap_or_else(PoisonError::into_inner);
        held.with(|h| h.set(true));
        OneAtATime { held, _lock: lock }
    }
}

impl Drop for OneAtATime {
    fn drop(&mut self) {
        self.held.with(|h| h.set(false));
    }
}

/// Calls `f` once as an uncounted warm-up, then `runs` times, and returns what the calling
/// thread allocated in those `runs` calls. Each result of `f` goes through [`black_box`]
/// before it is dropped. `measure(runs, f)` is `measure_with(Threads::Current, runs, f)`.
///
/// Allocations of other threads meanwhile are not counted: measurements on different threads
/// (parallel tests) do not disturb each other. Go's `AllocsPerRun` gets the same isolation by
/// setting `GOMAXPROCS(1)`. Use [`measure_with`] and [`Threads::All`] for a closure that makes
/// other threads allocate for it.
///
/// # Panics
///
/// When `runs` is 0, or [`crate::Alloc`] is not the global allocator.
#[track_caller]
pub fn measure<R>(runs: u64, f: impl FnMut() -> R) -> Allocs {
    measure_with(Threads::Current, runs, f)
}

/// [`measure`], counting the allocations of the given [`Threads`].
///
/// # Panics
///
/// When `runs` is 0, when [`crate::Alloc`] is not the global allocator, or when a
/// [`Threads::All`] measurement is made inside another (on the same thread).
#[track_caller]
pub fn measure_with<R>(threads: Threads, runs: u64, mut f: impl FnMut() -> R) -> Allocs {
    require_installed("measure/allocs_per_run");
    assert!(runs > 0, "ffi-escape-alloc: cannot average over 0 runs");
    let delta = match threads {
        Threads::Current => {
            black_box(f());
            let before = alloc::thread_counts();
            for _ in 0..runs {
                black_box(f());
            }
            alloc::thread_counts().since(&before)
        }
        Threads::All => {
            let _one_at_a_time =
                OneAtATime::enter(&ALL_THREADS, &MEASURING_ALL, "a Threads::All measurement");
            let _counting = CountAll::start();
            black_box(f());
            let before = alloc::global_counts();
            for _ in 0..runs {
                black_box(f());
            }
            alloc::global_counts().since(&before)
        }
    };
    Allocs {
        runs,
        allocations: delta.allocations,
        allocated_bytes: delta.allocated_bytes,
    }
}

/// The average number of heap objects one call of `f` allocates on the calling thread, with
/// Go's `testing.AllocsPerRun` semantics: one warm-up call not counted, then `runs` counted
/// calls, integer average rounded down. See [`measure`].
///
/// # Panics
///
/// When `runs` is 0, or [`crate::Alloc`] is not the global allocator.
#[track_caller]
pub fn allocs_per_run<R>(runs: u64, f: impl FnMut() -> R) -> u64 {
    measure(runs, f).per_run()
}
