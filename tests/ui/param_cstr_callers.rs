//! `set_name(name: &CStr)` leaks its parameter to a retaining C function. Three callers: a
//! `CString` local (`buffer_escape` at `&n`), a `CString` temporary (`temporary_escape` at
//! the argument), and a `c".."` literal (static, fine).

use std::ffi::{CStr, CString, c_char};

// #ffi escape c_set_name
unsafe extern "C" {
    fn c_set_name(name: *const c_char);
}

pub fn set_name(name: &CStr) {
    unsafe { c_set_name(name.as_ptr()) }
}

pub fn from_local() {
    let n = CString::new("local").unwrap();
    set_name(&n); //~ buffer_escape(error)
}

pub fn from_temporary() {
    set_name(&CString::new("temporary").unwrap()); //~ temporary_escape(error)
}

pub fn from_literal() {
    set_name(c"literal");
}
