//! `callback_into_nocallback`: a Rust function is passed to a C function marked
//! `#ffi nocallback`.
//!
//! ### What it does
//! Finds arguments of calls to `nocallback` C functions that are Rust functions: a function
//! item (`extern "C" fn` or any other), `Some(f)`, a cast of one, a closure, or a binding
//! holding a closure.
//!
//! ### Why is this bad
//! `nocallback` promises that the C function never calls back into Rust (cgo uses the same
//! promise to skip the bookkeeping a callback needs). Handing it a callback contradicts the
//! promise: either the directive is wrong, or the callback is dead code. At run time,
//! `ffi_escape_alloc::nocallback` aborts the process when such a callback is entered.
//!
//! ### Example
//! ```text
//! // #ffi nocallback run_c
//! unsafe extern "C" { fn run_c(cb: extern "C" fn()); }
//! extern "C" fn on_event() {}
//! fn go() { unsafe { run_c(on_event) } }
//! ```
//!
//! ### Fix
//! Remove the `#ffi nocallback` directive if the C function may call the function back, or
//! stop passing a callback to it.

use crate::diag::{Diagnostic, Severity};
use crate::source::Span;

/// The lint code.
pub const CODE: &str = "callback_into_nocallback";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "a Rust function is passed to a C function marked `#ffi nocallback`";

/// The finding for callback `callback` (already quoted) passed to `c_function` at `arg`.
pub fn diagnostic(arg: Span, callback: &str, c_function: &str) -> Diagnostic {
    Diagnostic::new(
        CODE,
        Severity::Error,
        format!("Rust function {callback} is passed to `{c_function}`, which is marked `#ffi nocallback`"),
        arg,
    )
    .primary("a callback into Rust")
    .help(format!(
        "remove `// #ffi nocallback {c_function}` if it may call this function back, or do not pass a callback"
    ))
}
