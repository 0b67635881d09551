//! Human output: rustc-style diagnostics through codespan-reporting, and Go `-m` style
//! verdict lines (`src/lib.rs:9:13: moved to heap: counter`).

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::term::{self, Config, termcolor};

use super::Totals;
use crate::analysis::{CrateReport, Verdict};
use crate::diag::{Diagnostic, Severity};
use crate::source::{SourceDb, Span};

/// A source line longer than this (in bytes) is not shown: a finding shows its lines whole,
/// and many findings on one line of minified or generated code made the output quadratic
/// (4,000 findings on a 240 KB line: 50 s and 6.8 GB). Their positions are listed instead.
const LONGEST_SHOWN_LINE: usize = 1_000;

/// Whether the line `span` starts on is too long to show.
fn on_long_line(db: &SourceDb, span: Span) -> bool {
    use codespan_reporting::files::Files;
    db.line_index(span.file, span.start)
        .and_then(|i| db.line_range(span.file, i))
        .is_ok_and(|r| r.len() > LONGEST_SHOWN_LINE)
}

fn convert(db: &SourceDb, d: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let mut notes = Vec::new();
    let spans = || std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
    let labels = if spans().any(|s| on_long_line(db, s)) {
        let at = |s: Span| {
            let loc = db.location(s.file, s.start);
            format!("{}:{}:{}", db.name(s.file), loc.line, loc.column)
        };
        notes.push(match &d.primary_label {
            Some(m) => format!("at {}: {m}", at(d.span)),
            None => format!("at {}", at(d.span)),
        });
        notes.extend(
            d.labels
                .iter()
                .map(|l| format!("at {}: {}", at(l.span), l.message)),
        );
        notes.push(format!(
            "note: the source is not shown: its line is longer than {LONGEST_SHOWN_LINE} bytes"
        ));
        Vec::new()
    } else {
        let mut primary =
            CsLabel::primary(d.span.file, d.span.start..d.span.end.max(d.span.start + 1));
        if let Some(m) = &d.primary_label {
            primary = primary.with_message(m);
        }
        let mut labels = vec![primary];
        labels.extend(d.labels.iter().map(|l| {
            CsLabel::secondary(l.span.file, l.span.start..l.span.end.max(l.span.start + 1))
                .with_message(&l.message)
        }));
        labels
    };
    if let Some(h) = &d.help {
        notes.push(format!("help: {h}"));
    }
    CsDiagnostic::new(severity)
        .with_message(&d.message)
        .with_code(d.code)
        .with_labels(labels)
        .with_notes(notes)
}

/// All diagnostics of all crates, then a summary line unless `quiet`.
pub fn check(reports: &[CrateReport], color: bool, quiet: bool) -> Vec<u8> {
    let config = Config::default();
    let mut out = termcolor::Buffer::no_color();
    let mut colored = termcolor::Buffer::ansi();
    let buf = if color { &mut colored } else { &mut out };
    for r in reports {
        for d in &r.diagnostics {
            // Rendering only fails on spans outside their file, which the analysis never makes.
            let _ = term::emit_to_write_style(buf, &config, &r.db, &convert(&r.db, d));
        }
    }
    let mut bytes = buf.as_slice().to_vec();
    if !quiet {
        let t = Totals::of(reports);
        bytes.extend(summary_line(&t).into_bytes());
    }
    bytes
}

/// `1 file`, `3 files`.
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `ffi-escape: 1 crate, 3 files, 4 FFI calls: 2 errors, 1 warning`.
pub fn summary_line(t: &Totals) -> String {
    format!(
        "ffi-escape: {}, {}, {}: {}, {}\n",
        plural(t.crates, "crate", "crates"),
        plural(t.files, "file", "files"),
        plural(t.ffi_calls, "FFI call", "FFI calls"),
        plural(t.errors, "error", "errors"),
        plural(t.warnings, "warning", "warnings"),
    )
}

/// Go `-m` style verdict lines.
pub fn escapes(reports: &[CrateReport]) -> String {
    let mut s = String::new();
    for r in reports {
        for e in &r.escapes {
            let loc = r.db.location(e.span.file, e.span.start);
            let what = match (e.verdict, e.content) {
                (Verdict::DoesNotEscape, _) if !e.out_param_of.is_empty() => {
                    format!(
                        "{} does not escape (out-parameter of {})",
                        e.name,
                        e.out_param_of.join(", ")
                    )
                }
                (Verdict::DoesNotEscape, _) => format!("{} does not escape", e.name),
                (Verdict::MovedToHeap, _) => format!("moved to heap: {}", e.name),
                (Verdict::LeakingParam, false) => format!("leaking param: {}", e.name),
                (Verdict::LeakingParam, true) => format!("leaking param content: {}", e.name),
            };
            s.push_str(&format!(
                "{}:{}:{}: {what}\n",
                r.db.name(e.span.file),
                loc.line,
                loc.column
            ));
        }
    }
    s
}

/// `--verbose` notes, and per crate the number of macro invocations not analyzed.
pub fn notes(reports: &[CrateReport]) -> String {
    let mut s = String::new();
    for r in reports {
        for (span, note) in &r.notes {
            let loc = r.db.location(span.file, span.start);
            s.push_str(&format!(
                "note: {}:{}:{}: {note}\n",
                r.db.name(span.file),
                loc.line,
                loc.column
            ));
        }
        let skipped = r.stats.skipped_macros;
        if skipped > 0 {
            let (what, whose) = match skipped {
                1 => ("1 macro invocation".to_owned(), "its"),
                n => (format!("{n} macro invocations"), "their"),
            };
            s.push_str(&format!(
                "note: {}: {what} not analyzed: {whose} tokens do not parse as expressions\n",
                r.root,
            ));
        }
    }
    s
}
