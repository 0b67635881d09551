//! Pointers to locals passed to Rust callees the analyzer cannot resolve (a closure
//! parameter, a function-pointer variable, a std function): such callees are assumed not to
//! leak (DESIGN section 3). No diagnostic.

use std::ffi::c_void;

pub fn run(callback: impl Fn(*mut c_void)) -> i32 {
    let mut a = 0_i32;
    callback(&mut a as *mut i32 as *mut c_void);
    let f: fn(*mut c_void) = |_p| {};
    let mut b = 0_i32;
    f(&mut b as *mut i32 as *mut c_void);
    let mut c = 1_i32;
    let mut d = 2_i32;
    std::mem::swap(&mut c, &mut d);
    a + b + c + d
}

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub fn unrelated(p: *mut c_void) {
    unsafe { keep(p) }
}
