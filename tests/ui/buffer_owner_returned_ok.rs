//! A heap owner moved out of the function (returned) keeps its buffer alive, wherever the
//! owner moves: C may keep the pointer. No diagnostic, even though the callee retains.

use std::ffi::{CString, c_char};

// #ffi escape set_name
unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn register_name(name: &str) -> CString {
    let c = CString::new(name).unwrap();
    unsafe { set_name(c.as_ptr()) };
    c
}
