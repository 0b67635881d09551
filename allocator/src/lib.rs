//! Allocation regression tests for Rust, counted the way Go counts them, and the runtime side
//! of the `nocallback` contract.
//!
//! This crate exists so that an FFI author can *pin* how many heap objects a call makes, the
//! way Go's runtime test for `#cgo noescape` does (100 calls through a `noescape` C function
//! allocate fewer than 100 heap objects; without it, at least 100), and so that a C function
//! promised never to call back into Rust is caught at run time when it does. It knows nothing
//! of the `ffi-escape` analyzer; the analyzer's verdicts and this crate's counts are checked
//! against each other in the workspace's parity tests.
//!
//! # Counting heap objects
//!
//! Counts come from [dhat](https://docs.rs/dhat): [`Alloc`] (dhat's allocator, re-exported) must
//! be the `#[global_allocator]` and a [`Profiler`] must be running. A count is the number of
//! heap objects *allocated* — dhat's `total_blocks`, every allocation whether or not it was
//! freed since — which is what Go's `runtime.MemStats.Mallocs` counts, not the number of live
//! objects (`curr_blocks`). A `realloc` counts as one allocation, as growing a slice in Go
//! allocates a new object.
//!
//! - [`allocs_per_run`] has the semantics of Go's `testing.AllocsPerRun`: `f` is called once
//!   as a warm-up that is not counted, then `runs` times, and the result is the integer
//!   average (total / runs, rounded down). [`measure`] returns the total as well.
//! - [`HeapStats::get`] takes a snapshot; [`HeapStats::since`] (or `-`) gives the
//!   [`HeapDelta`] between two.
//! - [`assert_allocs_eq!`], [`assert_allocs_lt!`], [`assert_allocs_le!`], [`assert_allocs_ge!`]
//!   and [`assert_allocs_gt!`] compare the per-run count with a bound; their failure message
//!   shows the measured count per run, the total over the runs, and the bound.
//!
//! Nothing here ever reports a count it did not measure: every function panics with a message
//! saying what is missing when no [`Profiler`] is running, and [`Profiler::start`] panics when
//! dhat's allocator is not the global allocator (it checks that an allocation it makes is
//! seen). A zero therefore always means "no allocation", never "no allocator".
//!
//! The harness passes every result of `f` through [`std::hint::black_box`], so an allocation
//! whose result is returned is made in release builds as in debug builds. Inside `f`,
//! `black_box` anything whose allocation you mean to count but do not return.
//!
//! ## One measuring test per binary
//!
//! dhat allows one profiler per process, counts the allocations of every thread, and libtest
//! runs the tests of a binary on several threads at once. So the pattern is: **each measuring
//! test file is its own test binary with `harness = false`**, a plain `fn main` that sets the
//! global allocator, starts a [`Profiler`] around each measurement, and runs its checks one
//! after the other on the main thread. [`harness::run`] does the bookkeeping (names, a filter,
//! a libtest-style summary, the exit code):
//!
//! ```toml
//! [dev-dependencies]
//! ffi-escape-alloc = "0.1"
//!
//! [[test]]
//! name = "allocations"
//! harness = false
//! ```
//!
//! ```rust,standalone_crate
//! // tests/allocations.rs
//! use ffi_escape_alloc::{Alloc, Profiler, allocs_per_run, assert_allocs_eq, assert_allocs_ge};
//! use std::hint::black_box;
//!
//! #[global_allocator]
//! static ALLOC: Alloc = Alloc;
//!
//! fn boxed() -> Box<u64> {
//!     Box::new(black_box(7))
//! }
//!
//! fn on_stack() -> u64 {
//!     black_box(7)
//! }
//!
//! fn counts() {
//!     let _profiler = Profiler::start();
//!     assert_eq!(allocs_per_run(100, boxed), 1);
//!     assert_allocs_eq!(100, on_stack, 0);
//!     assert_allocs_ge!(100, || vec![black_box(1u8); 16], 1, "a vec! of 16 bytes allocates");
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     ffi_escape_alloc::harness::run(&[("counts", counts)])
//! }
//! ```
//!
//! # The `nocallback` guard
//!
//! [`nocallback::call`] runs a closure (the call into C) with the current thread marked;
//! [`nocallback::check`], called at the top of every Rust function exported to C as a
//! callback, aborts the process with `function marked with #ffi nocallback called back into
//! Rust` when the thread is marked. See the [`nocallback`] module for why it aborts instead of
//! panicking, and for its cost: below half a nanosecond per guarded call or check, too small
//! for `cargo bench -p ffi-escape-alloc --bench nocallback` to tell apart from the call itself
//! (0.9–1.35 ns per guarded call of an empty stand-in C function, the same as unguarded).

mod assert;
pub mod harness;
pub mod nocallback;
mod profiler;
mod stats;

pub use dhat::Alloc;
pub use profiler::Profiler;
pub use stats::{Allocs, HeapDelta, HeapStats, allocs_per_run, measure};

#[doc(hidden)]
pub mod __private {
    //! Support for the assertion macros; not part of the API.
    pub use crate::assert::{Bound, check_allocs};
}
