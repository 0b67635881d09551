//! `stack_escape`: a pointer to a stack local escapes into C.
//!
//! ### What it does
//! Finds pointers to stack locals (a `let` binding of a struct, array or integer, a by-value
//! parameter, a lifetime-extended temporary, or `self` of a stack value when a method hands
//! `self` to C) that reach an argument of a C function which may keep them.
//!
//! ### Why is this bad
//! The local dies at the end of its scope (or is moved: its address changes), but C may still
//! hold the pointer: a callback's user data, a registered buffer. The next use from C reads or
//! writes a dead stack frame. rustc cannot see this: the borrow ended when the reference became
//! a raw pointer.
//!
//! Error when the callee is `#ffi escape` or the local is already dead at the call; warning
//! when the escape is only assumed (the callee has no contract).
//!
//! ### Example
//! ```text
//! // #ffi escape register
//! fn install() {
//!     let mut state = State::new();
//!     unsafe { register(&mut state as *mut State as *mut c_void) };
//! }
//! ```
//!
//! ### Fix
//! ```text
//! fn install() {
//!     let state = Box::into_raw(Box::new(State::new())); // freed by the unregister callback
//!     unsafe { register(state.cast()) };
//! }
//! ```

use super::{EscapeCase, labels};
use crate::diag::Diagnostic;

/// The lint code.
pub const CODE: &str = "stack_escape";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "a pointer to a stack local escapes into C";

/// The finding for one escaping stack local.
pub fn diagnostic(case: &EscapeCase<'_>) -> Diagnostic {
    let name = &case.obj.name;
    let message = if case.dead {
        format!("pointer to stack local `{name}` is handed to C after `{name}` died")
    } else {
        format!("pointer to stack local `{name}` escapes into C")
    };
    let d = Diagnostic::new(CODE, case.severity(), message, case.arg);
    labels(d, case, format!("`{name}` is a stack local declared here"), format!("`{name}` dies here"))
        .help(format!(
            "move `{name}` to the heap and release it (`Box::into_raw(Box::new(..))` or `Box::leak`) so it outlives C's use{}",
            case.annotate_hint()
        ))
}
