//! A directive naming no FFI function: `unmatched_annotation`, error, at the directive's line,
//! with the seed's wording `#ffi noescape frobnicate: no matched C function`.

use std::ffi::c_void;

// #ffi noescape frobnicate
//~^ unmatched_annotation(error)
unsafe extern "C" {
    fn peek(p: *const c_void) -> u32;
}

pub fn run() -> u32 {
    unsafe { peek(std::ptr::null()) }
}
