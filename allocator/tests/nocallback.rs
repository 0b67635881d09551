//! The nocallback guard's fatal paths, which abort the process and so can only be observed
//! from outside: each test re-runs this test binary as a child (selected by an environment
//! variable) and inspects how it died and what it printed.

use std::process::{Command, Output};

use ffi_escape_alloc::nocallback;

/// Names the child behaviour when this binary runs as a child.
const CHILD: &str = "FFI_ESCAPE_ALLOC_NOCALLBACK_CHILD";

/// Stands in for a Rust function exported to C as a callback.
extern "C" fn callback() {
    nocallback::check();
}

/// Stands in for a C function that calls its callback.
extern "C" fn c_calls_back(cb: extern "C" fn()) {
    cb();
}

/// Runs the test `name` of this binary in a child process with `CHILD` set to `name`.
fn run_child(name: &str) -> Output {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", name, "--nocapture", "--test-threads=1"])
        .env(CHILD, name)
        .output()
        .unwrap()
}

fn is_child(name: &str) -> bool {
    std::env::var(CHILD).is_ok_and(|v| v == name)
}

/// Asserts that the child was aborted (not a panic's exit code 101) and printed `message`.
fn assert_aborted_with(output: &Output, message: &str) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !output.status.success(),
        "child succeeded; stderr:\n{stderr}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(
            output.status.signal(),
            Some(6),
            "child not killed by SIGABRT ({:?}); stderr:\n{stderr}",
            output.status
        );
    }
    assert!(
        stderr.contains(message),
        "no {message:?} in stderr:\n{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains("after the call"),
        "the child went on after the fatal error"
    );
}

#[test]
fn callback_inside_a_guarded_call_aborts() {
    if is_child("callback_inside_a_guarded_call_aborts") {
        nocallback::call(|| c_calls_back(callback));
        println!("after the call");
        return;
    }
    let output = run_child("callback_inside_a_guarded_call_aborts");
    assert_aborted_with(
        &output,
        "function marked with #ffi nocallback called back into Rust",
    );
    // The message names where the guarded call was made.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("guarded call at "), "{stderr}");
    assert!(stderr.contains("tests/nocallback.rs:"), "{stderr}");
}

#[test]
fn guarded_call_inside_a_guarded_call_aborts() {
    if is_child("guarded_call_inside_a_guarded_call_aborts") {
        nocallback::call(|| nocallback::call(|| ()));
        println!("after the call");
        return;
    }
    let output = run_child("guarded_call_inside_a_guarded_call_aborts");
    assert_aborted_with(&output, "unexpected setting nocallback");
}

#[test]
fn callback_outside_a_guarded_call_runs() {
    // In-process: the unguarded path must not abort this test binary.
    c_calls_back(callback);
    nocallback::call(|| ());
    c_calls_back(callback);
    assert!(!nocallback::is_marked());
}
