//! The harness's counts against allocations whose number is known, in ordinary `#[test]`s that
//! libtest runs in parallel: each measurement counts its own thread.

mod support;

use std::cell::Cell;
use std::hint::black_box;
use support::assert_panics_with;

use ffi_escape_alloc::{
    Alloc, HeapStats, allocs_per_run, assert_allocs_eq, assert_allocs_ge, assert_allocs_le,
    assert_allocs_lt, measure,
};

#[global_allocator]
static ALLOC: Alloc = Alloc;

#[test]
fn counts_each_allocation_once() {
    assert_eq!(allocs_per_run(100, || Box::new(black_box(1_u64))), 1);
    assert_eq!(
        allocs_per_run(100, || (
            Box::new(black_box(1_u8)),
            vec![black_box(2_u8); 3]
        )),
        2
    );
    assert_eq!(allocs_per_run(100, || black_box(1_u64) + 1), 0);
    // An empty String or Vec does not allocate.
    assert_eq!(allocs_per_run(100, String::new), 0);
}

#[test]
fn counts_freed_objects_too() {
    let allocs = measure(50, || {
        drop(black_box(Box::new(black_box(1_u64))));
    });
    // Freed before the run ends, still counted: Mallocs, not HeapObjects.
    assert_eq!(allocs.allocations, 50);
    assert_eq!(allocs.allocated_bytes, 50 * 8);
    assert_eq!(allocs.per_run(), 1);
}

#[test]
fn a_reallocation_counts_as_one_allocation() {
    let before = HeapStats::get();
    let mut v: Vec<u8> = Vec::with_capacity(8);
    v.extend_from_slice(black_box(&[0; 9]));
    let delta = HeapStats::get() - before;
    // One allocation of 8 bytes, grown in place or moved by one reallocation to 16.
    assert_eq!(delta.allocations, 2, "{delta:?}");
    assert_eq!(delta.reallocations, 1, "{delta:?}");
    assert_eq!(delta.allocated_bytes, 8 + 16, "{delta:?}");
    assert_eq!(delta.live_objects, 1, "{delta:?}");
    assert_eq!(delta.live_bytes, 16, "{delta:?}");
    drop(black_box(v));
}

#[test]
fn warm_up_is_not_counted() {
    let initialised = Cell::new(false);
    // Allocates only on its first call, like a lazily built cache.
    let lazy = || {
        if !initialised.replace(true) {
            std::mem::forget(black_box(Box::new(black_box(1_u64))));
        }
    };
    let allocs = measure(10, lazy);
    assert_eq!(allocs.allocations, 0);
}

#[test]
fn average_is_rounded_down() {
    let calls = Cell::new(0_u32);
    // Allocates on calls 1 and 3 (call 0 is the warm-up): 2 objects in 3 runs.
    let every_other = || {
        let n = calls.get();
        calls.set(n + 1);
        if n % 2 == 1 {
            Some(Box::new(black_box(n)))
        } else {
            None
        }
    };
    let allocs = measure(3, every_other);
    assert_eq!(allocs.allocations, 2);
    assert_eq!(allocs.per_run(), 0);
}

#[test]
fn snapshot_delta() {
    let before = HeapStats::get();
    let kept = black_box(vec![black_box(0_u8); 100]);
    drop(black_box(Box::new(black_box(0_u32))));
    let after = HeapStats::get();
    let delta = after - before;
    assert_eq!(delta, after.since(&before));
    assert_eq!(delta.allocations, 2);
    assert_eq!(delta.allocated_bytes, 104);
    assert_eq!(delta.live_objects, 1);
    assert_eq!(delta.live_bytes, 100);
    drop(kept);
    let delta = HeapStats::get() - after;
    assert_eq!(delta.allocations, 0);
    assert_eq!(delta.live_objects, -1);
    assert_eq!(delta.live_bytes, -100);
}

#[test]
fn assertions_pass_on_the_bound() {
    assert_allocs_eq!(100, || Box::new(black_box(1)), 1);
    assert_allocs_lt!(100, || black_box(1), 1);
    assert_allocs_le!(100, || Box::new(black_box(1)), 1);
    assert_allocs_ge!(100, || Box::new(black_box(1)), 1, "one box per call");
}

#[test]
fn zero_runs_is_refused() {
    assert_panics_with("cannot average over 0 runs", || {
        allocs_per_run(0, || ());
    });
}
