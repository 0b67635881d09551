//! `mem::forget(owner)` after handing its buffer to C leaks the buffer (path and imported
//! syntax). No diagnostic.

use std::ffi::{CString, c_char};
use std::mem;

// #ffi escape set_buffer
// #ffi escape set_name
unsafe extern "C" {
    fn set_buffer(p: *const u8, len: usize);
    fn set_name(name: *const c_char);
}

pub fn run() {
    let v = vec![0_u8; 64];
    unsafe { set_buffer(v.as_ptr(), 64) };
    std::mem::forget(v);

    let name = CString::new("forgotten").unwrap();
    unsafe { set_name(name.as_ptr()) };
    mem::forget(name);
}
