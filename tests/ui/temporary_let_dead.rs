//! `let p = CString::new("x").unwrap().as_ptr();` -- the temporary dies at the end of the
//! `let`, so the pointer is already dangling at the call: `temporary_escape`, error even for
//! an unannotated callee. Same for a `vec![]` temporary.

use std::ffi::{CString, c_char};

unsafe extern "C" {
    fn set_name(name: *const c_char);
    fn keep(p: *const u8);
}

pub fn run() {
    let name = CString::new("worker").unwrap().as_ptr();
    unsafe { set_name(name) }; //~ temporary_escape(error)

    let data = vec![1_u8, 2, 3].as_ptr();
    unsafe { keep(data) }; //~ temporary_escape(error)
}
