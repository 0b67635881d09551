//! Go parity: `TestCgoNoEscape`. 100 calls that hand a local to a `noescape` C function
//! allocate fewer than 100 heap objects; 100 calls of the escaping variant, heap-promoted as
//! the analyzer requires, allocate at least 100. The analyzer, run on the same source file,
//! must agree: no diagnostics, `does_not_escape` for the first value, `moved_to_heap` for the
//! second — and a `stack_escape` for the variant that leaves the value on the stack.
//!
//! Ordinary `#[test]`s, run in parallel: `ffi_escape_alloc::Alloc` is the global allocator and
//! each measurement counts the heap objects of its own thread, so the analyzer tests running
//! beside the measurements do not add to their counts.

use ffi_escape_alloc::{Alloc, assert_allocs_ge, assert_allocs_lt};
// Links the C fixtures (`tests/c/`), which build.rs attaches to the library target.
use ffi_escape_tests as _;

mod cgo_support;
#[path = "../parity/cgo_no_escape.rs"]
mod parity;

use cgo_support::{check, escapes, line_of, names_function};

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// Calls per measurement, as in Go's test.
const NUM: u64 = 100;

/// The analyzed source of the measured functions.
const SOURCE: &str = "cgo_no_escape.rs";

#[test]
fn noescape_calls_allocate_fewer_than_100_heap_objects() {
    // Fewer than 1 per call on average, i.e. fewer than 100 in 100 calls.
    assert_allocs_lt!(
        NUM,
        parity::with_noescape,
        1,
        "too many heap objects allocated"
    );
}

#[test]
fn escaping_calls_allocate_at_least_100_heap_objects() {
    // At least 1 per call on average, i.e. at least 100 in 100 calls.
    assert_allocs_ge!(
        NUM,
        parity::without_noescape,
        1,
        "too few heap objects allocated"
    );
}

#[test]
fn analyzer_reports_no_diagnostics() {
    let analysis = check(SOURCE);
    assert_eq!(
        analysis.diagnostics(),
        &[] as &[serde_json::Value],
        "stdout:\n{}",
        analysis.stdout
    );
    assert_eq!(analysis.exit_code, 0, "stderr:\n{}", analysis.stderr);
    let summary = &analysis.json["summary"];
    assert_eq!(summary["errors"], 0, "{summary}");
    assert_eq!(summary["warnings"], 0, "{summary}");
    assert_eq!(summary["ffi_functions"], 2, "{summary}");
    assert_eq!(summary["ffi_calls"], 2, "{summary}");
}

#[test]
fn analyzer_verdicts_agree_with_the_counts() {
    let analysis = escapes(SOURCE);
    assert_eq!(analysis.exit_code, 0, "stderr:\n{}", analysis.stderr);
    let escapes = analysis.escapes();
    let verdicts_of = |function: &str| -> Vec<&serde_json::Value> {
        escapes
            .iter()
            .filter(|e| e["name"] == "s" && names_function(&e["function"], function))
            .collect()
    };

    let on_stack = verdicts_of("with_noescape");
    assert_eq!(
        on_stack.len(),
        1,
        "one verdict for `s` in with_noescape: {escapes:#?}"
    );
    assert_eq!(
        on_stack[0]["verdict"], "does_not_escape",
        "{:#}",
        on_stack[0]
    );
    assert_eq!(
        on_stack[0]["line"],
        line_of(SOURCE, "let mut s = String::new();"),
        "{:#}",
        on_stack[0]
    );

    let on_heap = verdicts_of("without_noescape");
    assert_eq!(
        on_heap.len(),
        1,
        "one verdict for `s` in without_noescape: {escapes:#?}"
    );
    assert_eq!(on_heap[0]["verdict"], "moved_to_heap", "{:#}", on_heap[0]);
    assert_eq!(
        on_heap[0]["line"],
        line_of(SOURCE, "let s: &'static mut String = Box::leak("),
        "{:#}",
        on_heap[0]
    );
    let via = on_heap[0]["via"].as_array().expect("`via` is an array");
    assert!(
        via.iter().any(|callee| callee == "run_c_without_noescape"),
        "escapes via run_c_without_noescape: {:#}",
        on_heap[0]
    );
}

#[test]
fn analyzer_flags_a_stack_local_kept_by_c() {
    let file = "cgo_escape_bug.rs";
    let analysis = check(file);
    let diagnostics = analysis.diagnostics();
    assert_eq!(diagnostics.len(), 1, "one diagnostic: {diagnostics:#?}");
    let d = &diagnostics[0];
    assert_eq!(d["code"], "stack_escape", "{d:#}");
    // run_c_without_noescape carries no directive: the escape is assumed, hence a warning,
    // and a run with only warnings exits 0.
    assert_eq!(d["severity"], "warning", "{d:#}");
    assert_eq!(
        d["line"],
        line_of(file, "run_c_without_noescape(&mut s as *mut String"),
        "on the call's argument: {d:#}"
    );
    assert_eq!(analysis.exit_code, 0, "stderr:\n{}", analysis.stderr);
}
