//! `CString::into_raw` (method and path syntax) leaks the buffer to C, which frees it later
//! (or never). No diagnostic.

use std::ffi::{CString, c_char};

// #ffi escape set_name
unsafe extern "C" {
    fn set_name(name: *mut c_char);
}

pub fn run(name: &str) {
    let raw = CString::new(name).unwrap().into_raw();
    unsafe { set_name(raw) };
    let owned = CString::new("second").unwrap();
    unsafe { set_name(CString::into_raw(owned)) };
}
