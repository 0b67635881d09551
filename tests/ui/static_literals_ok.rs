//! Literals are static: `"..\0".as_ptr()`, `b"..".as_ptr()` and `c"..".as_ptr()` handed to a
//! retaining C function. No diagnostic.

use std::ffi::c_char;

// #ffi escape set_name
unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn run() {
    unsafe { set_name("plain\0".as_ptr().cast()) };
    unsafe { set_name(b"bytes\0".as_ptr().cast()) };
    unsafe { set_name(c"cstr".as_ptr()) };
    let p = c"bound".as_ptr();
    unsafe { set_name(p) };
}
