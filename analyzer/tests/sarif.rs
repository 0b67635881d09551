//! `--format sarif` is valid SARIF 2.1.0: the output for the demo crate and for fixtures with
//! every kind of finding is checked against the official OASIS schema
//! (`tests/schemas/sarif-schema-2.1.0.json` at the workspace root), and its results match the
//! JSON output's diagnostics one for one.

use std::path::Path;

fn run(args: &[&str]) -> (i32, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let mut argv = vec!["ffi-escape"];
    argv.extend(args);
    let code = ffi_escape::cli::run(argv, &mut out, &mut err);
    assert_ne!(code, 2, "{}", String::from_utf8_lossy(&err));
    (code, String::from_utf8(out).expect("UTF-8 output"))
}

#[test]
fn sarif_output_is_valid_against_the_official_schema() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("tests/schemas/sarif-schema-2.1.0.json"))
            .expect("schema"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    // The validator does reject what is not SARIF.
    let broken = serde_json::json!({ "version": "2.1.0", "runs": [{ "results": [] }] });
    assert!(
        !validator.is_valid(&broken),
        "a run without `tool` is not SARIF"
    );
    let demo = root.join("tests/demo");
    let ui = root.join("tests/ui");
    let paths = [
        demo.clone(),
        ui.join("annotation_malformed_unknown_verb.rs"),
        ui.join("parse_error_with_ffi.rs"),
        ui.join("temporary_map_or_consumed.rs"),
    ];
    for path in &paths {
        let path = path.to_str().expect("UTF-8 path");
        let (code, sarif) = run(&["check", "--format", "sarif", path]);
        let doc: serde_json::Value = serde_json::from_str(&sarif).expect("SARIF is JSON");
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");

        let (json_code, json) = run(&["check", "--format", "json", path]);
        let json: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        assert_eq!(code, json_code, "{path}: same exit code");
        let results = doc["runs"][0]["results"].as_array().expect("results");
        let diagnostics = json["diagnostics"].as_array().expect("diagnostics");
        assert!(
            !results.is_empty(),
            "{path}: the fixtures all have findings"
        );
        assert_eq!(results.len(), diagnostics.len(), "{path}");
        for (r, d) in results.iter().zip(diagnostics) {
            assert_eq!(r["ruleId"], d["code"], "{path}");
            assert_eq!(r["level"], d["severity"], "{path}");
            let region = &r["locations"][0]["physicalLocation"]["region"];
            assert_eq!(region["startLine"], d["line"], "{path}");
            assert_eq!(region["startColumn"], d["column"], "{path}");
        }
    }
}
