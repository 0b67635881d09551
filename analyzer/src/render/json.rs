//! JSON output, exactly as DESIGN.md §5 specifies (a public contract: field names and order
//! are fixed, lines and columns are 1-based).

use serde::Serialize;

use super::Totals;
use crate::analysis::CrateReport;
use crate::diag::Diagnostic;
use crate::source::SourceDb;

#[derive(Serialize)]
struct Check<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    crates: usize,
    files: usize,
    parse_errors: usize,
    ffi_functions: usize,
    ffi_calls: usize,
    errors: usize,
    warnings: usize,
}

fn diagnostic<'a>(db: &'a SourceDb, d: &'a Diagnostic) -> JsonDiagnostic<'a> {
    let start = db.location(d.span.file, d.span.start);
    let end = db.location(d.span.file, d.span.end);
    JsonDiagnostic {
        code: d.code,
        severity: d.severity.as_str(),
        message: &d.message,
        file: db.name(d.span.file),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        labels: d
            .labels
            .iter()
            .map(|l| {
                let at = db.location(l.span.file, l.span.start);
                JsonLabel {
                    file: db.name(l.span.file),
                    line: at.line,
                    column: at.column,
                    message: &l.message,
                }
            })
            .collect(),
        help: d.help.as_deref(),
    }
}

/// `check --format json`.
pub fn check(reports: &[CrateReport]) -> String {
    let t = Totals::of(reports);
    let doc = Check {
        version: 1,
        diagnostics: reports
            .iter()
            .flat_map(|r| r.diagnostics.iter().map(|d| diagnostic(&r.db, d)))
            .collect(),
        summary: Summary {
            crates: t.crates,
            files: t.files,
            parse_errors: t.parse_errors,
            ffi_functions: t.ffi_functions,
            ffi_calls: t.ffi_calls,
            errors: t.errors,
            warnings: t.warnings,
        },
    };
    to_string(&doc)
}

#[derive(Serialize)]
struct Escapes<'a> {
    version: u32,
    escapes: Vec<JsonEscape<'a>>,
}

#[derive(Serialize)]
struct JsonEscape<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    name: &'a str,
    function: &'a str,
    verdict: &'a str,
    via: &'a [String],
}

/// `escapes --format json`.
pub fn escapes(reports: &[CrateReport]) -> String {
    let doc = Escapes {
        version: 1,
        escapes: reports
            .iter()
            .flat_map(|r| {
                r.escapes.iter().map(|e| {
                    let at = r.db.location(e.span.file, e.span.start);
                    JsonEscape {
                        file: r.db.name(e.span.file),
                        line: at.line,
                        column: at.column,
                        name: &e.name,
                        function: &e.function,
                        verdict: e.verdict.as_str(),
                        via: &e.via,
                    }
                })
            })
            .collect(),
    };
    to_string(&doc)
}

fn to_string(doc: &impl Serialize) -> String {
    // Serializing plain structs of strings and integers cannot fail.
    let mut s = serde_json::to_string_pretty(doc).unwrap_or_default();
    s.push('\n');
    s
}
