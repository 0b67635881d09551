//! An unknown verb (`keep`) is `malformed_annotation`, not a contract.

use std::ffi::c_void;

// #ffi keep consume
//~^ malformed_annotation(error)
unsafe extern "C" {
    fn consume(p: *const c_void);
}

pub fn run() {
    unsafe { consume(std::ptr::null()) };
}
