//! GitHub Actions workflow commands (`--format github`): one `::error` or `::warning` line per
//! diagnostic, which GitHub shows as an annotation on the pull request's diff.

use super::sarif::path_of;
use crate::analysis::CrateReport;
use crate::diag::Severity;

/// Escapes a workflow command's message (`%`, CR, LF).
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value (also `:` and `,`).
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The annotation lines for `check`.
pub fn check(reports: &[CrateReport]) -> String {
    let mut out = String::new();
    for r in reports {
        for d in &r.diagnostics {
            let start = r.db.location(d.span.file, d.span.start);
            let end = r.db.location(d.span.file, d.span.end);
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            out.push_str(&format!(
                "::{kind} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                escape_property(&path_of(r, &r.db, d.span)),
                start.line,
                start.column,
                end.line,
                end.column,
                escape_property(&format!("ffi-escape {}", d.code)),
                escape_data(&message),
            ));
        }
    }
    out
}
