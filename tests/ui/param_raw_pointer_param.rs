//! A raw-pointer parameter handed to C leaks like a reference parameter: the caller that owns
//! the stack object gets `stack_escape` at the argument of its call.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn forward(p: *mut c_void) {
    unsafe { keep(p) }
}

pub fn run() -> i32 {
    let mut x = 0_i32;
    forward(&mut x as *mut i32 as *mut c_void); //~ stack_escape(warning)
    x
}
