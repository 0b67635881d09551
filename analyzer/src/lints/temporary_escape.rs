//! `temporary_escape`: a pointer to a temporary escapes into C, or is used after the
//! temporary died.
//!
//! ### What it does
//! Finds pointers to temporaries (`CString::new(s).unwrap().as_ptr()`, `&mut State::default()`,
//! a value consumed by an `Option` combinator's closure) that reach a C function which may keep
//! them, and pointers to temporaries that are handed to C after the temporary was dropped: at the
//! end of the `let` statement, of a `match` arm, or of the closure.
//!
//! ### Why is this bad
//! A temporary is dropped at the end of its statement (or arm, or closure). rustc's
//! `dangling_pointers_from_temporaries` catches `let p = CString::new(..).unwrap().as_ptr();`
//! but not the forms through `match` or `map_or`, and deliberately accepts
//! `c_fn(tmp.as_ptr())` — which is only right if `c_fn` does not keep the pointer.
//!
//! Always an error when the temporary is already dead at the call.
//!
//! ### Example
//! ```text
//! let title: Option<CString> = name.map(|n| CString::new(n).unwrap());
//! let p = title.map_or(ptr::null(), |s| s.as_ptr()); // `s` is dropped inside the closure
//! unsafe { set_title(win, p) };
//! ```
//!
//! ### Fix
//! ```text
//! let title: Option<CString> = name.map(|n| CString::new(n).unwrap());
//! let p = title.as_ref().map_or(ptr::null(), |s| s.as_ptr()); // borrows: `title` lives on
//! unsafe { set_title(win, p) };
//! ```

use super::{EscapeCase, labels};
use crate::diag::Diagnostic;

/// The lint code.
pub const CODE: &str = "temporary_escape";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str =
    "a pointer to a temporary escapes into C, or is used after the temporary died";

/// The finding for one temporary.
pub fn diagnostic(case: &EscapeCase<'_>) -> Diagnostic {
    let what = match case.obj.owner {
        Some(_) => format!("temporary `{}`", case.obj.name),
        None => "a temporary".to_owned(),
    };
    let message = if case.dead {
        format!("pointer to {what} is handed to C after the temporary was dropped")
    } else {
        format!("pointer to {what} escapes into C")
    };
    let d = Diagnostic::new(CODE, case.severity(), message, case.arg);
    let help = if case.dead {
        "bind the value to a local that lives past the call (`let s = CString::new(..)?;`), and borrow from it".to_owned()
    } else {
        format!(
            "bind the value to a local that outlives C's use, or release it with `into_raw`/`Box::leak`{}",
            case.annotate_hint()
        )
    };
    let (created, dropped) = match case.obj.owner {
        Some(_) => (
            format!("`{}` takes ownership of the value here", case.obj.name),
            format!("`{}` is dropped here", case.obj.name),
        ),
        None => (
            "the temporary is created here".to_owned(),
            "the temporary is dropped here".to_owned(),
        ),
    };
    labels(d, case, created, dropped).help(help)
}
