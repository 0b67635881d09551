//! Generates the first part of `reports/allocations.md`: new heap objects made by N calls of
//! the Go-parity functions (`tests/parity/cgo_no_escape.rs`), with and without the `noescape`
//! C function, counted by `ffi_escape_alloc`'s counting allocator the way Go counts
//! `MemStats.Mallocs`. The second part, what the allocator costs, comes from the allocator's
//! `alloc_cost` benchmark; the report names the command that regenerates both.

use ffi_escape_alloc::{Alloc, measure};
// Links the C fixtures (`tests/c/`), which build.rs attaches to the library target.
use ffi_escape_tests as _;

#[path = "../parity/cgo_no_escape.rs"]
mod parity;

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// The call counts of the table's rows.
const CALLS: [u64; 5] = [1, 10, 100, 1000, 10000];

fn main() {
    let rows: Vec<(u64, u64, u64)> = CALLS
        .iter()
        .map(|&n| {
            let with = measure(n, parity::with_noescape).allocations;
            let without = measure(n, parity::without_noescape).allocations;
            (n, with, without)
        })
        .collect();

    println!("# Heap objects per call into C: with and without `noescape`");
    println!();
    println!("Regenerate with:");
    println!();
    println!("```");
    println!(
        "(cargo run -q -p ffi-escape-tests --example allocations && cargo bench -q -p ffi-escape-alloc --bench alloc_cost) > reports/allocations.md"
    );
    println!("```");
    println!();
    println!(
        "The Rust side of Go's `TestCgoNoEscape` (`tests/parity/cgo_no_escape.rs`), calling the C \
         fixtures of `tests/c/parity.c`. `with_noescape` passes the address of a local `String` \
         to `run_c_with_noescape`, declared noescape; `without_noescape` passes one to \
         `run_c_without_noescape`, which keeps the pointer, so the `String` is boxed and leaked \
         to outlive the call, as the analyzer's `moved_to_heap` verdict requires."
    );
    println!();
    println!(
        "Counts are new heap objects (Go's `MemStats.Mallocs`; equal to dhat's `total_blocks`) made \
         on the calling thread by N calls after one uncounted warm-up call \
         (`ffi_escape_alloc::measure`, with `ffi_escape_alloc::Alloc` as the global allocator). \
         The parity tests \
         (`cargo test -p ffi-escape-tests --test cgo_no_escape`) assert Go's bounds on the \
         100-call row: fewer than 100 with noescape, at least 100 without."
    );
    println!();
    println!(
        "Measured in a {} build.",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    println!();
    println!("| calls | new heap objects with noescape | without noescape |");
    println!("| ---: | ---: | ---: |");
    for (n, with, without) in rows {
        println!("| {n} | {with} | {without} |");
    }
}
