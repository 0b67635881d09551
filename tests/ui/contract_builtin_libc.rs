//! Built-in contracts at work, with no directive: `strlen` only reads its argument, `putenv`
//! keeps it (the string becomes part of the environment), `setvbuf` keeps the buffer.
//! Declared in an `extern` block or reached through `libc::`, the contract is the same.

use std::ffi::{CString, c_char, c_int, c_void};

unsafe extern "C" {
    fn strlen(s: *const c_char) -> usize;
    fn putenv(string: *mut c_char) -> c_int;
    fn setvbuf(stream: *mut c_void, buf: *mut c_char, mode: c_int, size: usize) -> c_int;
}

pub fn length(s: &str) -> usize {
    unsafe { strlen(CString::new(s).unwrap().as_ptr()) }
}

pub fn set_env(kv: &str) {
    let kv = CString::new(kv).unwrap();
    unsafe { putenv(kv.as_ptr() as *mut c_char) }; //~ buffer_escape(error)
}

pub fn set_env_libc(kv: &str) {
    let kv = CString::new(kv).unwrap();
    unsafe { libc::putenv(kv.into_raw()) };
}

pub fn buffered(stream: *mut c_void) {
    let mut buf = [0 as c_char; 8192];
    unsafe { setvbuf(stream, buf.as_mut_ptr(), 0, buf.len()) }; //~ stack_escape(error)
}
