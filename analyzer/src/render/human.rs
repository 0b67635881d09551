//! Human output: rustc-style diagnostics through codespan-reporting, and Go `-m` style
//! verdict lines (`src/lib.rs:9:13: moved to heap: counter`).

use codespan_reporting::diagnostic::{
    Diagnostic as CsDiagnostic, Label as CsLabel, Severity as CsSeverity,
};
use codespan_reporting::term::{self, Config, termcolor};

use super::Totals;
use crate::analysis::{CrateReport, Verdict};
use crate::diag::{Diagnostic, Severity};

fn convert(d: &Diagnostic) -> CsDiagnostic<usize> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let mut primary = CsLabel::primary(d.span.file, d.span.start..d.span.end.max(d.span.start + 1));
    if let Some(m) = &d.primary_label {
        primary = primary.with_message(m);
    }
    let mut labels = vec![primary];
    labels.extend(d.labels.iter().map(|l| {
        CsLabel::secondary(l.span.file, l.span.start..l.span.end.max(l.span.start + 1))
            .with_message(&l.message)
    }));
    let mut notes = Vec::new();
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
            let _ = term::emit_to_write_style(buf, &config, &r.db, &convert(d));
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
