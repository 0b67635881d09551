//! `unmatched_annotation` for every verb; the message quotes the verb as written.

use std::ffi::c_void;

// #ffi noescape missing_reader
//~^ unmatched_annotation(error)
// #ffi escape missing_keeper
//~^ unmatched_annotation(error)
// #ffi nocallback missing_caller
//~^ unmatched_annotation(error)
unsafe extern "C" {
    fn present(p: *const c_void);
}

pub fn run() {
    unsafe { present(std::ptr::null()) };
}
