//! A pointer to an integer stack local handed to an unannotated C function: the escape is
//! assumed and the local is still alive during the call, so `stack_escape` is a warning.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn run() -> i32 {
    let mut counter: i32 = 0;
    unsafe { keep(&mut counter as *mut i32 as *mut c_void) }; //~ stack_escape(warning)
    counter += 1;
    counter
}
