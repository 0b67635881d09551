//! Go parity: `TestNotMatchedCFunction`. A directive naming a C function that no extern block
//! declares is an error with cgo's wording, `#ffi noescape noMatchedCFunction: no matched C
//! function`, at the directive's line, and the run exits 1.

mod cgo_support;

use cgo_support::{check, line_of, run_analyzer};

const FILE: &str = "not_matched_c_function.rs";
const MESSAGE: &str = "#ffi noescape noMatchedCFunction: no matched C function";

#[test]
fn not_matched_c_function() {
    let analysis = check(FILE);
    let diagnostics = analysis.diagnostics();
    assert_eq!(diagnostics.len(), 1, "one diagnostic: {diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["message"], MESSAGE, "{d:#}");
    assert_eq!(d["code"], "unmatched_annotation", "{d:#}");
    assert_eq!(d["severity"], "error", "{d:#}");
    assert_eq!(
        d["line"],
        line_of(FILE, "// #ffi noescape noMatchedCFunction"),
        "at the directive: {d:#}"
    );
    assert_eq!(analysis.json["summary"]["errors"], 1, "{}", analysis.stdout);
    assert_eq!(analysis.exit_code, 1, "stderr:\n{}", analysis.stderr);
}

#[test]
fn not_matched_c_function_human_output() {
    // Go's errorcheck looks for the message in the compiler's output: so do we, in the
    // human-readable rendering.
    let analysis = run_analyzer(&["check", "--color", "never"], FILE);
    let output = format!("{}{}", analysis.stdout, analysis.stderr);
    assert!(output.contains(MESSAGE), "{output}");
    assert!(output.contains("unmatched_annotation"), "{output}");
    assert_eq!(analysis.exit_code, 1, "{output}");
}
