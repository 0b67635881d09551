//! A closure captures an outer local by reference and hands its address to C. The object is
//! the enclosing function's local; the diagnostic is at the FFI argument inside the closure.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn run() -> u64 {
    let mut total: u64 = 0;
    let mut register = || unsafe { keep(&mut total as *mut u64 as *mut c_void) }; //~ stack_escape(warning)
    register();
    total
}
