//! A misspelt name close to an existing FFI function: `unmatched_annotation` with a
//! "did you mean `strlen`" help.

use std::ffi::c_char;

// #ffi noescape strlne
//~^ unmatched_annotation(error)
unsafe extern "C" {
    fn strlen(s: *const c_char) -> usize;
}

pub fn len() -> usize {
    unsafe { strlen(c"abc".as_ptr()) }
}
