//! A pointer to a temporary that is already dead, passed to a `noescape` callee: nothing is
//! retained, but the callee reads freed memory, and DESIGN section 4 has `temporary_escape`
//! fire also when a pointer "is used after the temporary died". Error.

use std::ffi::{CString, c_char};

// #ffi noescape strlen
unsafe extern "C" {
    fn strlen(s: *const c_char) -> usize;
}

pub fn run() -> usize {
    let p = CString::new("hello").unwrap().as_ptr();
    unsafe { strlen(p) } //~ temporary_escape(error)
}
