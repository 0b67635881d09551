//! The static side of `TestCgoNoCallback`: the analyzer, run on the source whose calls the
//! runtime guard stops (`tests/parity/cgo_no_callback.rs`), reports `callback_into_nocallback`
//! on each call that hands a Rust function to the C function declared nocallback.

mod cgo_support;

use cgo_support::{check, line_of};

const FILE: &str = "cgo_no_callback.rs";

#[test]
fn cgo_no_callback_lint() {
    let analysis = check(FILE);
    let diagnostics = analysis.diagnostics();
    let mut lines: Vec<u64> = diagnostics
        .iter()
        .map(|d| {
            assert_eq!(d["code"], "callback_into_nocallback", "{d:#}");
            assert_eq!(d["severity"], "error", "{d:#}");
            d["line"].as_u64().expect("`line` is an integer")
        })
        .collect();
    lines.sort_unstable();
    let expected = vec![
        line_of(
            FILE,
            "nocallback::call(|| unsafe { run_c_should_not_callback(",
        ),
        line_of(
            FILE,
            "    unsafe { run_c_should_not_callback(callback_to_rust) };",
        ),
    ];
    assert_eq!(lines, expected, "{diagnostics:#?}");
    assert_eq!(analysis.exit_code, 1, "stderr:\n{}", analysis.stderr);
}
