//! SARIF 2.1.0 output (`--format sarif`), for code-scanning services. One run, one rule per
//! lint, one result per diagnostic with its secondary labels as related locations. Paths are
//! the crate root as given joined with the file's name, with forward slashes.

use serde_json::{Value, json};

use crate::analysis::CrateReport;
use crate::diag::{Diagnostic, Severity};
use crate::lints;
use crate::source::{SourceDb, Span};

/// The SARIF document for `check`.
pub fn check(reports: &[CrateReport]) -> String {
    let rules: Vec<Value> = lints::ALL
        .iter()
        .map(|(code, summary)| {
            json!({
                "id": code,
                "name": code,
                "shortDescription": { "text": summary },
                "helpUri": format!("https://docs.rs/ffi-escape/latest/ffi_escape/lints/{code}/index.html"),
            })
        })
        .collect();
    let results: Vec<Value> = reports
        .iter()
        .flat_map(|r| r.diagnostics.iter().map(move |d| result(r, d)))
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "ffi-escape",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://docs.rs/ffi-escape",
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn result(r: &CrateReport, d: &Diagnostic) -> Value {
    let rule_index = lints::ALL
        .iter()
        .position(|(code, _)| *code == d.code)
        .unwrap_or(0);
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let text = match &d.help {
        Some(h) => format!("{}\nhelp: {h}", d.message),
        None => d.message.clone(),
    };
    let related: Vec<Value> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut loc = location(r, l.span);
            loc["id"] = json!(i);
            loc["message"] = json!({ "text": l.message });
            loc
        })
        .collect();
    json!({
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": level,
        "message": { "text": text },
        "locations": [location(r, d.span)],
        "relatedLocations": related,
    })
}

/// The path of a file as a user (or a code-scanning service run at the same place) reaches it.
pub fn path_of(r: &CrateReport, db: &SourceDb, span: Span) -> String {
    let name = db.name(span.file);
    // A single-file crate's names are already paths as given; a package's are relative to it.
    let as_given = name == r.root
        || std::path::Path::new(name).is_absolute()
        || std::path::Path::new(&r.root).is_file();
    let path = if as_given {
        name.to_owned()
    } else {
        format!("{}/{name}", r.root.trim_end_matches('/'))
    };
    let path = path.replace('\\', "/");
    path.strip_prefix("./").map(str::to_owned).unwrap_or(path)
}

fn location(r: &CrateReport, span: Span) -> Value {
    let start = r.db.location(span.file, span.start);
    let end = r.db.location(span.file, span.end.max(span.start));
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": path_of(r, &r.db, span) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column.max(if end.line == start.line { start.column + 1 } else { 1 }),
            }
        }
    })
}
