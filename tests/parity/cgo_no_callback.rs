//! The Rust side of Go's `TestCgoNoCallback` (`testprogcgo/cgonocallback.go`), run by
//! `tests/tests/cgo_no_callback.rs`: a C function declared never to call back into Rust does
//! call back, and the runtime guard stops the process.
//!
//! Analyzed by `tests/tests/cgo_no_callback_lint.rs`: passing a Rust function to a C function
//! declared this way is what the analyzer's `callback_into_nocallback` lint reports, so both
//! calls below must be flagged statically too.

// #ffi nocallback run_c_should_not_callback

use ffi_escape_alloc::nocallback;

unsafe extern "C" {
    /// Calls `cb` (see `tests/c/parity.c`), although declared never to call back into Rust.
    pub fn run_c_should_not_callback(cb: extern "C" fn());
}

/// The Rust function that C calls back. Like every callback, it checks the guard first.
pub extern "C" fn callback_to_rust() {
    nocallback::check();
}

/// Calls the C function through the nocallback guard: the callback aborts the process.
pub fn guarded() {
    nocallback::call(|| unsafe { run_c_should_not_callback(callback_to_rust) });
}

/// The same call without the guard: the callback returns normally.
pub fn unguarded() {
    unsafe { run_c_should_not_callback(callback_to_rust) };
}
