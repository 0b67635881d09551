//! The harness must refuse to count when its allocator is not the global allocator: this
//! binary deliberately keeps the system allocator, so any count would be a false zero.

mod support;

use ffi_escape_alloc::{
    HeapStats, Threads, allocs_per_run, assert_allocs_eq, measure_dhat, measure_with,
};
use support::panic_message;

/// Says that the allocator is missing and how to install it.
fn assert_refusal(message: &str) {
    assert!(
        message.contains("`ffi_escape_alloc::Alloc` is not the global allocator"),
        "{message}"
    );
    assert!(
        message.contains("static ALLOC: ffi_escape_alloc::Alloc = ffi_escape_alloc::Alloc;"),
        "{message}"
    );
}

#[test]
fn counting_refuses() {
    assert_refusal(&panic_message(|| {
        allocs_per_run(10, || Box::new(1_u64));
    }));
    // Asked again (the answer is remembered), the same refusal.
    assert_refusal(&panic_message(|| {
        allocs_per_run(10, || Box::new(1_u64));
    }));
}

#[test]
fn every_entry_point_refuses() {
    assert_refusal(&panic_message(|| {
        HeapStats::get();
    }));
    assert_refusal(&panic_message(|| {
        measure_with(Threads::All, 10, || Box::new(1_u64));
    }));
    assert_refusal(&panic_message(|| {
        measure_dhat(Threads::Current, 10, || Box::new(1_u64));
    }));
    assert_refusal(&panic_message(|| assert_allocs_eq!(10, || (), 0)));
}
