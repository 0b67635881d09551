//! The fixed version of `temporary_map_or_consumed`: `opt.as_ref().map_or(..)` borrows, the
//! option lives past the call, and the callee copies the title (`noescape`). No diagnostic.

use std::ffi::{CString, c_char};
use std::ptr;

// #ffi noescape set_window_title
unsafe extern "C" {
    fn set_window_title(title: *const c_char);
}

pub fn set_title(title: &str) {
    let title = if title.is_empty() { None } else { Some(CString::new(title).unwrap()) };
    let p = title.as_ref().map_or(ptr::null(), |s| s.as_ptr());
    unsafe { set_window_title(p) };
}
