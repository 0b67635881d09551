//! The runtime side of `#ffi nocallback`: a C function promised never to call back into Rust
//! is called through [`call`], and every Rust function that C can call back starts with
//! [`check`]. A callback entered while its thread is inside a guarded call stops the process
//! with `function marked with #ffi nocallback called back into Rust`.
//!
//! This mirrors Go's `#cgo nocallback`, where the runtime marks the goroutine for the duration
//! of the C call and `cgocallbackg` throws when a callback arrives on a marked goroutine.
//!
//! ```rust,standalone_crate
//! use ffi_escape_alloc::nocallback;
//!
//! // In real code: unsafe extern "C" { fn sort_in_place(p: *mut i32, n: usize); }
//! extern "C" fn sort_in_place(p: *mut i32, n: usize) {
//!     let v = unsafe { std::slice::from_raw_parts_mut(p, n) };
//!     v.sort();
//! }
//!
//! /// Handed to C as a callback elsewhere: it must not run during a nocallback call.
//! extern "C" fn on_event() {
//!     nocallback::check();
//!     // ...
//! }
//!
//! fn main() {
//!     let mut v = [3, 1, 2];
//!     nocallback::call(|| sort_in_place(v.as_mut_ptr(), v.len()));
//!     assert_eq!(v, [1, 2, 3]);
//!     on_event(); // not inside a guarded call: fine
//! }
//! ```
//!
//! # Why abort, not panic
//!
//! When [`check`] fires, the stack holds C frames between the guarded call and the callback.
//! Unwinding a panic out of an `extern "C"` function is not allowed (Rust aborts there anyway,
//! with a generic message), and unwinding through C frames with `extern "C-unwind"` is
//! undefined behaviour unless the C code was built for it and holds nothing that needs
//! releasing. The C library's state is unknown at that point, so there is nothing sound to
//! recover to: like Go's fatal `throw`, the guard prints its message to stderr and calls
//! [`std::process::abort`]. Tests observe it from a parent process (the process dies by
//! `SIGABRT` on Unix and its stderr carries the message).
//!
//! # Cost
//!
//! The mark is a `thread_local!` `Cell` holding the guarded call's source location: a guarded
//! call is one thread-local swap, a test and a store around the call; a check is one
//! thread-local load and a test. Measured with
//!
//! ```text
//! cargo bench -p ffi-escape-alloc --bench nocallback
//! ```
//!
//! (release, on the development machine, a shared 2-core x86-64 VM, three runs): a guarded
//! call of an empty stand-in C function took 0.90–1.35 ns, the same call unguarded 1.35 ns,
//! and a callback starting with `check` 0.92–1.35 ns. The guard's cost is below what the
//! benchmark resolves — **under 0.5 ns per guarded call and per check**; the run-to-run
//! spread (code alignment) is larger than the guard itself.
//!
//! # Limits
//!
//! The mark is per thread, as Go's is per goroutine: a callback that C makes on another thread
//! is not caught. A callback that does not call [`check`] is not caught either; a guarded call
//! made from inside it then finds the thread already marked, which is itself an error (Go:
//! `unexpected setting cgoNoCallback`) and aborts too.

use std::cell::Cell;
use std::io::Write;
use std::panic::Location;

thread_local! {
    /// Where the guarded call that the current thread is inside was made, if it is inside one.
    static GUARDED_CALL: Cell<Option<&'static Location<'static>>> = const { Cell::new(None) };
}

/// Calls `f` — a call into a C function that must not call back into Rust — with the current
/// thread marked, and unmarks it when `f` returns or unwinds.
///
/// Aborts the process (see the module docs) when the thread is already marked: a guarded call
/// inside a guarded call means C called back into Rust without [`check`] noticing.
#[track_caller]
#[inline]
pub fn call<R>(f: impl FnOnce() -> R) -> R {
    let here = Location::caller();
    if let Some(outer) = GUARDED_CALL.with(|g| g.replace(Some(here))) {
        already_marked(outer, here);
    }
    let _unmark = Unmark;
    f()
}

/// Stops the process if the current thread is inside a [`call`]: put it at the top of every
/// Rust function that C can call back.
#[inline]
pub fn check() {
    if let Some(guarded) = GUARDED_CALL.with(Cell::get) {
        called_back(guarded);
    }
}

/// Whether the current thread is inside a [`call`].
pub fn is_marked() -> bool {
    GUARDED_CALL.with(Cell::get).is_some()
}

/// Clears the mark when the guarded call returns or unwinds.
struct Unmark;

impl Drop for Unmark {
    #[inline]
    fn drop(&mut self) {
        GUARDED_CALL.with(|g| g.set(None));
    }
}

#[cold]
#[inline(never)]
fn called_back(guarded: &Location<'_>) -> ! {
    let _ = writeln!(
        std::io::stderr(),
        "fatal error: function marked with #ffi nocallback called back into Rust\n  \
         guarded call at {guarded}\n  \
         the process is aborted: unwinding through the C frames below the callback is not sound"
    );
    std::process::abort()
}

#[cold]
#[inline(never)]
fn already_marked(outer: &Location<'_>, inner: &Location<'_>) -> ! {
    let _ = writeln!(
        std::io::stderr(),
        "fatal error: unexpected setting nocallback: this thread is already inside a guarded call\n  \
         outer guarded call at {outer}\n  \
         inner guarded call at {inner}\n  \
         (a function marked nocallback called back into Rust through a callback that does not call \
         nocallback::check)"
    );
    std::process::abort()
}

#[cfg(test)]
mod tests {
    use super::{call, check, is_marked};

    #[test]
    fn marks_the_thread_only_during_the_call() {
        assert!(!is_marked());
        let inside = call(is_marked);
        assert!(inside);
        assert!(!is_marked());
    }

    #[test]
    fn returns_the_closure_result() {
        assert_eq!(call(|| 6 * 7), 42);
    }

    #[test]
    fn unmarks_when_the_closure_unwinds() {
        let result = std::panic::catch_unwind(|| call(|| panic!("inside the guarded call")));
        assert!(result.is_err());
        assert!(!is_marked());
        // A second guarded call is allowed once the first is over.
        assert!(call(is_marked));
    }

    #[test]
    fn the_mark_is_per_thread() {
        call(|| {
            let other = std::thread::spawn(is_marked).join().unwrap();
            assert!(!other);
            assert!(is_marked());
        });
    }

    #[test]
    fn check_outside_a_guarded_call_returns() {
        check();
        assert!(!is_marked());
    }
}
