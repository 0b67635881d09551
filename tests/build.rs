//! Compiles the C fixtures in `c/` into a static library for the integration tests.
//!
//! Cargo passes the library to this package's library target (`src/lib.rs`); a test, example
//! or binary that calls the fixtures links it with `use ffi_escape_tests as _;`.

use std::path::Path;

fn main() {
    let dir = Path::new("c");
    println!("cargo::rerun-if-changed=c");
    let mut sources: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/c exists")
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "c"))
        .collect();
    sources.sort();
    for source in &sources {
        println!("cargo::rerun-if-changed={}", source.display());
    }
    cc::Build::new()
        .files(&sources)
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .compile("ffi_escape_fixtures");
}
