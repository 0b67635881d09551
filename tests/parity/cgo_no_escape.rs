//! The Rust side of Go's `TestCgoNoEscape` (`testprogcgo/cgonoescape.go`).
//!
//! `tests/tests/cgo_no_escape.rs` both runs it (counting heap objects with dhat) and analyzes
//! it with ffi-escape, and the two must agree. `with_noescape` hands the address of a local
//! `String` to a C function declared not to retain it: the value may stay on the stack, and
//! 100 calls allocate fewer than 100 heap objects. `without_noescape` hands one to a C function
//! that keeps it (see `tests/c/parity.c`): written the way the analyzer requires, the value is
//! moved to the heap and leaked so that it outlives the call, and 100 calls allocate at least
//! 100 heap objects.
//!
//! The directive after this header is a plain line comment of exactly three fields.

// #ffi noescape run_c_with_noescape

use std::ffi::c_void;

unsafe extern "C" {
    /// Only looks at `p` during the call.
    pub fn run_c_with_noescape(p: *mut c_void);
    /// Keeps `p` after it returns.
    pub fn run_c_without_noescape(p: *mut c_void);
}

/// Passes the address of a stack `String` to the noescape C function: no heap object.
#[inline(never)]
pub fn with_noescape() {
    let mut s = String::new();
    unsafe { run_c_with_noescape(&mut s as *mut String as *mut c_void) };
}

/// Passes the address of a `String` to the C function that keeps it. The value must outlive
/// the call, so it is boxed and leaked: one heap object per call, never freed, since C may
/// still hold the pointer.
#[inline(never)]
pub fn without_noescape() {
    let s: &'static mut String = Box::leak(Box::new(String::new()));
    unsafe { run_c_without_noescape(s as *mut String as *mut c_void) };
}
