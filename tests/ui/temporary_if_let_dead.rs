//! A `CString` temporary in the block of an `if let` whose pointer is used after the `if`:
//! the temporary is dead at the call. `temporary_escape`, error.

use std::ffi::{CString, c_char};
use std::ptr;

unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn run(name: Option<&str>) {
    let p = if let Some(name) = name { CString::new(name).unwrap().as_ptr() } else { ptr::null() };
    unsafe { set_name(p) }; //~ temporary_escape(error)
}
