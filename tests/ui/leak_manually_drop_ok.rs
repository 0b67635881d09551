//! `ManuallyDrop::new(owner)` never drops the owner: wrapping before the call, or moving the
//! owner into a `ManuallyDrop` after it. No diagnostic.

use std::ffi::{CString, c_char};
use std::mem::ManuallyDrop;

// #ffi escape set_name
unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn run() {
    let first = ManuallyDrop::new(CString::new("first").unwrap());
    unsafe { set_name(first.as_ptr()) };

    let second = CString::new("second").unwrap();
    unsafe { set_name(second.as_ptr()) };
    let _keep = ManuallyDrop::new(second);
}
