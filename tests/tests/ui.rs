//! UI tests: every `tests/ui/*.rs` fixture is analyzed in-process by `ffi-escape check`, and
//! the diagnostics must match the fixture's `//~` markers exactly, and the human output must
//! match the fixture's `.stderr` snapshot.
//!
//! Markers (as in rustc's UI tests and Go's errorcheck):
//!
//! - `//~ CODE` at the end of a line: a diagnostic with that code whose primary line is this
//!   line; `//~^ CODE` the line above, `//~^^ CODE` two lines above, and so on.
//! - Several codes may follow one marker (`//~ stack_escape buffer_escape`) and a line may carry
//!   several markers; the comparison is a multiset, so a code given twice expects two
//!   diagnostics.
//! - `CODE(error)` / `CODE(warning)` also checks the severity; a plain `CODE` accepts either.
//!
//! Any missing or unexpected diagnostic fails. The exit code must be 1 when an error-severity
//! diagnostic exists, else 0; exit code 2 (the tool could not run) fails with the tool's
//! stderr. Every failure of every fixture is collected and reported together.
//!
//! Snapshots: the stdout of `ffi-escape check --color never ui/NAME.rs` is compared with
//! `ui/NAME.stderr`. `SNAPSHOTS=overwrite cargo test -p ffi-escape-tests --test ui` writes
//! (or creates) the snapshots; a missing snapshot is a failure otherwise.
//!
//! `FFI_ESCAPE_UI=SUBSTRING` runs only the fixtures whose file name contains SUBSTRING.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use snapbox::{Assert, Data, assert::Action};

/// Every diagnostic code the analyzer can emit (DESIGN §4); a marker naming anything else is
/// a typo in the fixture.
const KNOWN_CODES: &[&str] = &[
    "stack_escape",
    "buffer_escape",
    "temporary_escape",
    "callback_into_nocallback",
    "unmatched_annotation",
    "malformed_annotation",
    "conflicting_annotation",
    "parse_error",
    "unused_suppression",
];

