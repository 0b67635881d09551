//! A `CString` temporary handed to a retaining C function: freed at the end of the statement
//! while C keeps the pointer. `temporary_escape`, error (certain escape).

use std::ffi::{CString, c_char};

// #ffi escape set_name
unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn run(name: &str) {
    unsafe { set_name(CString::new(name).unwrap().as_ptr()) }; //~ temporary_escape(error)
}
