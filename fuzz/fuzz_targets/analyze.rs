//! The analysis entry point on arbitrary bytes, both ways a file is read: the input is written
//! to a `.rs` file and `ffi-escape check --format json FILE` runs in-process (a file named on
//! the command line is parsed whole), then as the module `input` of a package,
//! `ffi-escape check --format json DIR` (the file goes through the prefilter: its skeleton,
//! and its function view when it can reach C). Any panic, an exit code other than 0 or 1, or
//! output that is not JSON is a crash.
//!
//! `cargo fuzz run -s none analyze -- -max_total_time=600` (the default AddressSanitizer
//! build needs a nightly toolchain; `tests/tests/robustness.rs` also has a deterministic
//! pseudo-fuzzer).

#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One package per process; its `src/input.rs` is rewritten at every run.
fn package() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ffi-escape-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("src")).expect("create the fuzz package");
        std::fs::write(
            dir.join("Cargo.toml"),
            "[package]\nname = \"fuzzed\"\nversion = \"0.1.0\"\nedition = \"2024\"\n",
        )
        .expect("write the fuzz package's manifest");
        std::fs::write(dir.join("src/lib.rs"), "mod input;\n").expect("write the crate root");
        dir
    })
}

/// Runs `check --format json` on `path` and checks the exit code, the JSON and its file count.
fn check(path: &Path, files: u64) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let args = [
        "ffi-escape".as_ref(),
        "check".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        path.as_os_str(),
    ];
    let code = ffi_escape::cli::run(args, &mut out, &mut err);
    assert!(
        code == 0 || code == 1,
        "exit code {code}: {}",
        String::from_utf8_lossy(&err)
    );
    let doc: serde_json::Value =
        serde_json::from_slice(&out).expect("check --format json prints JSON");
    assert!(doc["summary"]["files"].as_u64() == Some(files), "{doc}");
}

fuzz_target!(|data: &[u8]| {
    let dir = package();
    let input = dir.join("src/input.rs");
    std::fs::write(&input, data).expect("write the fuzz input");
    check(&input, 1);
    check(dir, 2);
});
