//! Null pointers point to nothing: `ptr::null()`, `ptr::null_mut()`, `0 as *const _` and an
//! empty `Option` unwrapped to null, handed to retaining C functions. No diagnostic.

use std::ffi::{c_char, c_void};
use std::ptr;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void, name: *const c_char);
}

pub fn run() {
    unsafe { register(ptr::null_mut(), ptr::null()) };
    unsafe { register(0 as *mut c_void, 0 as *const c_char) };
    let none: Option<*mut c_void> = None;
    unsafe { register(none.unwrap_or(ptr::null_mut()), ptr::null()) };
}
