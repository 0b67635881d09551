//! `buffer_escape`: a pointer into a heap buffer escapes into C while the buffer's owner is
//! dropped at the end of the scope.
//!
//! ### What it does
//! Finds pointers into the buffer of a `Vec`, `String`, `CString` or `Box` owned by a local
//! binding (`v.as_ptr()`, `&mut *b`, `&v[0]`, a borrowed slice handed on by a method) that reach
//! a C function which may keep them, when the owner is neither moved out of the function nor
//! leaked on purpose.
//!
//! ### Why is this bad
//! The buffer's address is stable while the owner lives, so it looks safe; but the owner is
//! dropped at the end of its scope and the buffer freed, while C still holds the pointer.
//!
//! ### Example
//! ```text
//! // #ffi escape set_name
//! fn configure(ctx: *mut Ctx, name: &str) {
//!     let name = CString::new(name).unwrap();
//!     unsafe { set_name(ctx, name.as_ptr()) };
//! } // `name` is dropped here, C keeps a dangling pointer
//! ```
//!
//! ### Fix
//! Keep the owner alive as long as C uses the pointer: move it into a longer-lived owner (the
//! handle that C's lifetime is tied to), or release it with `CString::into_raw` /
//! `Box::into_raw` and reclaim it when C is done.

use super::{EscapeCase, labels};
use crate::diag::Diagnostic;

/// The lint code.
pub const CODE: &str = "buffer_escape";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "a pointer into a heap buffer escapes into C while its owner is dropped at the end of the scope";

/// The finding for one escaping heap buffer.
pub fn diagnostic(case: &EscapeCase<'_>) -> Diagnostic {
    let name = &case.obj.name;
    let message = if case.dead {
        format!(
            "pointer into the heap buffer of `{name}` is handed to C after `{name}` was dropped"
        )
    } else {
        format!("pointer into the heap buffer of `{name}` escapes into C")
    };
    let d = Diagnostic::new(CODE, case.severity(), message, case.arg);
    labels(
        d,
        case,
        format!("`{name}` owns the buffer"),
        format!("`{name}` is dropped here, freeing the buffer"),
    )
    .help(format!(
        "keep `{name}` alive while C holds the pointer: move it into a longer-lived owner, or release it with `into_raw`/`Box::leak`{}",
        case.annotate_hint()
    ))
}
