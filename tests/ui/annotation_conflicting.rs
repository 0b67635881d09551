//! `noescape` and `escape` for one function is `conflicting_annotation`, error, at the second
//! directive's line, in either order.

use std::ffi::c_void;

// #ffi noescape fetch
// #ffi escape fetch
//~^ conflicting_annotation(error)
// #ffi escape store
// #ffi noescape store
//~^ conflicting_annotation(error)
unsafe extern "C" {
    fn fetch(p: *const c_void);
    fn store(p: *const c_void);
}

pub fn run() {
    unsafe { fetch(std::ptr::null()) };
    unsafe { store(std::ptr::null()) };
}
