//! `nocallback` says nothing about retention: a function annotated only `nocallback` is still
//! assumed to keep its pointers. `stack_escape`, warning.

use std::ffi::c_void;

// #ffi nocallback keep
unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn run() -> i32 {
    let mut x = 0_i32;
    unsafe { keep(&mut x as *mut i32 as *mut c_void) }; //~ stack_escape(warning)
    x
}
