//! The global allocator of the harness: the system allocator plus a few thread-local counters,
//! switched at run time to dhat's allocator while a dhat profile is being recorded.
//!
//! It exists because dhat's allocator, which captures a backtrace for every allocation, costs
//! a hundred times the system allocator or more (see the crate docs) and allows one profiler
//! per process, while the everyday question — how many heap objects did this call make —
//! needs only a counter. Counting per thread is what lets measuring tests run in parallel in
//! one binary: each measurement reads the counters of its own thread, which no other thread
//! writes.
//!
//! # The fast path
//!
//! Every allocation, reallocation and deallocation calls [`System`] and adds to the calling
//! thread's counters: plain `Cell`s in a `thread_local!` with `const` initialisation and no
//! destructor, so reaching them never allocates, never initialises lazily, and works during
//! thread teardown. Before that, one relaxed load of a global (`SLOW`, almost always 0, so its
//! cache line is shared and never contended) says whether anything unusual is going on; when it
//! is, the call takes the slow path.
//!
//! # The slow path
//!
//! `SLOW` counts the modes that need more than the thread's own counters:
//!
//! - **counting every thread** (`Threads::All`): the counts also go to global atomic counters;
//! - **recording a dhat profile**: allocations of the routed threads (the recording thread, or
//!   every thread) are handed to [`dhat::Alloc`], which tracks them; deallocations of *every*
//!   thread go through dhat too, so that a tracked block freed elsewhere leaves dhat's table of
//!   live blocks (dhat asserts, inside the allocator, that an address it is handed is not
//!   already in that table), and a reallocation on a thread that is not routed is done by hand
//!   (allocate, copy, free through dhat) for the same reason, so that dhat does not count it.
//!
//! Allocations that dhat makes for its own bookkeeping while the allocator is inside a call to
//! dhat (backtraces, its tables) go straight to the system allocator and are counted nowhere.
//! dhat's allocator is the system allocator underneath, so a block may be allocated on one
//! path and freed on the other.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use crate::stats::HeapStats;

/// The harness's global allocator: the system allocator, counting heap objects per thread.
///
/// Install it in every binary that measures (the crate root of the test, example or benchmark):
///
/// ```rust,standalone_crate
/// #[global_allocator]
/// static ALLOC: ffi_escape_alloc::Alloc = ffi_escape_alloc::Alloc;
/// # fn main() {}
/// ```
///
/// Outside a measurement it costs a few counter increments per allocation (see the crate docs
/// for the measured figures); the harness switches it to dhat's allocator only to record a
/// profile.
#[derive(Clone, Copy, Debug, Default)]
pub struct Alloc;

/// One thread's counters, monotonic since the thread started, and its routing state.
struct Local {
    /// Allocations, zeroed allocations and reallocations: dhat's `total_blocks`.
    allocations: Cell<u64>,
    /// Of `allocations`, the reallocations.
    reallocations: Cell<u64>,
    /// Bytes of every allocation, and the new size of every reallocation: dhat's `total_bytes`.
    allocated_bytes: Cell<u64>,
    /// Deallocations (a reallocation is not one).
    deallocations: Cell<u64>,
    /// Bytes of every deallocation, and the old size of every reallocation.
    deallocated_bytes: Cell<u64>,
    /// [`ROUTED`] and [`IN_DHAT`].
    state: Cell<u8>,
}

/// This thread's allocations go to dhat's allocator (a dhat profile of this thread).
const ROUTED: u8 = 1;
/// This thread is inside a call to dhat's allocator: what it allocates is dhat's bookkeeping.
const IN_DHAT: u8 = 2;

thread_local! {
    static LOCAL: Local = const {
        Local {
            allocations: Cell::new(0),
            reallocations: Cell::new(0),
            allocated_bytes: Cell::new(0),
            deallocations: Cell::new(0),
            deallocated_bytes: Cell::new(0),
            state: Cell::new(0),
        }
    };
}

/// How many slow-path modes are active in the process: all-thread countings and dhat
/// recordings. Zero almost always.
static SLOW: AtomicUsize = AtomicUsize::new(0);
/// A `Threads::All` measurement is running: counts go to [`GLOBAL`] as well.
static COUNT_ALL: AtomicBool = AtomicBool::new(false);
/// A dhat profile is being recorded: every deallocation goes through dhat.
static DHAT_RECORDING: AtomicBool = AtomicBool::new(false);
/// The dhat profile being recorded routes every thread, not only the recording one.
static DHAT_ALL: AtomicBool = AtomicBool::new(false);

/// The counters of every thread together, kept only while [`COUNT_ALL`] is set.
struct Global {
    allocations: AtomicU64,
    reallocations: AtomicU64,
    allocated_bytes: AtomicU64,
    deallocations: AtomicU64,
    deallocated_bytes: AtomicU64,
}

