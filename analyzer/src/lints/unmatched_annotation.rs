//! `unmatched_annotation`: a directive names no FFI function of the crate.
//!
//! ### What it does
//! Matches the name of every `#ffi` directive against the C symbols of the crate's `extern`
//! blocks (the `#[link_name]` when present, else the item's name). The message is cgo's:
//! `#ffi noescape NAME: no matched C function`, with a "did you mean" help when a close name
//! exists.
//!
//! ### Why is this bad
//! A contract for a function that does not exist protects nothing: usually the name is
//! misspelled, or is the Rust name of an item renamed with `#[link_name]`.
//!
//! ### Example
//! ```text
//! // #ffi noescape strlne
//! unsafe extern "C" { fn strlen(s: *const c_char) -> usize; }
//! ```
//!
//! ### Fix
//! ```text
//! // #ffi noescape strlen
//! ```

use crate::contracts::Directive;
use crate::diag::{Diagnostic, Severity};

/// The lint code.
pub const CODE: &str = "unmatched_annotation";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "a `#ffi` directive names no FFI function";

/// The diagnostic for a directive whose name matches no FFI function.
pub fn diagnostic(d: &Directive, suggestion: Option<&str>) -> Diagnostic {
    let diag = Diagnostic::new(
        CODE,
        Severity::Error,
        format!("#ffi {} {}: no matched C function", d.verb.as_str(), d.name),
        d.span,
    );
    match suggestion {
        Some(s) => diag.help(format!("did you mean `{s}`?")),
        None => diag.help("name the C symbol of a function declared in an `extern` block (its `#[link_name]` if it has one)"),
    }
}
