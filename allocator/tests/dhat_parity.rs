//! The counting allocator counts what dhat counts: on the same workloads, the counters'
//! allocations and bytes equal dhat's `total_blocks` and `total_bytes` (reallocations counted
//! as dhat counts them: one block each, their new size in bytes).

use std::collections::HashMap;
use std::fmt::Write;
use std::hint::black_box;

use ffi_escape_alloc::{Alloc, Allocs, Threads, measure, measure_dhat, measure_with};

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// Counted runs per workload.
const RUNS: u64 = 20;

/// Measures `workload` with the counters and with dhat, checks they agree, and returns the
/// count.
fn counted_alike<R>(mut workload: impl FnMut() -> R) -> Allocs {
    let counted = measure(RUNS, &mut workload);
    let dhat = measure_dhat(Threads::Current, RUNS, &mut workload);
    assert_eq!(counted, dhat, "counters (left) and dhat (right)");
    counted
}

#[test]
fn boxes() {
    let allocs = counted_alike(|| (Box::new(black_box(1_u8)), Box::new(black_box([0_u64; 4]))));
    assert_eq!(allocs.per_run(), 2);
}

#[test]
fn a_vector_growing_by_reallocation() {
    let allocs = counted_alike(|| {
        let mut v = Vec::new();
        for i in 0..100_u32 {
            v.push(black_box(i));
        }
        v
    });
    // 4, 8, 16, 32, 64, 128 elements: one allocation and five reallocations.
    assert_eq!(allocs.per_run(), 6);
    assert_eq!(
        allocs.allocated_bytes,
        RUNS * 4 * (4 + 8 + 16 + 32 + 64 + 128)
    );
}

#[test]
fn string_formatting() {
    let allocs = counted_alike(|| {
        let mut s = format!("{}-{}", black_box(12_345), black_box("abc"));
        for i in 0..20 {
            write!(s, ", {}", black_box(i)).unwrap();
        }
        s
    });
    assert!(allocs.per_run() >= 2, "{allocs:?}");
}

#[test]
fn a_hash_map() {
    let allocs = counted_alike(|| {
        let mut map = HashMap::new();
        for i in 0..50_u64 {
            map.insert(black_box(i), i.to_string());
        }
        map.remove(&black_box(7));
        map
    });
    // Fifty strings and the table, grown several times.
    assert!(allocs.per_run() > 50, "{allocs:?}");
}

#[test]
fn freed_and_reallocated_in_one_run() {
    let allocs = counted_alike(|| {
        let mut s = String::with_capacity(1);
        s.push_str(black_box("a longer string than one byte"));
        s.truncate(3);
        s.shrink_to_fit();
        drop(black_box(s));
        drop(black_box(vec![0_u8; 1000]));
    });
    assert_eq!(allocs.per_run(), 4);
}

#[test]
fn every_thread_alike() {
    // With every thread counted, the counters and dhat still agree on this thread's work
    // (each measurement takes its own process-wide lock; other tests of this binary may add
    // allocations to either, so only the lower bound is exact).
    let work = || Box::new(black_box(1_u64));
    let counted = measure_with(Threads::All, RUNS, work);
    let dhat = measure_dhat(Threads::All, RUNS, work);
    assert!(counted.allocations >= RUNS && dhat.allocations >= RUNS);
}
