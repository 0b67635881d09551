//! Directives with a missing field: no name, and nothing at all after the marker word. Both
//! are `malformed_annotation`, error, at the directive's line.

use std::ffi::c_void;

// #ffi noescape
//~^ malformed_annotation(error)
// #ffi
//~^ malformed_annotation(error)
unsafe extern "C" {
    fn consume(p: *const c_void);
}

pub fn run() {
    unsafe { consume(std::ptr::null()) };
}
