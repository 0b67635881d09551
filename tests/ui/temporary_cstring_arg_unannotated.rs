//! `f(CString::new("x").unwrap().as_ptr())`: the temporary lives until the end of the
//! statement, so it is alive during the call, but an unannotated callee is assumed to keep
//! the pointer. `temporary_escape`, warning.

use std::ffi::{CString, c_char};

unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn run() {
    unsafe { set_name(CString::new("worker").unwrap().as_ptr()) }; //~ temporary_escape(warning)
}
