//! What the nocallback guard costs: a call made through `nocallback::call` against the same
//! call made directly, and a callback that starts with `nocallback::check` against the same
//! callback without it. Timed with `Instant` over many iterations, fastest of several rounds.
//! Run in release: `cargo bench -p ffi-escape-alloc --bench nocallback`.
//!
//! The called functions stand in for C and are called through function pointers passed through
//! `black_box`, so that, as with a real C function, the optimizer cannot see what they do (a
//! visible callee lets it drop the guard's stores as dead).

use std::hint::black_box;
use std::time::Instant;

use ffi_escape_alloc::nocallback;

/// Iterations per round.
const N: u64 = 50_000_000;
/// Rounds; the fastest is reported (the least disturbed by other work on the machine).
const ROUNDS: usize = 7;

/// Stands in for a C function.
extern "C" fn stand_in(x: u64) -> u64 {
    black_box(x)
}

/// Stands in for a Rust callback that checks the guard, as every callback should.
extern "C" fn checked_callback(x: u64) -> u64 {
    nocallback::check();
    black_box(x)
}

/// Nanoseconds per iteration of `body` over one round of `N` iterations.
fn ns_per_iter(mut body: impl FnMut(u64)) -> f64 {
    let start = Instant::now();
    for i in 0..N {
        body(black_box(i));
    }
    start.elapsed().as_secs_f64() * 1e9 / N as f64
}

fn main() {
    let c_fn: extern "C" fn(u64) -> u64 = black_box(stand_in);
    let callback: extern "C" fn(u64) -> u64 = black_box(checked_callback);

    // Rounds interleave the variants, so that a disturbance hits all of them alike; each
    // variant's fastest round is reported.
    let (mut direct, mut guarded, mut checked) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for _ in 0..ROUNDS {
        direct = direct.min(ns_per_iter(|i| {
            black_box(c_fn(i));
        }));
        guarded = guarded.min(ns_per_iter(|i| {
            black_box(nocallback::call(|| c_fn(i)));
        }));
        checked = checked.min(ns_per_iter(|i| {
            black_box(callback(i));
        }));
    }
    println!("{N} iterations per round, fastest of {ROUNDS} interleaved rounds");
    println!("direct call                      {direct:6.2} ns/call");
    println!("guarded call                     {guarded:6.2} ns/call");
    println!(
        "guard overhead                   {:6.2} ns/call",
        guarded - direct
    );
    println!("callback with check (unmarked)   {checked:6.2} ns/call");
    println!(
        "check overhead                   {:6.2} ns/call",
        checked - direct
    );
}
