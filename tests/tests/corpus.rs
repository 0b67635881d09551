//! Robustness on real code: every crate of the benchmark corpus is analyzed without a panic,
//! a crash or a "could not run", and the JSON document is well formed. And the prefilter's
//! promise: with it (the default) and with `--parse-all`, every crate's `check` and `escapes`
//! output is the same.
//!
//! The corpus is not in the repository: `../shared/corpus/fetch.sh DIR` vendors it (about 175
//! crates). The test looks in `$FFI_ESCAPE_CORPUS`, then in `../shared/corpus`, for a `vendor/`
//! directory, and skips with a printed reason when there is none.

use std::path::PathBuf;

fn corpus() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("FFI_ESCAPE_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|c| c.join("vendor"))
        .find(|v| v.is_dir())
}

#[test]
fn every_corpus_crate_is_analyzed_without_a_crash() {
    let Some(vendor) = corpus() else {
        println!(
            "skipped: no vendored corpus (run `../shared/corpus/fetch.sh DIR` and set FFI_ESCAPE_CORPUS=DIR)"
        );
        return;
    };
    let mut crates: Vec<PathBuf> = std::fs::read_dir(&vendor)
        .expect("the corpus directory is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    assert!(!crates.is_empty(), "no crate in {}", vendor.display());
    let (mut files, mut calls) = (0, 0);
    let mut differ = Vec::new();
    for krate in &crates {
        let run = ffi_escape_tests::run([
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            krate.as_os_str(),
        ]);
        let doc = run.assert_ran(&krate.display().to_string()).json();
        // The prefilter changes nothing: `check` and `escapes`, with and without it.
        let json = |args: &[&str]| {
            let mut argv: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
            argv.push(krate.as_os_str());
            ffi_escape_tests::run(argv).stdout
        };
        let same = json(&["check", "--parse-all", "--format", "json"]) == run.stdout
            && json(&["escapes", "--format", "json"])
                == json(&["escapes", "--parse-all", "--format", "json"]);
        if !same {
            differ.push(krate.display().to_string());
        }
        files += doc["summary"]["files"].as_u64().expect("summary.files");
        calls += doc["summary"]["ffi_calls"]
            .as_u64()
            .expect("summary.ffi_calls");
    }
    println!(
        "{} crates, {files} files, {calls} FFI call sites analyzed",
        crates.len()
    );
    assert!(
        files >= crates.len() as u64,
        "every crate has at least one file"
    );
    assert!(
        differ.is_empty(),
        "the prefilter changed the output of {} crate(s) (compare with `check --parse-all`): {differ:?}",
        differ.len()
    );
}
