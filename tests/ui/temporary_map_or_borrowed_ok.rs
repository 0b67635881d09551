//! The common correct idiom `Option<&CStr>::map_or(ptr::null(), |s| s.as_ptr())`: the closure
//! consumes a reference, not an owner, so nothing dies in it; the pointee is caller-owned (a
//! `c".."` literal at the only call site). No diagnostic.

use std::ffi::{CStr, c_char};
use std::ptr;

// #ffi escape set_window_title
unsafe extern "C" {
    fn set_window_title(title: *const c_char);
}

pub fn set_title(title: Option<&CStr>) {
    let p = title.map_or(ptr::null(), |s| s.as_ptr());
    unsafe { set_window_title(p) };
}

pub fn run() {
    set_title(Some(c"main window"));
    set_title(None);
}
