//! An unmatched directive inside a `/* */` block comment is reported at its line too.

use std::ffi::c_void;

/* #ffi escape vanished */
//~^ unmatched_annotation(error)
unsafe extern "C" {
    fn consume(p: *const c_void);
}

pub fn run() {
    unsafe { consume(std::ptr::null()) };
}
