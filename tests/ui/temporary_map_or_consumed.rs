//! Real-world shape: `opt.map_or(ptr::null(), |s| s.as_ptr())` with `opt: Option<CString>`.
//! `map_or` consumes the option: the `CString` moves into the closure parameter `s` and is
//! dropped when the closure returns, so the pointer dangles before the call.
//! `temporary_escape`, error.

use std::ffi::{CString, c_char};
use std::ptr;

unsafe extern "C" {
    fn set_window_title(title: *const c_char);
}

pub fn set_title(title: &str) {
    let title = if title.is_empty() { None } else { Some(CString::new(title).unwrap()) };
    let p = title.map_or(ptr::null(), |s| s.as_ptr());
    unsafe { set_window_title(p) }; //~ temporary_escape(error)
}
