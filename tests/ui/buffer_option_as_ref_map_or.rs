//! `opt.as_ref().map_or(ptr::null(), |s| s.as_ptr())` borrows the `CString` inside the
//! option, which lives to the end of the function: alive at the call, but the callee is
//! unannotated and the option drops at the end of the function. `buffer_escape`, warning.

use std::ffi::{CString, c_char};
use std::ptr;

unsafe extern "C" {
    fn set_window_title(title: *const c_char);
}

pub fn set_title(title: &str) {
    let title = if title.is_empty() { None } else { Some(CString::new(title).unwrap()) };
    let p = title.as_ref().map_or(ptr::null(), |s| s.as_ptr());
    unsafe { set_window_title(p) }; //~ buffer_escape(warning)
}
