//! Two owners, one returned and one dropped: only the dropped one is reported.

use std::ffi::{CString, c_char};

// #ffi escape set_name
unsafe extern "C" {
    fn set_name(name: *const c_char);
}

pub fn configure() -> CString {
    let kept = CString::new("kept").unwrap();
    let lost = CString::new("lost").unwrap();
    unsafe { set_name(kept.as_ptr()) };
    unsafe { set_name(lost.as_ptr()) }; //~ buffer_escape(error)
    kept
}
