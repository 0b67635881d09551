//! Go parity: `TestCgoNoCallback`. A child process calls the C function
//! `run_c_should_not_callback` through the nocallback guard; C calls back into Rust, and the
//! child dies with `function marked with #ffi nocallback called back into Rust` on stderr.
//! The same call without the guard succeeds. Marking a thread that is already marked is an
//! error too (Go: `unexpected setting cgoNoCallback`).
//!
//! The guard aborts the process, so each fatal case runs in a child: this test binary re-runs
//! itself with `--exact NAME` and the environment variable `CHILD` set to the test's name, and
//! that test then plays the child's part instead of the parent's.

use std::process::{Command, Output};

use ffi_escape_alloc::nocallback;
// Links the C fixtures (`tests/c/`), which build.rs attaches to the library target.
use ffi_escape_tests as _;

#[path = "../parity/cgo_no_callback.rs"]
mod parity;

/// Set to a test's name in the child process that plays that test's child part.
const CHILD: &str = "FFI_ESCAPE_CGO_NO_CALLBACK_CHILD";

/// What the guard prints when C calls back during a guarded call (Go: "function marked with
/// #cgo nocallback called back into Go").
const CALLED_BACK: &str = "function marked with #ffi nocallback called back into Rust";

/// Printed by a child that got past the call, as Go's test program prints "OK".
const OK: &str = "OK: the child got past the call";

fn is_child(test: &str) -> bool {
    std::env::var(CHILD).is_ok_and(|v| v == test)
}

/// Runs `test` of this binary as a child process that plays the child part.
fn run_child(test: &str) -> Output {
    Command::new(std::env::current_exe().expect("the test binary's path"))
        .args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD, test)
        .output()
        .expect("the child process runs")
}

/// The child's stdout and stderr, for failure messages.
fn describe(output: &Output) -> String {
    format!(
        "status: {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Asserts that the child died by `abort` (not by a panic's exit code 101), printing `message`
/// on stderr, and did not get past the call.
fn assert_aborted(output: &Output, message: &str) {
    assert!(
        !output.status.success(),
        "child succeeded\n{}",
        describe(output)
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            output.status.signal(),
            Some(6),
            "child not killed by SIGABRT\n{}",
            describe(output)
        );
    }
    assert!(
        String::from_utf8_lossy(&output.stderr).contains(message),
        "no {message:?} on stderr\n{}",
        describe(output)
    );
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains(OK),
        "the child went on after the call\n{}",
        describe(output)
    );
}

#[test]
fn cgo_no_callback() {
    if is_child("cgo_no_callback") {
        parity::guarded();
        println!("{OK}");
        return;
    }
    let output = run_child("cgo_no_callback");
    assert_aborted(&output, CALLED_BACK);
}

#[test]
fn cgo_callback_without_the_guard_succeeds() {
    if is_child("cgo_callback_without_the_guard_succeeds") {
        parity::unguarded();
        println!("{OK}");
        return;
    }
    let output = run_child("cgo_callback_without_the_guard_succeeds");
    assert!(output.status.success(), "{}", describe(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout).contains(OK),
        "{}",
        describe(&output)
    );
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains(CALLED_BACK),
        "{}",
        describe(&output)
    );
}

#[test]
fn cgo_marking_a_marked_thread_aborts() {
    if is_child("cgo_marking_a_marked_thread_aborts") {
        nocallback::call(parity::guarded);
        println!("{OK}");
        return;
    }
    let output = run_child("cgo_marking_a_marked_thread_aborts");
    assert_aborted(&output, "unexpected setting nocallback");
}
