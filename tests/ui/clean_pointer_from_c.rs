//! Pointers that come from C (return values of FFI functions) point to no Rust object, so
//! handing them back to a retaining C function is fine. No diagnostic.

use std::ffi::{c_char, c_void};

// #ffi escape ctx_set_name
unsafe extern "C" {
    fn ctx_new() -> *mut c_void;
    fn ctx_default_name() -> *const c_char;
    fn ctx_set_name(ctx: *mut c_void, name: *const c_char);
    fn ctx_free(ctx: *mut c_void);
}

pub fn run() {
    let ctx = unsafe { ctx_new() };
    let name = unsafe { ctx_default_name() };
    unsafe { ctx_set_name(ctx, name) };
    unsafe { ctx_free(ctx) };
}
