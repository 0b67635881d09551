//! Helpers shared by the allocator's test binaries.
//!
//! Several tests of a binary run at once, so expected panics are silenced per thread (a panic
//! hook installed once that skips the threads expecting one) rather than by swapping the
//! process-wide hook around each, which would race.

use std::cell::Cell;
use std::panic::{UnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    /// The thread is inside [`panic_message`]: its panic is expected and not printed.
    static EXPECTING_PANIC: Cell<bool> = const { Cell::new(false) };
}

/// The panic message of `f`, which must panic. The expected panic is not printed.
pub fn panic_message(f: impl FnOnce() + UnwindSafe) -> String {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let print = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !EXPECTING_PANIC.with(Cell::get) {
                print(info);
            }
        }));
    });
    EXPECTING_PANIC.with(|e| e.set(true));
    let result = catch_unwind(f);
    EXPECTING_PANIC.with(|e| e.set(false));
    let payload = result.expect_err("expected a panic");
    if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else {
        panic!("panic payload is not a string")
    }
}

/// Asserts that `f` panics with a message containing `fragment`.
#[allow(dead_code)] // not every test binary uses every helper
#[track_caller]
pub fn assert_panics_with(fragment: &str, f: impl FnOnce() + UnwindSafe) {
    let message = panic_message(f);
    assert!(
        message.contains(fragment),
        "expected a panic saying {fragment:?}, got: {message}"
    );
}