/// Fixture name prefixes, one per area of the corpus.
const AREAS: &[&str] = &[
    "stack_",
    "buffer_",
    "temporary_",
    "param_",
    "method_",
    "contract_",
    "annotation_",
    "parse_error_",
    "clean_",
    "interproc_",
    "leak_",
    "static_",
    "suppress_",
    "macro_",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Severity {
    Error,
    Warning,
}

impl Severity {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "error" => Some(Self::Error),
            "warning" => Some(Self::Warning),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One `//~` expectation.
#[derive(Debug)]
struct Expected {
    line: usize,
    code: String,
    severity: Option<Severity>,
}

/// One diagnostic of the JSON report.
#[derive(Debug)]
struct Actual {
    line: usize,
    code: String,
    severity: Option<Severity>,
    severity_text: String,
    message: String,
}

impl Actual {
    fn describe(&self) -> String {
        format!("{}({}): {:?}", self.code, self.severity_text, self.message)
    }
}

fn expected_to_string(e: &Expected) -> String {
    match e.severity {
        Some(s) => format!("{}({})", e.code, s.as_str()),
        None => e.code.clone(),
    }
}

/// Parses the `//~` markers of a fixture. Errors are problems of the fixture itself.
fn parse_markers(source: &str) -> Result<Vec<Expected>, Vec<String>> {
    let mut expected = Vec::new();
    let mut errors = Vec::new();
    for (index, text) in source.lines().enumerate() {
        let line = index + 1;
        let mut rest = text;
        while let Some(at) = rest.find("//~") {
            let after = &rest[at + 3..];
            let end = after.find("//~").unwrap_or(after.len());
            let marker = &after[..end];
            rest = &after[end..];

            let carets = marker.chars().take_while(|&c| c == '^').count();
            let codes = &marker[carets..];
            if !codes.is_empty() && !codes.starts_with(char::is_whitespace) {
                errors.push(format!(
                    "line {line}: malformed marker `//~{marker}` (expected `//~ CODE` or `//~^ CODE`)"
                ));
                continue;
            }
            let Some(target) = line.checked_sub(carets).filter(|&l| l >= 1) else {
                errors.push(format!(
                    "line {line}: marker `//~{marker}` points above the first line"
                ));
                continue;
            };
            let mut any = false;
            for word in codes.split_whitespace() {
                any = true;
                let (code, severity) = match word.split_once('(') {
                    None => (word, None),
                    Some((code, sev)) => match sev.strip_suffix(')').and_then(Severity::parse) {
                        Some(s) => (code, Some(s)),
                        None => {
                            errors.push(format!(
                                "line {line}: bad severity in `{word}` (expected `(error)` or `(warning)`)"
                            ));
                            continue;
                        }
                    },
                };
                if !KNOWN_CODES.contains(&code) {
                    errors.push(format!(
                        "line {line}: unknown diagnostic code `{code}` in marker (known: {})",
                        KNOWN_CODES.join(", ")
                    ));
                    continue;
                }
                expected.push(Expected {
                    line: target,
                    code: code.to_owned(),
                    severity,
                });
            }
            if !any {
                errors.push(format!("line {line}: marker `//~{marker}` names no code"));
            }
        }
    }
    if errors.is_empty() {
        Ok(expected)
    } else {
        Err(errors)
    }
}

/// Runs the analyzer in-process; returns (exit code, stdout, stderr).
fn run_cli(args: &[&str]) -> (i32, String, String) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = ffi_escape::cli::run(args.iter().copied(), &mut out, &mut err);
    (
        code,
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

/// Extracts the diagnostics from the JSON report, checking the document's shape on the way.
fn parse_report(json: &str, rel: &str, problems: &mut Vec<String>) -> Option<Vec<Actual>> {
    let doc: Value = match serde_json::from_str(json) {
        Ok(doc) => doc,
        Err(e) => {
            problems.push(format!(
                "`check --format json` printed invalid JSON ({e}):\n{json}"
            ));
            return None;
        }
    };
    if doc.get("version").and_then(Value::as_u64) != Some(1) {
        problems.push(format!("JSON report lacks `\"version\": 1`: {doc}"));
    }
    let Some(diagnostics) = doc.get("diagnostics").and_then(Value::as_array) else {
        problems.push(format!("JSON report lacks a `diagnostics` array: {doc}"));
        return None;
    };
    let mut actual = Vec::new();
    for d in diagnostics {
        let code = d.get("code").and_then(Value::as_str);
        let line = d.get("line").and_then(Value::as_u64);
        let (Some(code), Some(line)) = (code, line) else {
            problems.push(format!("diagnostic without `code` or `line`: {d}"));
            continue;
        };
        let severity_text = d
            .get("severity")
            .and_then(Value::as_str)
            .unwrap_or("<none>")
            .to_owned();
        let severity = Severity::parse(&severity_text);
        if severity.is_none() {
            problems.push(format!(
                "line {line}: {code}: severity {severity_text:?} is neither \"error\" nor \"warning\""
            ));
        }
        let message = d
            .get("message")
            .and_then(Value::as_str)
            .unwrap_or("<no message>")
            .to_owned();
        if let Some(file) = d.get("file").and_then(Value::as_str)
            && file.replace('\\', "/") != rel
        {
            problems.push(format!(
                "line {line}: {code}: `file` is {file:?}, expected the path as given, {rel:?}"
            ));
        }
        actual.push(Actual {
            line: usize::try_from(line).unwrap_or(usize::MAX),
            code: code.to_owned(),
            severity,
            severity_text,
            message,
        });
    }

    let count = |s: Severity| actual.iter().filter(|a| a.severity == Some(s)).count();
    let summary = doc.get("summary");
    for (field, s) in [("errors", Severity::Error), ("warnings", Severity::Warning)] {
        let reported = summary.and_then(|v| v.get(field)).and_then(Value::as_u64);
        if reported != Some(count(s) as u64) {
            problems.push(format!(
                "summary.{field} is {reported:?}, but the report has {} {} diagnostic(s)",
                count(s),
                s.as_str()
            ));
        }
    }
    Some(actual)
}

/// `unmatched_annotation` must quote the directive exactly as the seed words it:
/// `#ffi VERB NAME: no matched C function`, with the verb as written.
fn check_unmatched_messages(source: &str, actual: &[Actual], problems: &mut Vec<String>) {
    let lines: Vec<&str> = source.lines().collect();
    for a in actual.iter().filter(|a| a.code == "unmatched_annotation") {
        let Some(text) = a.line.checked_sub(1).and_then(|i| lines.get(i)) else {
            continue;
        };
        let Some(at) = text.find("#ffi") else {
            problems.push(format!(
                "line {}: unmatched_annotation on a line without a directive",
                a.line
            ));
            continue;
        };
        let directive = &text[at..];
        let directive = directive.split("*/").next().unwrap_or(directive);
        let fields: Vec<&str> = directive.split_whitespace().collect();
        if let [_, verb, name] = fields.as_slice() {
            let want = format!("#ffi {verb} {name}: no matched C function");
            if a.message != want {
                problems.push(format!(
                    "line {}: unmatched_annotation message is {:?}, expected {want:?}",
                    a.line, a.message
                ));
            }
        }
    }
}

/// Compares markers and diagnostics as multisets keyed by (line, code).
fn compare(expected: Vec<Expected>, actual: Vec<Actual>, problems: &mut Vec<String>) {
    let mut unmatched: Vec<Option<Actual>> = actual.into_iter().map(Some).collect();
    let mut missing = Vec::new();
    // Markers with a severity first: they can only take one kind of diagnostic, so matching
    // them before the severity-agnostic ones never steals a diagnostic that was needed.
    let (with_severity, without): (Vec<_>, Vec<_>) =
        expected.into_iter().partition(|e| e.severity.is_some());
    for e in with_severity.into_iter().chain(without) {
        let slot = unmatched.iter_mut().find(|slot| {
            slot.as_ref().is_some_and(|a| {
                a.line == e.line
                    && a.code == e.code
                    && (e.severity.is_none() || a.severity == e.severity)
            })
        });
        match slot {
            Some(slot) => *slot = None,
            None => missing.push(e),
        }
    }
    let mut unexpected: Vec<Actual> = unmatched.into_iter().flatten().collect();

    // A diagnostic on the right line with the right code but the wrong severity is reported
    // as such rather than as one missing and one unexpected diagnostic.
    let mut lines: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for e in missing {
        if let Some(i) = unexpected
            .iter()
            .position(|a| a.line == e.line && a.code == e.code)
        {
            let a = unexpected.remove(i);
            lines.entry(e.line).or_default().push(format!(
                "wrong severity: expected {}, found {}",
                expected_to_string(&e),
                a.describe()
            ));
        } else {
            lines
                .entry(e.line)
                .or_default()
                .push(format!("missing {}", expected_to_string(&e)));
        }
    }
    for a in unexpected {
        lines
            .entry(a.line)
            .or_default()
            .push(format!("unexpected {}", a.describe()));
    }
    for (line, items) in lines {
        for item in items {
            problems.push(format!("line {line}: {item}"));
        }
    }
}

/// Checks what a fixture must be on its own, without the analyzer: a `//!` opening line, an
/// area prefix, well-formed markers, and no marker in a fixture that pins a clean shape.
/// Returns the markers, or `None` when they could not be parsed.
fn fixture_hygiene(name: &str, source: &str, problems: &mut Vec<String>) -> Option<Vec<Expected>> {
    if !source.starts_with("//!") {
        problems.push("the fixture must open with a `//!` line saying what shape it pins".into());
    }
    if !AREAS.iter().any(|a| name.starts_with(a)) {
        problems.push(format!(
            "the fixture name must start with an area prefix: {}",
            AREAS.join(", ")
        ));
    }
    let expected = match parse_markers(source) {
        Ok(e) => e,
        Err(errors) => {
            problems.extend(errors.into_iter().map(|e| format!("bad marker: {e}")));
            return None;
        }
    };
    let stem = name.trim_end_matches(".rs");
    if (stem.starts_with("clean_") || stem.ends_with("_ok")) && !expected.is_empty() {
        problems.push(
            "`clean_*` and `*_ok` fixtures pin the absence of diagnostics and must carry no marker"
                .into(),
        );
    }
    Some(expected)
}

/// Checks one fixture; returns its problems (empty when it passes).
fn check_fixture(ui_dir: &Path, name: &str, assert: &Assert) -> Vec<String> {
    let rel = format!("ui/{name}");
    let stem = name.trim_end_matches(".rs");
    let mut problems = Vec::new();

    let source = match std::fs::read_to_string(ui_dir.join(name)) {
        Ok(s) => s,
        Err(e) => return vec![format!("cannot read the fixture: {e}")],
    };
    let Some(expected) = fixture_hygiene(name, &source, &mut problems) else {
        return problems;
    };

    // Diagnostics, through the JSON report.
    let (code, json, stderr) = run_cli(&["ffi-escape", "check", "--format", "json", &rel]);
    if code != 0 && code != 1 {
        problems.push(format!(
            "`ffi-escape check --format json {rel}` could not run (exit code {code}); stderr:\n{stderr}"
        ));
        return problems;
    }
    if let Some(actual) = parse_report(&json, &rel, &mut problems) {
        let has_error = actual.iter().any(|a| a.severity == Some(Severity::Error));
        let want = i32::from(has_error);
        if code != want {
            problems.push(format!(
                "exit code {code}, expected {want} ({} error-severity diagnostic(s))",
                actual
                    .iter()
                    .filter(|a| a.severity == Some(Severity::Error))
                    .count()
            ));
        }
        check_unmatched_messages(&source, &actual, &mut problems);
        compare(expected, actual, &mut problems);
    }

    // Human output, against the snapshot.
    let (human_code, human, human_err) =
        run_cli(&["ffi-escape", "check", "--color", "never", &rel]);
    if human_code != code {
        problems.push(format!(
            "`check --color never` exited with {human_code} but `check --format json` with {code}; stderr:\n{human_err}"
        ));
    }
    if let Some(problem) = check_snapshot(assert, &ui_dir.join(format!("{stem}.stderr")), human) {
        problems.push(problem);
    }
    problems
}

/// Compares `actual` with the snapshot file (or writes it, under `SNAPSHOTS=overwrite`).
fn check_snapshot(assert: &Assert, snapshot: &Path, actual: String) -> Option<String> {
    let shown = snapshot.display();
    if !snapshot.exists() && assert.selected_action() == Action::Verify {
        return Some(format!(
            "missing snapshot {shown} (create it with SNAPSHOTS=overwrite, then review it)"
        ));
    }
    let expected = Data::read_from(snapshot, None);
    assert
        .try_eq(Some(&"ffi-escape check"), Data::text(actual), expected)
        .err()
        .map(|e| format!("human output differs from {shown}:\n{e}"))
}

/// The fixture file names in `ui_dir` containing `filter`, sorted.
fn fixture_names(ui_dir: &Path, filter: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(ui_dir)
        .expect("cannot list tests/ui")
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            name.ends_with(".rs").then_some(name)
        })
        .filter(|name| name.contains(filter))
        .collect();
    names.sort();
    assert!(
        !names.is_empty(),
        "no fixture in tests/ui matches {filter:?}"
    );
    names
}

/// The fixtures are well-formed on their own (this holds before the analyzer exists).
#[test]
fn fixtures_are_well_formed() {
    let ui_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui");
    let mut report = String::new();
    for name in fixture_names(&ui_dir, "") {
        let source = std::fs::read_to_string(ui_dir.join(&name)).expect("unreadable fixture");
        let mut problems = Vec::new();
        fixture_hygiene(&name, &source, &mut problems);
        for problem in problems {
            let _ = writeln!(report, "ui/{name}: {problem}");
        }
    }
    assert!(report.is_empty(), "malformed UI fixtures:\n{report}");
}

#[test]
fn ui() {
    // Fixture paths are given relative to the tests package, so the output (and the
    // snapshots) do not depend on where the repository is checked out. Cargo already runs
    // integration tests there; this makes it hold for any runner.
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR"))
        .expect("cannot enter the tests package directory");
    let ui_dir = PathBuf::from("ui");
    let filter = std::env::var("FFI_ESCAPE_UI").unwrap_or_default();
    let names = fixture_names(&ui_dir.canonicalize().expect("no tests/ui"), &filter);

    let assert = Assert::new().action_env("SNAPSHOTS");
    let mut report = String::new();
    let mut failed = 0;
    for name in &names {
        let problems = check_fixture(&ui_dir, name, &assert);
        if !problems.is_empty() {
            failed += 1;
            for problem in problems {
                let _ = writeln!(report, "ui/{name}: {problem}");
            }
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} UI fixture(s) failed:\n\n{report}\n\
         (rerun a subset with FFI_ESCAPE_UI=NAME; bless snapshots with SNAPSHOTS=overwrite)",
        names.len()
    );
}

fn actual(line: usize, code: &str, severity: Severity) -> Actual {
    Actual {
        line,
        code: code.to_owned(),
        severity: Some(severity),
        severity_text: severity.as_str().to_owned(),
        message: format!("{code} here"),
    }
}

/// The runner's own marker syntax.
#[test]
fn markers_parse() {
    let source = "fn f() {\n    g(); //~ stack_escape(error) buffer_escape\n    //~^ temporary_escape //~^^ parse_error(warning)\n}\n";
    let got: Vec<(usize, String, Option<Severity>)> = parse_markers(source)
        .expect("valid markers")
        .into_iter()
        .map(|e| (e.line, e.code, e.severity))
        .collect();
    assert_eq!(
        got,
        [
            (2, "stack_escape".to_owned(), Some(Severity::Error)),
            (2, "buffer_escape".to_owned(), None),
            (2, "temporary_escape".to_owned(), None),
            (1, "parse_error".to_owned(), Some(Severity::Warning)),
        ]
    );
    let bad = "//~^ stack_escape\nx //~ stak_escape\ny //~ buffer_escape(fatal)\nz //~\nw //~x\n";
    let errors = parse_markers(bad).expect_err("invalid markers");
    assert_eq!(errors.len(), 5, "{errors:#?}");
}

/// The comparison is a multiset with optional severities, and names what differs.
#[test]
fn comparison_is_a_multiset() {
    let expected = parse_markers("a //~ stack_escape stack_escape\nb //~ buffer_escape\n")
        .expect("valid markers");
    let mut problems = Vec::new();
    compare(
        expected,
        vec![
            actual(1, "stack_escape", Severity::Warning),
            actual(1, "stack_escape", Severity::Error),
            actual(2, "buffer_escape", Severity::Error),
        ],
        &mut problems,
    );
    assert!(problems.is_empty(), "{problems:#?}");

    let expected = parse_markers(
        "a //~ stack_escape(error) stack_escape\nb //~ buffer_escape(warning)\nc //~ parse_error\n",
    )
    .expect("valid markers");
    let mut problems = Vec::new();
    compare(
        expected,
        vec![
            actual(1, "stack_escape", Severity::Warning),
            actual(1, "stack_escape", Severity::Error),
            actual(2, "buffer_escape", Severity::Error),
            actual(4, "temporary_escape", Severity::Warning),
        ],
        &mut problems,
    );
    assert_eq!(
        problems,
        [
            "line 2: wrong severity: expected buffer_escape(warning), found buffer_escape(error): \"buffer_escape here\"",
            "line 3: missing parse_error",
            "line 4: unexpected temporary_escape(warning): \"temporary_escape here\"",
        ]
    );
}

/// The JSON report is read as DESIGN section 5 specifies, and its summary and paths are checked.
#[test]
fn report_is_read_and_checked() {
    let json = r#"{"version":1,"diagnostics":[
        {"code":"stack_escape","severity":"error","message":"m","file":"ui/x.rs","line":3,"column":5,
         "end_line":3,"end_column":9,"labels":[],"help":null},
        {"code":"buffer_escape","severity":"warning","message":"n","file":"x.rs","line":4,"column":1,
         "end_line":4,"end_column":2,"labels":[],"help":null}],
        "summary":{"crates":1,"files":1,"parse_errors":0,"ffi_functions":1,"ffi_calls":2,"errors":1,"warnings":2}}"#;
    let mut problems = Vec::new();
    let got = parse_report(json, "ui/x.rs", &mut problems).expect("a report");
    assert_eq!(got.len(), 2);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("`file` is \"x.rs\""), "{problems:#?}");
    assert!(problems[1].contains("summary.warnings"), "{problems:#?}");

    let source = "// #ffi noescape nope\n/* #ffi escape gone */\n";
    let mut wrong = actual(1, "unmatched_annotation", Severity::Error);
    wrong.message = "no matched C function: nope".into();
    let mut right = actual(2, "unmatched_annotation", Severity::Error);
    right.message = "#ffi escape gone: no matched C function".into();
    let mut problems = Vec::new();
    check_unmatched_messages(source, &[wrong, right], &mut problems);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].contains("#ffi noescape nope: no matched C function"));
}

/// Snapshots: a missing one fails unless overwriting, which creates it; a stale one fails.
#[test]
fn snapshots_verify_and_overwrite() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("ui-snapshot-selftest");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("cannot create a scratch directory");
    let snapshot = dir.join("x.stderr");
    let verify = Assert::new().action(Action::Verify);
    let overwrite = Assert::new().action(Action::Overwrite);

    let missing = check_snapshot(&verify, &snapshot, "out\n".into());
    assert!(missing.is_some_and(|m| m.contains("missing snapshot")));
    assert!(!snapshot.exists());

    assert_eq!(check_snapshot(&overwrite, &snapshot, "out\n".into()), None);
    assert_eq!(
        std::fs::read_to_string(&snapshot).ok().as_deref(),
        Some("out\n")
    );
    assert_eq!(check_snapshot(&verify, &snapshot, "out\n".into()), None);

    let stale = check_snapshot(&verify, &snapshot, "changed\n".into());
    assert!(stale.is_some_and(|m| m.contains("differs")));
    let _ = std::fs::remove_dir_all(&dir);
}
