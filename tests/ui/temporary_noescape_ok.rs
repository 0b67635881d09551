//! The shape rustc deliberately accepts, `strlen(CString::new(..).unwrap().as_ptr())`, with a
//! `noescape` callee: the temporary is alive during the call and nothing is retained. No
//! diagnostic.

use std::ffi::{CString, c_char};

// #ffi noescape strlen
unsafe extern "C" {
    fn strlen(s: *const c_char) -> usize;
}

pub fn c_len(s: &str) -> usize {
    unsafe { strlen(CString::new(s).unwrap().as_ptr()) }
}
