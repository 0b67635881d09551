//! `conflicting_annotation`: one C function is declared both `noescape` and `escape`.
//!
//! ### What it does
//! Reports the second of two directives that contradict each other for the same C symbol.
//!
//! ### Why is this bad
//! Either C keeps the pointer or it does not; the analysis cannot honour both, and one of the
//! two statements about the C library is wrong.
//!
//! ### Example
//! ```text
//! // #ffi noescape register
//! // #ffi escape register
//! ```
//!
//! ### Fix
//! Read the C documentation and keep the directive that is true (`escape` if the function
//! stores the pointer anywhere that outlives the call).

use crate::contracts::Directive;
use crate::diag::{Diagnostic, Severity};

/// The lint code.
pub const CODE: &str = "conflicting_annotation";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "`noescape` and `escape` are both declared for one function";

/// The diagnostic for `d`, which contradicts `earlier`.
pub fn diagnostic(d: &Directive, earlier: &Directive) -> Diagnostic {
    Diagnostic::new(
        CODE,
        Severity::Error,
        format!(
            "conflicting `#ffi` directives for `{}`: `noescape` and `escape`",
            d.name
        ),
        d.span,
    )
    .label(
        earlier.span,
        format!("`{}` is declared `{}` here", d.name, earlier.verb.as_str()),
    )
    .help("keep only the directive that matches what the C function does with the pointer")
}
