//! A directive naming a Rust function (not an item of an extern block) matches no C function:
//! `unmatched_annotation`.

use std::ffi::c_void;

// #ffi noescape helper
//~^ unmatched_annotation(error)
unsafe extern "C" {
    fn consume(p: *const c_void);
}

pub fn helper() {
    unsafe { consume(std::ptr::null()) };
}
