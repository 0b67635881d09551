//! `as_mut_ptr()` of a stack array points into the array itself (a stack object, not a heap
//! buffer), and the retaining callee keeps it: `stack_escape`, error.

use std::ffi::c_char;

// #ffi escape set_output_buffer
unsafe extern "C" {
    fn set_output_buffer(buf: *mut c_char, len: usize);
}

pub fn configure() {
    let mut buf = [0 as c_char; 256];
    unsafe { set_output_buffer(buf.as_mut_ptr(), 256) }; //~ stack_escape(error)
}
