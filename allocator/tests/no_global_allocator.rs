//! The harness must refuse to count when dhat's allocator is not the global allocator: this
//! binary deliberately keeps the system allocator, so any count would be a false zero.

mod support;

use std::process::ExitCode;
use support::panic_message;

use ffi_escape_alloc::{Profiler, allocs_per_run};

fn main() -> ExitCode {
    ffi_escape_alloc::harness::run(&[
        ("start_refuses", start_refuses),
        ("counting_refuses_after_refused_start", counting_refuses),
    ])
}

fn start_refuses() {
    let message = panic_message(|| drop(Profiler::start()));
    assert!(
        message.contains("dhat's allocator is not the global allocator"),
        "{message}"
    );
    assert!(message.contains("#[global_allocator]"), "{message}");
    assert!(!Profiler::is_running());
    // The refusal left no dhat profiler behind: starting again is refused the same way,
    // not with "a Profiler is already running".
    let message = panic_message(|| drop(Profiler::start()));
    assert!(
        message.contains("dhat's allocator is not the global allocator"),
        "{message}"
    );
}

fn counting_refuses() {
    let message = panic_message(|| {
        allocs_per_run(10, || Box::new(1_u64));
    });
    assert!(
        message.contains("needs a running Profiler, and none is running"),
        "{message}"
    );
}