impl Global {
    /// Adds to allocations, reallocations, allocated bytes, deallocations and deallocated
    /// bytes, in that order.
    fn add(&self, by: [u64; 5]) {
        let counters = [
            &self.allocations,
            &self.reallocations,
            &self.allocated_bytes,
            &self.deallocations,
            &self.deallocated_bytes,
        ];
        for (counter, by) in counters.into_iter().zip(by) {
            if by != 0 {
                counter.fetch_add(by, Ordering::Relaxed);
            }
        }
    }
}

static GLOBAL: Global = Global {
    allocations: AtomicU64::new(0),
    reallocations: AtomicU64::new(0),
    allocated_bytes: AtomicU64::new(0),
    deallocations: AtomicU64::new(0),
    deallocated_bytes: AtomicU64::new(0),
};

/// Adds `by` to a thread-local counter.
#[inline(always)]
fn bump(counter: &Cell<u64>, by: u64) {
    counter.set(counter.get().wrapping_add(by));
}

#[inline(always)]
fn count_alloc(size: usize) {
    let _ = LOCAL.try_with(|l| {
        bump(&l.allocations, 1);
        bump(&l.allocated_bytes, size as u64);
    });
}

#[inline(always)]
fn count_dealloc(size: usize) {
    let _ = LOCAL.try_with(|l| {
        bump(&l.deallocations, 1);
        bump(&l.deallocated_bytes, size as u64);
    });
}

#[inline(always)]
fn count_realloc(old_size: usize, new_size: usize) {
    let _ = LOCAL.try_with(|l| {
        bump(&l.allocations, 1);
        bump(&l.reallocations, 1);
        bump(&l.allocated_bytes, new_size as u64);
        bump(&l.deallocated_bytes, old_size as u64);
    });
}

/// Whether the slow path must be taken. Relaxed is enough: a thread that must see a mode (a
/// thread spawned, or handed work, by the measured closure) is ordered after the mode's start
/// by the spawn or the hand-over itself.
#[inline(always)]
fn slow() -> bool {
    SLOW.load(Ordering::Relaxed) != 0
}

/// Allocates with the system allocator, zeroed or not.
///
/// # Safety
///
/// As [`GlobalAlloc::alloc`].
#[inline(always)]
unsafe fn system_alloc(layout: Layout, zeroed: bool) -> *mut u8 {
    // SAFETY: the caller's contract is passed on.
    unsafe {
        if zeroed {
            System.alloc_zeroed(layout)
        } else {
            System.alloc(layout)
        }
    }
}

/// [`GlobalAlloc::alloc`] and [`GlobalAlloc::alloc_zeroed`] of [`Alloc`].
///
/// # Safety
///
/// As [`GlobalAlloc::alloc`].
#[inline(always)]
unsafe fn allocate(layout: Layout, zeroed: bool) -> *mut u8 {
    if slow() {
        // SAFETY: the caller's contract is passed on.
        return unsafe { alloc_slow(layout, zeroed) };
    }
    // SAFETY: the caller's contract is passed on.
    let ptr = unsafe { system_alloc(layout, zeroed) };
    if !ptr.is_null() {
        count_alloc(layout.size());
    }
    ptr
}

unsafe impl GlobalAlloc for Alloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on.
        unsafe { allocate(layout, false) }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract is passed on.
        unsafe { allocate(layout, true) }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if slow() {
            // SAFETY: the caller's contract is passed on.
            return unsafe { dealloc_slow(ptr, layout) };
        }
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) };
        count_dealloc(layout.size());
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if slow() {
            // SAFETY: the caller's contract is passed on.
            return unsafe { realloc_slow(ptr, layout, new_size) };
        }
        // SAFETY: the caller's contract is passed on.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        // As dhat: a failed reallocation (the old block stays) is not counted.
        if !new.is_null() {
            count_realloc(layout.size(), new_size);
        }
        new
    }
}

/// This thread's routing state; 0 when the thread-local cannot be reached.
#[inline(always)]
fn state() -> u8 {
    LOCAL.try_with(|l| l.state.get()).unwrap_or(0)
}

/// Threads between reading [`DHAT_ALL`] and returning from the allocator call it decided.
static DECIDING: AtomicUsize = AtomicUsize::new(0);

