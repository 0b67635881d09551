//! What one allocation costs through the system allocator, through the harness's counting
//! allocator, and through dhat (the harness's allocator while it records a dhat profile), on a
//! small workload and a mixed one. Prints the `reports/allocations.md` section on allocator
//! cost, in Markdown. Run in release:
//!
//! ```text
//! cargo bench -p ffi-escape-alloc --bench alloc_cost
//! ```
//!
//! # Method
//!
//! A binary has one global allocator, so the workloads do not go through `Box` or `Vec`: they
//! call the `GlobalAlloc` methods of the allocator under test directly, through one generic
//! function monomorphised for each, so that `System` and the counting [`Alloc`] are measured
//! by the same code with the same inlining. dhat is measured through [`Alloc`] too, with the
//! calling thread routed to dhat by `measure_dhat` (dhat's testing mode: what the harness does
//! to record a profile). Every pointer goes through `black_box`, so no allocation is elided.
//! Rounds interleave the allocators, so that a disturbance hits all of them alike; the fastest
//! round of each is the figure (the least disturbed), the median is shown beside it. A final
//! pair of rows times `Box::new` through the `#[global_allocator]` itself (counting and dhat;
//! the system allocator cannot be the global allocator of this binary at the same time).
//!
//! - **small**: allocate and free a `u64` (8 bytes): 1 allocation.
//! - **mixed**: a vector's growth (8 bytes, reallocated to 16, 32, 64, 128, 256, then freed: 6
//!   allocations as dhat counts them), a string's (5 bytes reallocated to 24: 2), and six
//!   blocks of 16, 48, 100, 256, 1000 and 4096 bytes alive together, freed in reverse: 6. That
//!   is 14 allocations per iteration, the cost of each free included.

use std::alloc::{GlobalAlloc, Layout, System, handle_alloc_error};
use std::hint::black_box;
use std::time::{Duration, Instant};

use ffi_escape_alloc::{Alloc, Threads, measure_dhat};

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// Rounds per measurement; they interleave the allocators.
const ROUNDS: usize = 11;
/// Allocations per round of the small workload (system and counting; dhat does fewer).
const SMALL: u64 = 4_000_000;
/// Iterations per round of the mixed workload (14 allocations each).
const MIXED: u64 = 300_000;
/// dhat is about a hundred times slower: it does this fraction of the iterations.
const DHAT_SHARE: u64 = 100;
/// Allocations per iteration of the mixed workload.
const MIXED_ALLOCATIONS: u64 = 14;

/// Allocates with `a`, aborting on failure.
///
/// # Safety
///
/// `layout` has a non-zero size.
#[inline(always)]
unsafe fn alloc_with<A: GlobalAlloc>(a: &A, layout: Layout) -> *mut u8 {
    // SAFETY: the caller's contract.
    let p = unsafe { a.alloc(layout) };
    if p.is_null() {
        handle_alloc_error(layout);
    }
    black_box(p)
}

/// Reallocates with `a` to `size` bytes, aborting on failure; returns the new block and layout.
///
/// # Safety
///
/// `p` was allocated by `a` with `layout`; `size` is non-zero.
#[inline(always)]
unsafe fn realloc_with<A: GlobalAlloc>(
    a: &A,
    p: *mut u8,
    layout: Layout,
    size: usize,
) -> (*mut u8, Layout) {
    let new_layout = Layout::from_size_align(size, layout.align()).unwrap();
    // SAFETY: the caller's contract.
    let p = unsafe { a.realloc(p, layout, size) };
    if p.is_null() {
        handle_alloc_error(new_layout);
    }
    (black_box(p), new_layout)
}

/// The small workload, `n` times: returns the allocations made.
#[inline(never)]
fn small<A: GlobalAlloc>(a: &A, n: u64) -> u64 {
    let layout = black_box(Layout::new::<u64>());
    for _ in 0..n {
        // SAFETY: a non-zero layout; the block is freed once, with it.
        unsafe {
            let p = alloc_with(a, layout);
            a.dealloc(p, layout);
        }
    }
    n
}

/// The mixed workload, `n` times: returns the allocations made.
#[inline(never)]
fn mixed<A: GlobalAlloc>(a: &A, n: u64) -> u64 {
    let sizes = black_box([16_usize, 48, 100, 256, 1000, 4096]);
    let growth = black_box([16_usize, 32, 64, 128, 256]);
    for _ in 0..n {
        // SAFETY: non-zero layouts; every block is freed once, with its current layout.
        unsafe {
            // A vector growing by reallocation.
            let mut layout = Layout::from_size_align(8, 8).unwrap();
            let mut p = alloc_with(a, layout);
            for size in growth {
                (p, layout) = realloc_with(a, p, layout, size);
            }
            a.dealloc(p, layout);

            // A string growing once.
            let layout = Layout::from_size_align(5, 1).unwrap();
            let p = alloc_with(a, layout);
            let (p, layout) = realloc_with(a, p, layout, 24);
            a.dealloc(p, layout);

            // Blocks of varied sizes alive together.
            let mut blocks = [(std::ptr::null_mut(), Layout::new::<u8>()); 6];
            for (block, size) in blocks.iter_mut().zip(sizes) {
                let layout = Layout::from_size_align(size, 8).unwrap();
                *block = (alloc_with(a, layout), layout);
            }
            for (p, layout) in blocks.into_iter().rev() {
                a.dealloc(p, layout);
            }
        }
    }
    n * MIXED_ALLOCATIONS
}

