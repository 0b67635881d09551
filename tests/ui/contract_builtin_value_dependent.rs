//! Built-in contracts whose retention depends on another argument: `sqlite3_bind_text` keeps
//! the text with `SQLITE_STATIC` (a null destructor) and copies it with `SQLITE_TRANSIENT`;
//! `curl_easy_setopt` keeps `CURLOPT_POSTFIELDS` data and copies `CURLOPT_URL` strings.

use std::ffi::{CString, c_char, c_int, c_void};

pub const SQLITE_STATIC: Option<unsafe extern "C" fn(*mut c_void)> = None;
pub fn SQLITE_TRANSIENT() -> Option<unsafe extern "C" fn(*mut c_void)> {
    None
}
pub const CURLOPT_POSTFIELDS: c_int = 10015;
pub const CURLOPT_URL: c_int = 10002;

unsafe extern "C" {
    fn sqlite3_bind_text(
        stmt: *mut c_void,
        index: c_int,
        text: *const c_char,
        n: c_int,
        destructor: Option<unsafe extern "C" fn(*mut c_void)>,
    ) -> c_int;
    fn curl_easy_setopt(handle: *mut c_void, option: c_int, ...) -> c_int;
}

pub fn bind(stmt: *mut c_void, value: &str) {
    let text = CString::new(value).unwrap();
    unsafe {
        sqlite3_bind_text(stmt, 1, text.as_ptr(), -1, SQLITE_TRANSIENT());
        sqlite3_bind_text(stmt, 2, text.as_ptr(), -1, SQLITE_STATIC); //~ buffer_escape(error)
    }
}

pub fn post(handle: *mut c_void, url: &str, body: &str) {
    let url = CString::new(url).unwrap();
    let body = CString::new(body).unwrap();
    unsafe {
        curl_easy_setopt(handle, CURLOPT_URL, url.as_ptr());
        curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.as_ptr()); //~ buffer_escape(error)
    }
}
