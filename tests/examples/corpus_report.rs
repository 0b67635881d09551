//! Regenerates the table of `reports/corpus.md`: every crate of the vendored corpus analyzed
//! with and without the built-in contracts, in-process.
//!
//! `cargo run --release -p ffi-escape-tests --example corpus_report -- CORPUS_DIR`
//! (CORPUS_DIR made by `../shared/corpus/fetch.sh CORPUS_DIR`; its `vendor/` is scanned).

use std::path::PathBuf;
use std::process::ExitCode;

/// `(ffi_calls, errors, warnings)` of `check --format json` on one crate.
fn check(krate: &PathBuf, builtin: bool) -> Option<(u64, u64, u64)> {
    let mut args: Vec<std::ffi::OsString> = vec![
        "ffi-escape".into(),
        "check".into(),
        "--format".into(),
        "json".into(),
    ];
    if !builtin {
        args.push("--no-builtin-contracts".into());
    }
    args.push(krate.into());
    let run = ffi_escape_tests::run(args);
    if run.code == 2 {
        eprintln!("{}: {}", krate.display(), run.stderr);
        return None;
    }
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).ok()?;
    let s = &doc["summary"];
    Some((
        s["ffi_calls"].as_u64()?,
        s["errors"].as_u64()?,
        s["warnings"].as_u64()?,
    ))
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: corpus_report CORPUS_DIR (made by ../shared/corpus/fetch.sh)");
        return ExitCode::from(2);
    };
    let Ok(entries) = std::fs::read_dir(dir.join("vendor")) else {
        eprintln!("no vendor/ directory in {}", dir.display());
        return ExitCode::from(2);
    };
    let mut crates: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    let mut rows = Vec::new();
    for krate in &crates {
        let (Some(with), Some(without)) = (check(krate, true), check(krate, false)) else {
            continue;
        };
        rows.push((
            krate
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            with,
            without,
        ));
    }
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    println!(
        "| crate | FFI call sites | warnings without built-ins | with built-ins | errors without / with |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut total = (0, 0, 0, 0, 0);
    for (name, with, without) in &rows {
        total = (
            total.0 + with.0,
            total.1 + without.2,
            total.2 + with.2,
            total.3 + without.1,
            total.4 + with.1,
        );
        if with.0 > 0 || with.2 > 0 || without.2 > 0 {
            println!(
                "| {name} | {} | {} | {} | {} / {} |",
                with.0, without.2, with.2, without.1, with.1
            );
        }
    }
    println!(
        "| **all {} crates** | {} | {} | {} | {} / {} |",
        rows.len(),
        total.0,
        total.1,
        total.2,
        total.3,
        total.4
    );
    ExitCode::SUCCESS
}
