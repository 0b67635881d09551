//! The harness's counts against allocations whose number is known, in the pattern the crate
//! prescribes: its own binary (`harness = false`), dhat's allocator as the global allocator,
//! one profiler at a time on the main thread.

mod support;

use std::cell::Cell;
use std::hint::black_box;
use std::process::ExitCode;
use support::panic_message;

use ffi_escape_alloc::{
    Alloc, HeapStats, Profiler, allocs_per_run, assert_allocs_eq, assert_allocs_ge,
    assert_allocs_lt, measure,
};

#[global_allocator]
static ALLOC: Alloc = Alloc;

fn main() -> ExitCode {
    ffi_escape_alloc::harness::run(&[
        ("refuses_without_a_profiler", refuses_without_a_profiler),
        ("counts_each_allocation_once", counts_each_allocation_once),
        ("counts_freed_objects_too", counts_freed_objects_too),
        ("warm_up_is_not_counted", warm_up_is_not_counted),
        ("average_is_rounded_down", average_is_rounded_down),
        ("snapshot_delta", snapshot_delta),
        ("assertions_pass_on_the_bound", assertions_pass_on_the_bound),
        (
            "assertion_failure_shows_counts",
            assertion_failure_shows_counts,
        ),
        ("one_profiler_at_a_time", one_profiler_at_a_time),
        ("zero_runs_is_refused", zero_runs_is_refused),
    ])
}

fn refuses_without_a_profiler() {
    assert!(!Profiler::is_running());
    for message in [
        panic_message(|| {
            allocs_per_run(10, || Box::new(1));
        }),
        panic_message(|| {
            HeapStats::get();
        }),
        panic_message(|| assert_allocs_eq!(10, || (), 0)),
    ] {
        assert!(
            message.contains("needs a running Profiler, and none is running"),
            "unexpected message: {message}"
        );
    }
}

fn counts_each_allocation_once() {
    let _profiler = Profiler::start();
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

fn counts_freed_objects_too() {
    let _profiler = Profiler::start();
    let allocs = measure(50, || {
        drop(black_box(Box::new(black_box(1_u64))));
    });
    // Freed before the run ends, still counted: Mallocs, not HeapObjects.
    assert_eq!(allocs.allocations, 50);
    assert_eq!(allocs.allocated_bytes, 50 * 8);
    assert_eq!(allocs.per_run(), 1);
}

fn warm_up_is_not_counted() {
    let _profiler = Profiler::start();
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

fn average_is_rounded_down() {
    let _profiler = Profiler::start();
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

fn snapshot_delta() {
    let _profiler = Profiler::start();
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

fn assertions_pass_on_the_bound() {
    let _profiler = Profiler::start();
    assert_allocs_eq!(100, || Box::new(black_box(1)), 1);
    assert_allocs_lt!(100, || black_box(1), 1);
    assert_allocs_ge!(100, || Box::new(black_box(1)), 1, "one box per call");
}

fn assertion_failure_shows_counts() {
    let _profiler = Profiler::start();
    let message = panic_message(|| {
        assert_allocs_lt!(
            100,
            || [Box::new(black_box(1)), Box::new(black_box(2))],
            1,
            "boxes for {}",
            "two"
        )
    });
    assert!(
        message.contains("allocation assertion failed: boxes for two"),
        "{message}"
    );
    assert!(
        message.contains("allocated 2 heap objects per run (200 in 100 runs, warm-up not counted)"),
        "{message}"
    );
    assert!(
        message.contains("expected: fewer than 1 per run"),
        "{message}"
    );
    assert!(message.contains("Box::new(black_box(1))"), "{message}");

    let message = panic_message(|| assert_allocs_ge!(10, || black_box(1), 1));
    assert!(
        message.contains("allocated 0 heap objects per run (0 in 10 runs"),
        "{message}"
    );
    assert!(
        message.contains("expected: at least 1 per run"),
        "{message}"
    );
}

fn one_profiler_at_a_time() {
    let first = Profiler::start();
    assert!(Profiler::is_running());
    let message = panic_message(|| drop(Profiler::start()));
    assert!(
        message.contains("a Profiler is already running"),
        "{message}"
    );
    // The refused start did not disturb the running one.
    assert_eq!(allocs_per_run(10, || Box::new(black_box(1))), 1);
    drop(first);
    assert!(!Profiler::is_running());
    // And another can start after the first is dropped.
    let _second = Profiler::start();
    assert_eq!(allocs_per_run(10, || Box::new(black_box(1))), 1);
}

fn zero_runs_is_refused() {
    let _profiler = Profiler::start();
    let message = panic_message(|| {
        allocs_per_run(0, || ());
    });
    assert!(message.contains("cannot average over 0 runs"), "{message}");
}