/// Calls `to_dhat` (inside dhat) when this thread's allocations go to dhat now, `otherwise`
/// when not.
///
/// The decision and the call must fall within one profile: a thread that read
/// [`DHAT_ALL`] just before an every-thread profile stopped must not reach dhat's allocator
/// after the next profile (of another thread) started, or its allocation would be counted
/// there. So such a thread is counted in [`DECIDING`] from before it reads the flag until it
/// returns, and [`RouteToDhat`] waits for none to be deciding after clearing the flag (the
/// `SeqCst` operations on both sides make one of them see the other).
#[inline(always)]
fn route<T>(state: u8, to_dhat: impl FnOnce() -> T, otherwise: impl FnOnce() -> T) -> T {
    if state & ROUTED != 0 {
        return inside_dhat(to_dhat);
    }
    DECIDING.fetch_add(1, Ordering::SeqCst);
    let result = if DHAT_ALL.load(Ordering::SeqCst) {
        inside_dhat(to_dhat)
    } else {
        otherwise()
    };
    DECIDING.fetch_sub(1, Ordering::SeqCst);
    result
}

/// Runs `f` (a call into dhat's allocator) with this thread marked as inside dhat, so that
/// what dhat allocates meanwhile bypasses the counters.
#[inline(always)]
fn inside_dhat<T>(f: impl FnOnce() -> T) -> T {
    let _ = LOCAL.try_with(|l| l.state.set(l.state.get() | IN_DHAT));
    let result = f();
    let _ = LOCAL.try_with(|l| l.state.set(l.state.get() & !IN_DHAT));
    result
}

/// Whether every thread's counts are wanted too.
#[inline(always)]
fn counting_all() -> bool {
    COUNT_ALL.load(Ordering::Relaxed)
}

#[cold]
#[inline(never)]
unsafe fn alloc_slow(layout: Layout, zeroed: bool) -> *mut u8 {
    let state = state();
    if state & IN_DHAT != 0 {
        // SAFETY: the caller's contract is passed on.
        return unsafe { system_alloc(layout, zeroed) };
    }
    let ptr = route(
        state,
        // SAFETY: the caller's contract is passed on.
        || unsafe {
            if zeroed {
                dhat::Alloc.alloc_zeroed(layout)
            } else {
                dhat::Alloc.alloc(layout)
            }
        },
        // SAFETY: the caller's contract is passed on.
        || unsafe { system_alloc(layout, zeroed) },
    );
    if !ptr.is_null() {
        count_alloc(layout.size());
        if counting_all() {
            GLOBAL.add([1, 0, layout.size() as u64, 0, 0]);
        }
    }
    ptr
}

#[cold]
#[inline(never)]
unsafe fn dealloc_slow(ptr: *mut u8, layout: Layout) {
    let state = state();
    if state & IN_DHAT != 0 {
        // SAFETY: the caller's contract is passed on.
        return unsafe { System.dealloc(ptr, layout) };
    }
    if DHAT_RECORDING.load(Ordering::Relaxed) {
        // Routed or not: a block dhat tracks must leave its table when it is freed.
        // SAFETY: the caller's contract is passed on; dhat frees with the system allocator.
        inside_dhat(|| unsafe { dhat::Alloc.dealloc(ptr, layout) });
    } else {
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) };
    }
    count_dealloc(layout.size());
    if counting_all() {
        GLOBAL.add([0, 0, 0, 1, layout.size() as u64]);
    }
}

#[cold]
#[inline(never)]
unsafe fn realloc_slow(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
    let state = state();
    if state & IN_DHAT != 0 {
        // SAFETY: the caller's contract is passed on.
        return unsafe { System.realloc(ptr, layout, new_size) };
    }
    let new = route(
        state,
        // SAFETY: the caller's contract is passed on.
        || unsafe { dhat::Alloc.realloc(ptr, layout, new_size) },
        // SAFETY: the caller's contract is passed on.
        || unsafe { realloc_beside_dhat(ptr, layout, new_size) },
    );
    if !new.is_null() {
        count_realloc(layout.size(), new_size);
        if counting_all() {
            GLOBAL.add([1, 1, new_size as u64, 0, layout.size() as u64]);
        }
    }
    new
}

/// A reallocation that does not go to dhat: by hand while a profile records (allocate, copy,
/// free through dhat), so that dhat sees the old block freed (it may be one dhat tracks)
/// without counting a new one; the system allocator's otherwise.
///
/// # Safety
///
/// As [`GlobalAlloc::realloc`].
unsafe fn realloc_beside_dhat(ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
    if !DHAT_RECORDING.load(Ordering::Relaxed) {
        // SAFETY: the caller's contract is passed on.
        return unsafe { System.realloc(ptr, layout, new_size) };
    }
    // SAFETY: `realloc`'s contract makes `new_size` with `layout.align()` a valid layout.
    let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
    // SAFETY: `new_size` is non-zero by `realloc`'s contract.
    let new = unsafe { System.alloc(new_layout) };
    if !new.is_null() {
        // SAFETY: both blocks are valid for the smaller size and distinct; the old block is
        // freed once, with its own layout.
        unsafe {
            std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
            inside_dhat(|| dhat::Alloc.dealloc(ptr, layout));
        }
    }
    new
}

