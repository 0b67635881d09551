//! A directive with an extra field is `malformed_annotation` and has no effect: `keep` stays
//! unannotated, so handing it a stack pointer is still a `stack_escape` warning.

use std::ffi::c_void;

// #ffi noescape keep now
//~^ malformed_annotation(error)
unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn run() -> i32 {
    let mut x = 0_i32;
    unsafe { keep(&mut x as *mut i32 as *mut c_void) }; //~ stack_escape(warning)
    x
}
