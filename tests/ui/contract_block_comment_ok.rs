//! Directives in block comments: one on a single line, two on separate lines of one
//! multi-line block comment, and one inline inside the extern block. All apply, so every
//! call is to a `noescape` function. No diagnostic.

use std::ffi::c_void;

/* #ffi noescape inspect */

/*
#ffi noescape measure
#ffi nocallback measure
*/

unsafe extern "C" {
    fn inspect(p: *const c_void);
    fn measure(p: *const c_void) -> usize;
    /* #ffi noescape compare */
    fn compare(a: *const c_void, b: *const c_void) -> i32;
}

pub fn run() -> usize {
    let a = 1_u64;
    let b = 2_u64;
    unsafe { inspect(&a as *const u64 as *const c_void) };
    let n = unsafe { measure(&b as *const u64 as *const c_void) };
    let c = unsafe { compare(&a as *const u64 as *const c_void, &b as *const u64 as *const c_void) };
    n + c as usize
}