/// The calling thread's counters since it started.
pub(crate) fn thread_counts() -> HeapStats {
    LOCAL
        .try_with(|l| HeapStats {
            allocations: l.allocations.get(),
            reallocations: l.reallocations.get(),
            allocated_bytes: l.allocated_bytes.get(),
            deallocations: l.deallocations.get(),
            deallocated_bytes: l.deallocated_bytes.get(),
        })
        .unwrap_or_default()
}

/// Every thread's counters since the first [`CountAll`] of the process, counted only while one
/// is alive.
pub(crate) fn global_counts() -> HeapStats {
    HeapStats {
        allocations: GLOBAL.allocations.load(Ordering::SeqCst),
        reallocations: GLOBAL.reallocations.load(Ordering::SeqCst),
        allocated_bytes: GLOBAL.allocated_bytes.load(Ordering::SeqCst),
        deallocations: GLOBAL.deallocations.load(Ordering::SeqCst),
        deallocated_bytes: GLOBAL.deallocated_bytes.load(Ordering::SeqCst),
    }
}

/// While alive, every thread's allocations are counted in [`global_counts`] too. One at a time:
/// the caller holds the lock that serialises all-thread measurements.
pub(crate) struct CountAll(());

impl CountAll {
    pub(crate) fn start() -> CountAll {
        COUNT_ALL.store(true, Ordering::SeqCst);
        SLOW.fetch_add(1, Ordering::SeqCst);
        CountAll(())
    }
}

impl Drop for CountAll {
    fn drop(&mut self) {
        SLOW.fetch_sub(1, Ordering::SeqCst);
        COUNT_ALL.store(false, Ordering::SeqCst);
    }
}

/// While alive, a dhat profile is being recorded: the routed threads' allocations go to dhat's
/// allocator, and every thread's deallocations go through it. One at a time: the caller holds
/// the lock that serialises dhat profiles, and has started dhat's profiler.
pub(crate) struct RouteToDhat {
    every_thread: bool,
}

impl RouteToDhat {
    /// Routes the calling thread, or every thread when `every_thread`.
    pub(crate) fn start(every_thread: bool) -> RouteToDhat {
        // Deallocations go through dhat before the first block is tracked.
        DHAT_RECORDING.store(true, Ordering::SeqCst);
        SLOW.fetch_add(1, Ordering::SeqCst);
        if every_thread {
            DHAT_ALL.store(true, Ordering::SeqCst);
        } else {
            let _ = LOCAL.try_with(|l| l.state.set(l.state.get() | ROUTED));
        }
        RouteToDhat { every_thread }
    }
}

impl Drop for RouteToDhat {
    fn drop(&mut self) {
        // No block is tracked after routing stops; the profiler is dropped after this.
        if self.every_thread {
            DHAT_ALL.store(false, Ordering::SeqCst);
            // Let a thread that read the flag before it was cleared finish its call into dhat.
            while DECIDING.load(Ordering::SeqCst) != 0 {
                std::thread::yield_now();
            }
        } else {
            let _ = LOCAL.try_with(|l| l.state.set(l.state.get() & !ROUTED));
        }
        SLOW.fetch_sub(1, Ordering::SeqCst);
        DHAT_RECORDING.store(false, Ordering::SeqCst);
    }
}

/// Whether [`Alloc`] is the global allocator: not yet known, yes, no.
static INSTALLED: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(UNKNOWN);
const UNKNOWN: u8 = 0;
const YES: u8 = 1;
const NO: u8 = 2;

/// Panics, saying what to do, unless [`Alloc`] is the global allocator of this binary: a
/// count is never reported from counters that nothing increments. Found out once, by making an
/// allocation and checking that this thread's counter saw it (a global allocator is fixed when
/// the binary is linked). `what` names the caller in the message.
#[track_caller]
pub(crate) fn require_installed(what: &str) {
    let installed = match INSTALLED.load(Ordering::Relaxed) {
        UNKNOWN => {
            let before = thread_counts().allocations;
            drop(std::hint::black_box(Box::new(std::hint::black_box(0_u64))));
            let seen = thread_counts().allocations != before;
            INSTALLED.store(if seen { YES } else { NO }, Ordering::Relaxed);
            seen
        }
        state => state == YES,
    };
    if !installed {
        panic!(
            "ffi-escape-alloc: {what} cannot count: `ffi_escape_alloc::Alloc` is not the global \
             allocator of this binary, so every count would be a meaningless zero. Add to the \
             crate root of the test, example or benchmark:\n\
             \n    #[global_allocator]\n    static ALLOC: ffi_escape_alloc::Alloc = ffi_escape_alloc::Alloc;\n"
        );
    }
}
