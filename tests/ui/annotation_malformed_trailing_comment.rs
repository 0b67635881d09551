//! A comment after the name makes a directive malformed (DESIGN: exactly three fields): it is
//! `malformed_annotation`, and `peek` stays unannotated (`stack_escape` warning).

use std::ffi::c_void;

// #ffi noescape peek // only reads during the call
//~^ malformed_annotation(error)
unsafe extern "C" {
    fn peek(p: *const c_void) -> u32;
}

pub fn run() -> u32 {
    let x = 7_u32;
    unsafe { peek(&x as *const u32 as *const c_void) } //~ stack_escape(warning)
}
