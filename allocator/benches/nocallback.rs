//! What the nocallback guard costs: a call made through `nocallback::call` against the same
//! call made directly, and a `check` outside a guarded call. Timed with `Instant` over many
//! iterations, best of several rounds. Run in release:
//! `cargo bench -p ffi-escape-alloc --bench nocallback`.

use std::hint::black_box;
use std::time::Instant;

use ffi_escape_alloc::nocallback;

/// Iterations per round.
const N: u64 = 50_000_000;
/// Rounds; the fastest is reported (the least disturbed by other work on the machine).
const ROUNDS: usize = 7;

/// Stands in for a C function: not inlined, so the call is made.
#[inline(never)]
extern "C" fn stand_in(x: u64) -> u64 {
    black_box(x)
}

/// Nanoseconds per iteration of `body`, fastest of `ROUNDS`.
fn ns_per_iter(mut body: impl FnMut(u64)) -> f64 {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for i in 0..N {
                body(black_box(i));
            }
            start.elapsed().as_secs_f64() * 1e9 / N as f64
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    let direct = ns_per_iter(|i| {
        black_box(stand_in(i));
    });
    let guarded = ns_per_iter(|i| {
        black_box(nocallback::call(|| stand_in(i)));
    });
    let checked = ns_per_iter(|i| {
        nocallback::check();
        black_box(i);
    });
    let empty = ns_per_iter(|i| {
        black_box(i);
    });
    println!("{N} iterations, fastest of {ROUNDS} rounds");
    println!("direct call           {direct:6.2} ns/call");
    println!("guarded call          {guarded:6.2} ns/call");
    println!("guard overhead        {:6.2} ns/call", guarded - direct);
    println!("empty loop            {empty:6.2} ns/iter");
    println!("check (not marked)    {:6.2} ns/call", checked - empty);
}