/// `Box::new` of a `u64` and its drop through the global allocator, `n` times.
#[inline(never)]
fn boxes(n: u64) -> u64 {
    for i in 0..n {
        drop(black_box(Box::new(black_box(i))));
    }
    n
}

/// Nanoseconds per allocation of one round of `work`, which returns the allocations it made.
fn ns_per_alloc(work: impl FnOnce() -> u64) -> f64 {
    let start = Instant::now();
    let allocations = work();
    start.elapsed().as_secs_f64() * 1e9 / allocations as f64
}

/// [`ns_per_alloc`] with the calling thread's allocations routed to dhat.
fn ns_per_alloc_under_dhat(mut work: impl FnMut() -> u64) -> f64 {
    let mut warm_up = true;
    let mut result = None;
    measure_dhat(Threads::Current, 1, || {
        // The warm-up call, outside dhat, does nothing.
        if !std::mem::take(&mut warm_up) {
            let start = Instant::now();
            let allocations = work();
            result = Some((start.elapsed(), allocations));
        }
    });
    let (elapsed, allocations): (Duration, u64) = result.expect("the counted run ran");
    elapsed.as_secs_f64() * 1e9 / allocations as f64
}

/// The rounds of one allocator on one workload.
#[derive(Default)]
struct Timings(Vec<f64>);

impl Timings {
    fn fastest(&self) -> f64 {
        self.0.iter().copied().fold(f64::INFINITY, f64::min)
    }

    fn median(&self) -> f64 {
        let mut sorted = self.0.clone();
        sorted.sort_by(f64::total_cmp);
        sorted[sorted.len() / 2]
    }
}

fn main() {
    let (mut small_system, mut small_counting, mut small_dhat) = Default::default();
    let (mut mixed_system, mut mixed_counting, mut mixed_dhat) = Default::default();
    let (mut box_counting, mut box_dhat) = Default::default();
    let timings = |t: &mut Timings, ns: f64| t.0.push(ns);
    // One untimed pass of each warms caches and the allocators' free lists.
    small(&System, SMALL / 10);
    small(&Alloc, SMALL / 10);
    mixed(&System, MIXED / 10);
    mixed(&Alloc, MIXED / 10);
    for _ in 0..ROUNDS {
        timings(&mut small_system, ns_per_alloc(|| small(&System, SMALL)));
        timings(&mut small_counting, ns_per_alloc(|| small(&Alloc, SMALL)));
        timings(
            &mut small_dhat,
            ns_per_alloc_under_dhat(|| small(&Alloc, SMALL / DHAT_SHARE)),
        );
        timings(&mut mixed_system, ns_per_alloc(|| mixed(&System, MIXED)));
        timings(&mut mixed_counting, ns_per_alloc(|| mixed(&Alloc, MIXED)));
        timings(
            &mut mixed_dhat,
            ns_per_alloc_under_dhat(|| mixed(&Alloc, MIXED / DHAT_SHARE)),
        );
        timings(&mut box_counting, ns_per_alloc(|| boxes(SMALL)));
        timings(
            &mut box_dhat,
            ns_per_alloc_under_dhat(|| boxes(SMALL / DHAT_SHARE)),
        );
    }

    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    // A blank line first: the report appends this to the heap-object table.
    println!();
    println!("## What an allocation costs: system, counting and dhat");
    println!();
    println!("Regenerate with:");
    println!();
    println!("```");
    println!("cargo bench -p ffi-escape-alloc --bench alloc_cost");
    println!("```");
    println!();
    println!(
        "Nanoseconds per allocation, its free included, in a {} build on a machine with {cores} \
         cores; the fastest of {ROUNDS} interleaved rounds, the median beside it. The workloads \
         call the `GlobalAlloc` methods of each allocator directly, through the same generic \
         code (`allocator/benches/alloc_cost.rs` explains the method): *small* allocates and \
         frees a `u64`; *mixed* grows a vector by five reallocations, grows a string once, and \
         keeps six blocks of 16 to 4096 bytes alive together (14 allocations per iteration, \
         reallocations counted as dhat counts them). *dhat* is the harness's allocator while \
         it records a dhat profile of the thread (dhat 0.3.3, testing mode, default backtrace \
         trimming). The last rows time `Box::new` and its drop through the `#[global_allocator]` \
         (no ratio: the system allocator cannot be this binary's global allocator too).",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        },
    );
    println!();
    println!("| workload | allocator | ns per allocation | median | × system |");
    println!("| --- | --- | ---: | ---: | ---: |");
    for (workload, system, rows) in [
        (
            "small",
            &small_system,
            [("counting", &small_counting), ("dhat", &small_dhat)],
        ),
        (
            "mixed",
            &mixed_system,
            [("counting", &mixed_counting), ("dhat", &mixed_dhat)],
        ),
    ] {
        let base = system.fastest();
        println!(
            "| {workload} | system | {:.1} | {:.1} | 1.00 |",
            base,
            system.median()
        );
        for (allocator, t) in rows {
            println!(
                "| {workload} | {allocator} | {:.1} | {:.1} | {:.2} |",
                t.fastest(),
                t.median(),
                t.fastest() / base
            );
        }
    }
    // No system row to divide by: the system allocator is not this binary's global allocator.
    for (allocator, t) in [("counting", &box_counting), ("dhat", &box_dhat)] {
        println!(
            "| `Box::new(u64)` | {allocator} (global allocator) | {:.1} | {:.1} | — |",
            t.fastest(),
            t.median(),
        );
    }
}
