//! `unused_suppression`: an inline `// ffi-escape: allow(code)` that suppresses nothing.
//!
//! ### What it does
//! Reports suppression comments with no finding of the named code on their line or the line
//! below (including suppressions naming a code that does not exist).
//!
//! ### Why is this bad
//! A stale suppression hides the next real finding at that place, and a misspelled one
//! suppresses nothing while looking like it does.
//!
//! ### Example
//! ```text
//! // ffi-escape: allow(stack_escap)
//! unsafe { register(&mut state) };
//! ```
//!
//! ### Fix
//! Remove the comment, or name the code of the finding (`allow(stack_escape)`).

use crate::diag::{Diagnostic, Severity};
use crate::source::Span;

/// The lint code.
pub const CODE: &str = "unused_suppression";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "an inline `// ffi-escape: allow(code)` suppresses nothing";

/// The finding for a suppression comment at `span` naming `codes`.
pub fn diagnostic(span: Span, codes: &[String]) -> Diagnostic {
    let unknown: Vec<&String> = codes
        .iter()
        .filter(|c| !super::ALL.iter().any(|(k, _)| k == c))
        .collect();
    let d = Diagnostic::new(
        CODE,
        Severity::Warning,
        format!("`allow({})` suppresses nothing", codes.join(", ")),
        span,
    );
    match unknown.first() {
        Some(c) => d.help(format!("`{c}` is not a lint code of ffi-escape")),
        None => d.help("remove it, or put it on the line of the finding (or the line above)"),
    }
}
