//! `malformed_annotation`: a `#ffi` directive that is not `#ffi <noescape|nocallback|escape> <name>`.
//!
//! ### What it does
//! Checks every comment line that starts with `#ffi`: it must have exactly three
//! whitespace-separated fields, and the verb must be `noescape`, `nocallback` or `escape`.
//!
//! ### Why is this bad
//! A directive that is not understood is not applied: a callee the author meant to mark
//! `noescape` stays assumed-escaping, one meant to be `escape` stays merely assumed.
//!
//! ### Example
//! ```text
//! // #ffi noescape strlen  reads only during the call
//! // #ffi keep register
//! ```
//!
//! ### Fix
//! ```text
//! // reads only during the call
//! // #ffi noescape strlen
//! // #ffi escape register
//! ```

use crate::contracts::{Verb, closest};
use crate::diag::{Diagnostic, Severity};
use crate::source::Span;

/// The lint code.
pub const CODE: &str = "malformed_annotation";

/// One line on what the lint reports (SARIF rule descriptions, `--help`).
pub const SUMMARY: &str = "a `#ffi` directive is not `#ffi <noescape|nocallback|escape> <name>`";

const USAGE: &str = "a directive is exactly `#ffi <noescape|nocallback|escape> <name>` (or `<name>(<param>,..)`); put any remark on its own comment line";

/// A directive with a wrong number of fields.
pub fn field_count(span: Span, text: &str, fields: usize) -> Diagnostic {
    let what = if fields < 3 {
        "is missing a field"
    } else {
        "has extra fields"
    };
    Diagnostic::new(
        CODE,
        Severity::Error,
        format!("malformed `#ffi` directive: `{text}` {what}"),
        span,
    )
    .primary(format!("{fields} fields, expected 3"))
    .help(USAGE)
}

/// A directive whose `NAME(params)` is not a parenthesized, comma-separated list.
pub fn bad_params(span: Span, field: &str) -> Diagnostic {
    Diagnostic::new(
        CODE,
        Severity::Error,
        format!("malformed parameter list in `#ffi` directive: `{field}`"),
        span,
    )
    .help("name parameters without spaces: `#ffi escape NAME(arg)` or `#ffi noescape NAME(0,2)`")
}

/// A directive naming a parameter the C function does not have.
pub fn unknown_param(span: Span, function: &str, param: &str, params: &[String]) -> Diagnostic {
    let d = Diagnostic::new(
        CODE,
        Severity::Error,
        format!("`{function}` has no parameter `{param}`"),
        span,
    );
    match super::super::contracts::closest(param, params.iter().map(String::as_str)) {
        Some(p) => d.help(format!("did you mean `{p}`?")),
        None => d.help(format!(
            "name a parameter as declared ({}) or by its 0-based index (0 to {})",
            params
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", "),
            params.len().saturating_sub(1)
        )),
    }
}

/// A problem in the `ffi-escape` table of a Cargo.toml.
pub fn metadata(span: Span, message: &str) -> Diagnostic {
    Diagnostic::new(CODE, Severity::Error, format!("invalid `ffi-escape` metadata: {message}"), span)
        .help("the table takes `noescape`, `escape`, `nocallback` (lists of C names), `builtin-contracts` (a boolean) and `lints` (code = \"allow\"|\"warn\"|\"deny\")")
}

/// A directive with an unknown verb.
pub fn unknown_verb(span: Span, verb: &str) -> Diagnostic {
    let d = Diagnostic::new(
        CODE,
        Severity::Error,
        format!("unknown `#ffi` verb `{verb}`"),
        span,
    );
    match closest(verb, Verb::ALL.iter().map(|(v, _)| *v)) {
        Some(v) => d.help(format!("did you mean `{v}`?")),
        None => d.help("the verbs are `noescape`, `nocallback` and `escape`"),
    }
}
