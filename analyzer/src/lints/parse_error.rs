//! `parse_error`: a file of the crate could not be read or parsed.
//!
//! ### What it does
//! Reports syn's parse error at its position (or a file that is not UTF-8, a `mod`
//! declaration whose file is missing, or a file nested deeper than the parser can follow).
//! The rest of the crate is still analyzed.
//!
//! ### Why is this bad
//! Code that is not parsed is not analyzed: FFI calls in it are invisible, and directives in
//! it are not seen.
//!
//! ### Example
//! ```text
//! fn broken( {
//! ```
//!
//! ### Fix
//! Fix the syntax error; `cargo check` shows the same problem with more context.

use crate::diag::{Diagnostic, Severity};
use crate::source::{FileId, Lines, Span};

/// The lint code.
pub const CODE: &str = "parse_error";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "a file could not be read or parsed";

/// A syn parse error in `file`, whose [`crate::source::SourceDb::lines`] are `lines`.
pub fn from_syn(file: FileId, lines: Option<Lines<'_>>, e: &syn::Error) -> Diagnostic {
    let span = Span::in_file(file, lines, e.span());
    let mut msg = e.to_string();
    if msg == "cannot parse string into token stream" {
        // syn's wording when the lexer fails, almost always an unbalanced delimiter.
        msg = "this file cannot be tokenized: unbalanced delimiter or unterminated literal"
            .to_owned();
    }
    if let Some(first) = msg.get(..1) {
        msg = first.to_lowercase() + &msg[1..];
    }
    Diagnostic::new(
        CODE,
        Severity::Error,
        msg.trim_end_matches('.').to_owned(),
        span,
    )
    .help("fix the syntax error; code in this file is not analyzed")
}

/// A file that nests deeper than the parser can follow (the limits are
/// [`crate::prefilter::MAX_DELIMITERS`], [`crate::prefilter::MAX_MODULES`] and
/// [`crate::prefilter::MAX_ANGLES`]): reported instead of exhausting the stack.
pub fn too_deep(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(CODE, Severity::Error, what.to_owned(), span)
        .primary("the limit is passed here")
        .help(
            "this file is not analyzed; generated code this deep is best split into several items",
        )
}

/// A file that is not valid UTF-8.
pub fn not_utf8(span: Span) -> Diagnostic {
    Diagnostic::new(
        CODE,
        Severity::Error,
        "file is not valid UTF-8".into(),
        span,
    )
    .primary("invalid byte sequence here")
    .help("Rust source files must be UTF-8; this file is not analyzed")
}
