//! The analysis entry point on arbitrary bytes: the input is written to a `.rs` file and
//! `ffi-escape check --format json FILE` runs in-process. Any panic, an exit code other than
//! 0 or 1, or output that is not JSON is a crash.
//!
//! `cargo fuzz run analyze -- -max_total_time=600` (cargo-fuzz needs a nightly toolchain;
//! on stable, `tests/tests/robustness.rs` has a deterministic pseudo-fuzzer instead).

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// One input file per process, rewritten at every run.
fn input_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("ffi-escape-fuzz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the fuzz input directory");
        dir.join("input.rs")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = input_path();
    std::fs::write(path, data).expect("write the fuzz input");
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
    assert!(doc["summary"]["files"].as_u64() == Some(1), "{doc}");
});
