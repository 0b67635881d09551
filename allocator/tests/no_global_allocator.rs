//! The harness must refuse to count when dhat's allocator is not the global allocator: this
//! binary deliberately keeps the system allocator, so any count would be a false zero.

use std::panic::catch_unwind;
use std::process::ExitCode;

use ffi_escape_alloc::{Profiler, allocs_per_run};

fn main() -> ExitCode {
    ffi_escape_alloc::harness::run(&[
        ("start_refuses", start_refuses),
        ("counting_refuses_after_refused_start", counting_refuses),
    ])
}

/// The panic message of `f`, which must panic. The expected panic is not printed.
fn panic_message(f: impl FnOnce() + std::panic::UnwindSafe) -> String {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = catch_unwind(f);
    std::panic::set_hook(hook);
    let payload = result.expect_err("expected a panic");
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        panic!("panic payload is not a string")
    }
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
