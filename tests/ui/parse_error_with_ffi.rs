//! A file with FFI bugs that does not parse: only the `parse_error` is reported (a file that
//! cannot be parsed cannot be analyzed), and the tool does not stop.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn run() -> i32 {
    let mut x = 0_i32;
    unsafe { keep(&mut x as *mut i32 as *mut c_void) };
    x
}

pub fn broken() -> {
    //~^ parse_error(error)
}
