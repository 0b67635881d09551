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
//! [`Alloc`] must be the `#[global_allocator]` of the binary that measures. It is the system
//! allocator plus a few counters per thread, so it can stay installed for a whole test suite
//! (see [Cost](#cost)). A count is the number of heap objects *allocated* — every allocation,
//! whether or not it was freed since — which is what Go's `runtime.MemStats.Mallocs` counts,
//! not the number of live objects. A reallocation counts as one allocation, as dhat counts it
//! (dhat's `total_blocks`), and as growing a slice in Go allocates a new object; the counts
//! equal dhat's `total_blocks` on the same work (the `dhat_parity` tests check it on boxes,
//! growing vectors, formatting and hash maps).
//!
//! - [`allocs_per_run`] has the semantics of Go's `testing.AllocsPerRun`: `f` is called once
//!   as a warm-up that is not counted, then `runs` times, and the result is the integer
//!   average (total / runs, rounded down). [`measure`] returns the total as well.
//! - [`HeapStats::get`] takes a snapshot of the calling thread's counters;
//!   [`HeapStats::since`] (or `-`) gives the [`HeapDelta`] between two.
//! - [`assert_allocs_eq!`], [`assert_allocs_lt!`], [`assert_allocs_le!`], [`assert_allocs_ge!`]
//!   and [`assert_allocs_gt!`] compare the per-run count with a bound; their failure message
//!   shows the measured count per run, the total over the runs, the bound, and the path of a
//!   dhat profile of the closure (below).
//!
//! Nothing here ever reports a count it did not measure: every function panics, saying what to
//! add, when [`Alloc`] is not the global allocator (it checks once that an allocation it makes
//! is counted). A zero therefore always means "no allocation", never "no allocator".
//!
//! The harness passes every result of `f` through [`std::hint::black_box`], so an allocation
//! whose result is returned is made in release builds as in debug builds. Inside `f`,
//! `black_box` anything whose allocation you mean to count but do not return.
//!
//! ## Parallel tests, and other threads
//!
//! Counts are kept per thread, and a measurement counts **the measuring thread only**: the
//! allocations `f` makes itself. Measurements on different threads do not see each other, so
//! measuring tests are ordinary `#[test]` functions, as many as you like in one binary, run in
//! parallel by libtest (the crate's `parallel` tests run ten of them with threads allocating
//! beside them, each getting its exact count).
//!
//! When `f` makes other threads allocate for it — a thread pool, `std::thread::scope` — ask for
//! every thread: [`measure_with`]`(`[`Threads::All`]`, runs, f)`, or
//! `assert_allocs_ge!(threads = Threads::All; runs, f, n)`. Such measurements run one at a
//! time (a process-wide lock), but they count *everything* the process allocates meanwhile,
//! including other tests running in parallel and libtest's own thread: for an exact count,
//! run them where nothing else runs: in a `harness = false` test binary whose `main` calls
//! [`harness::run`], which runs its checks one after the other on the main thread (the crate's
//! `all_threads` tests do). A lower bound (`assert_allocs_ge!`) holds whatever else runs.
//!
//! ```toml
//! [dev-dependencies]
//! ffi-escape-alloc = "0.1"
//! ```
//!
//! ```rust,standalone_crate
//! // tests/allocations.rs: an ordinary test binary
//! use ffi_escape_alloc::{
//!     Alloc, HeapStats, Threads, allocs_per_run, assert_allocs_eq, assert_allocs_ge, measure_with,
//! };
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
//! // #[test]
//! fn counts() {
//!     assert_eq!(allocs_per_run(100, boxed), 1);
//!     assert_allocs_eq!(100, on_stack, 0);
//!     assert_allocs_ge!(100, || vec![black_box(1u8); 16], 1, "a vec! of 16 bytes allocates");
//!
//!     let before = HeapStats::get();
//!     let kept = black_box(vec![black_box(0_u8); 100]);
//!     let delta = HeapStats::get() - before;
//!     assert_eq!((delta.allocations, delta.live_bytes), (1, 100));
//!     drop(kept);
//! }
//!
//! // #[test]
//! fn work_on_another_thread() {
//!     let spawn_and_box = || std::thread::scope(|s| s.spawn(|| boxed()).join().unwrap());
//!     let here = measure_with(Threads::Current, 10, spawn_and_box).allocations;
//!     let everywhere = measure_with(Threads::All, 10, spawn_and_box).allocations;
//!     assert!(everywhere >= here + 10); // the boxes were made on the spawned threads
//! }
//!
//! fn main() {
//!     counts();
//!     work_on_another_thread();
//! }
//! ```
//!
//! ## dhat when an assertion fails
//!
//! A count says how many, not where. When an allocation assertion fails, it calls the closure
//! again — a warm-up and `runs` calls, counting the same threads — with those allocations going
//! through [dhat](https://docs.rs/dhat)'s allocator, which records a backtrace for each, and
//! writes dhat's profile, JSON that DHAT's viewer (`dh_view.html`, from Valgrind or
//! <https://nnethercote.github.io/dh_view/dh_view.html>) opens. The failure message names the
//! file:
//!
//! ```text
//! thread 'two_boxes' panicked at tests/allocations.rs:9:5:
//! allocation assertion failed: boxes for two
//!   `|| [Box::new(black_box(1)), Box::new(black_box(2))]` allocated 2 heap objects per run (200 in 100 runs, warm-up not counted)
//!   expected: fewer than 1 per run
//!   dhat profile of 100 more runs (200 heap objects): /home/me/my-crate/target/tmp/ffi-escape-alloc/two_boxes-allocations-9.json (open it in DHAT's dh_view.html)
//! ```
//!
//! and the profile shows the two `Box::new` calls of `tests/allocations.rs`, line 9, 100
//! blocks each.
//!
//! The file is `<test>-<source file stem>-<line>.json`, in the directory named by
//! `FFI_ESCAPE_ALLOC_PROFILE_DIR` when that is set at run time, otherwise in
//! `ffi-escape-alloc/` of Cargo's `CARGO_TARGET_TMPDIR` (`target/tmp`; Cargo provides it to
//! integration tests and benchmarks, and the assertion macros read it where they are
//! expanded), otherwise in `ffi-escape-alloc/` of the system's temporary directory. `<test>` is
//! the test's name (libtest names each test's thread after its test; [`harness::run`] records
//! its own), so a re-run replaces the file of the same assertion.
//!
//! Switching happens at run time inside [`Alloc`]: while a profile records, the measuring
//! thread's allocations (every thread's, with [`Threads::All`]) go to dhat's allocator; other
//! threads keep counting. dhat allows one profiler per process, so profiles are recorded one
//! at a time. [`measure_dhat`] and [`profile_dhat`] do the same on request: the count by dhat
//! (equal to the counters'), and the profile written where you say.
//!
//! ## Cost
//!
//! Measured with
//!
//! ```text
//! cargo bench -p ffi-escape-alloc --bench alloc_cost
//! ```
//!
//! (release, on the development machine, a shared 2-core x86-64 VM; `reports/allocations.md`
//! has the table, and the benchmark's source the method: the same generic code calls each
//! allocator's `GlobalAlloc` methods), nanoseconds per allocation, its free included:
//!
//! | workload | system | counting | dhat |
//! | --- | ---: | ---: | ---: |
//! | small: a `u64` allocated and freed | 4.5 | 5.0 (1.10×) | 978 (215×) |
//! | mixed: growth by reallocation, 16 B to 4 KiB blocks | 5.7 | 6.2 (1.08×) | 594 (104×) |
//!
//! Over six runs the counting allocator cost 1.09–1.13× the system allocator on the small
//! workload and 1.07–1.22× on the mixed one (the system allocator's own run-to-run spread on
//! the mixed workload is that large); dhat cost 213–217× and 101–104×. `Box::new(u64)` and its
//! drop through the global allocator took 5.6–5.9 ns counting, 970–1,000 ns while a dhat
//! profile recorded. The slow path (other threads' allocations while an every-thread count or
//! a dhat profile runs) is not benchmarked.
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

mod alloc;
mod assert;
pub mod harness;
pub mod nocallback;
mod profile;
mod stats;

pub use alloc::Alloc;
pub use profile::{measure_dhat, profile_dhat};
pub use stats::{Allocs, HeapDelta, HeapStats, Threads, allocs_per_run, measure, measure_with};

#[doc(hidden)]
pub mod __private {
    //! Support for the assertion macros; not part of the API.
    pub use crate::assert::{Bound, check_allocs};
}
