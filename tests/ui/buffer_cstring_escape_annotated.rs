//! A `CString` owned by a local (`CString::new(..).expect(..)`) handed to a retaining C
//! function: the buffer is freed when the local drops at the end of the function.
//! `buffer_escape`, error (certain escape).

use std::ffi::{CString, c_char};

// #ffi escape set_app_name
unsafe extern "C" {
    fn set_app_name(name: *const c_char);
}

pub fn init(name: &str) {
    let c_name = CString::new(name).expect("no NUL in the app name");
    unsafe { set_app_name(c_name.as_ptr()) }; //~ buffer_escape(error)
}
