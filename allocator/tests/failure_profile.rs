//! dhat where it pays: a failing allocation assertion re-runs the closure under dhat, writes
//! dhat's profile, and names the file in its message; the profile is dhat's JSON.

mod support;

use std::cell::Cell;
use std::hint::black_box;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};

use ffi_escape_alloc::{
    Alloc, Threads, assert_allocs_ge, assert_allocs_lt, measure_dhat, profile_dhat,
};
use serde_json::Value;
use support::{assert_panics_with, panic_message};

#[global_allocator]
static ALLOC: Alloc = Alloc;

/// Where the assertions of this binary write their profiles (`CARGO_TARGET_TMPDIR` is set for
/// integration tests).
fn profile_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("ffi-escape-alloc")
}

/// The profile path a failure message names.
fn named_profile(message: &str) -> PathBuf {
    let start = message
        .find("heap objects): ")
        .or_else(|| message.find("every time): "))
        .unwrap_or_else(|| panic!("no profile named: {message}"));
    let rest = &message[start..];
    let rest = &rest[rest.find(": ").unwrap() + 2..];
    let end = rest
        .find(" (open it in DHAT's dh_view.html)")
        .unwrap_or_else(|| panic!("no viewer hint: {message}"));
    PathBuf::from(&rest[..end])
}

/// The profile at `path`, checked to be dhat's heap-profile JSON.
fn dhat_json(path: &Path) -> Value {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    let json: Value = serde_json::from_str(&text).expect("dhat's profile is JSON");
    assert_eq!(json["dhatFileVersion"], 2, "{json:#}");
    assert_eq!(json["mode"], "rust-heap", "{json:#}");
    assert!(json["pps"].is_array(), "{json:#}");
    assert!(json["ftbl"].is_array(), "{json:#}");
    json
}

/// Sum of a field over the profile's program points (`tbk`: blocks, `tb`: bytes).
fn total(json: &Value, field: &str) -> u64 {
    json["pps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pp| pp[field].as_u64().unwrap())
        .sum()
}

#[test]
fn a_failing_assertion_writes_a_dhat_profile_and_names_it() {
    let message = panic_message(|| {
        assert_allocs_lt!(
            100,
            || [Box::new(black_box(1)), Box::new(black_box(2))],
            1,
            "boxes for {}",
            "two"
        )
    });
    assert!(
        message.contains("allocation assertion failed: boxes for two"),
        "{message}"
    );
    assert!(
        message.contains("allocated 2 heap objects per run (200 in 100 runs, warm-up not counted)"),
        "{message}"
    );
    assert!(
        message.contains("expected: fewer than 1 per run"),
        "{message}"
    );
    assert!(message.contains("Box::new(black_box(1))"), "{message}");
    assert!(
        message.contains("dhat profile of 100 more runs (200 heap objects): "),
        "{message}"
    );

    let path = named_profile(&message);
    assert_eq!(path.parent(), Some(profile_dir().as_path()), "{message}");
    let name = path.file_name().unwrap().to_str().unwrap();
    let prefix = "a_failing_assertion_writes_a_dhat_profile_and_names_it-failure_profile-";
    let line = name
        .strip_prefix(prefix)
        .and_then(|n| n.strip_suffix(".json"))
        .unwrap_or_else(|| panic!("named after the test and the call site: {name}"));
    assert!(line.parse::<u32>().is_ok(), "{name}");

    let json = dhat_json(&path);
    assert_eq!(total(&json, "tbk"), 200, "two boxes in each of 100 runs");
    assert_eq!(total(&json, "tb"), 200 * 4, "of an i32 each");
    // The backtraces lead back to this file.
    let ftbl = json["ftbl"].as_array().unwrap();
    assert!(
        ftbl.iter()
            .any(|frame| frame.as_str().unwrap().contains("failure_profile.rs")),
        "{ftbl:#?}"
    );
}

#[test]
fn a_profile_of_nothing_is_still_written() {
    let message = panic_message(|| assert_allocs_ge!(10, || black_box(1), 1));
    assert!(
        message.contains("allocated 0 heap objects per run (0 in 10 runs, warm-up not counted)"),
        "{message}"
    );
    assert!(
        message.contains("expected: at least 1 per run"),
        "{message}"
    );
    assert!(
        message.contains("dhat profile of 10 more runs (0 heap objects): "),
        "{message}"
    );
    let json = dhat_json(&named_profile(&message));
    assert_eq!(total(&json, "tbk"), 0);
}

#[test]
fn a_profile_says_when_the_rerun_allocated_differently() {
    let calls = Cell::new(0_u32);
    // One box per call for the warm-up and the 10 counted calls, two afterwards.
    let message = panic_message(AssertUnwindSafe(|| {
        assert_allocs_lt!(
            10,
            || {
                calls.set(calls.get() + 1);
                let boxes = if calls.get() <= 11 { 1 } else { 2 };
                (0..boxes).map(Box::new).collect::<Vec<_>>()
            },
            1
        )
    }));
    // Counted: the Vec and one box per call; the re-run: the Vec and two boxes.
    assert!(
        message.contains("allocated 2 heap objects per run (20 in 10 runs"),
        "{message}"
    );
    assert!(
        message.contains("dhat profile of 10 more runs (30 heap objects, not 20: the closure does not allocate the same every time): "),
        "{message}"
    );
    assert_eq!(total(&dhat_json(&named_profile(&message)), "tbk"), 30);
}

#[test]
fn an_all_thread_failure_says_so() {
    let message = panic_message(
        || assert_allocs_lt!(threads = Threads::All; 5, || Box::new(black_box(1_u64)), 1),
    );
    assert!(
        message.contains("warm-up not counted, every thread counted)"),
        "{message}"
    );
    assert!(
        message.contains("dhat profile of 5 more runs ("),
        "{message}"
    );
    dhat_json(&named_profile(&message));
}

#[test]
fn profile_dhat_writes_where_asked() {
    let path = profile_dir().join("explicit").join("profile_dhat.json");
    let allocs = profile_dhat(Threads::Current, 10, &path, || vec![black_box(1_u16); 8])
        .expect("the profile is written");
    assert_eq!(
        (allocs.runs, allocs.allocations, allocs.allocated_bytes),
        (10, 10, 160)
    );
    let json = dhat_json(&path);
    assert_eq!(total(&json, "tbk"), 10);
    assert_eq!(total(&json, "tb"), 160);
}

#[test]
fn measure_dhat_writes_nothing_and_counts() {
    let allocs = measure_dhat(Threads::Current, 10, || Box::new(black_box(1_u8)));
    assert_eq!((allocs.allocations, allocs.allocated_bytes), (10, 10));
}

#[test]
fn dhat_measurements_do_not_nest() {
    assert_panics_with("a dhat measurement cannot be made inside another", || {
        measure_dhat(Threads::Current, 1, || {
            measure_dhat(Threads::Current, 1, || ());
        });
    });
    // The refused inner one left the outer's state clean: another measurement works.
    assert_eq!(
        measure_dhat(Threads::Current, 3, || Box::new(1_u8)).allocations,
        3
    );
}
