//! The mistake that `tests/parity/cgo_no_escape.rs` avoids, analyzed by
//! `tests/tests/cgo_no_escape.rs` and never run: the address of a stack `String` is handed to a
//! C function that keeps it, and the `String` dies when the function returns, leaving C a
//! dangling pointer.
//!
//! The analyzer must report `stack_escape` on the call's argument. Nothing declares what
//! `run_c_without_noescape` does with the pointer (as in Go's test, it carries no directive),
//! so the escape is assumed and the diagnostic is a warning.

use std::ffi::c_void;

unsafe extern "C" {
    /// Keeps `p` after it returns.
    pub fn run_c_without_noescape(p: *mut c_void);
}

/// Hands C a pointer to a local that dies at the closing brace.
pub fn without_noescape_on_the_stack() {
    let mut s = String::new();
    unsafe { run_c_without_noescape(&mut s as *mut String as *mut c_void) };
}
