//! Directives are split on any whitespace: runs of spaces, a tab, no space after the comment
//! opener. These are valid, so both calls go to `noescape` functions. No diagnostic.

use std::ffi::c_void;

//    #ffi   noescape	inspect
//#ffi noescape measure
unsafe extern "C" {
    fn inspect(p: *const c_void);
    fn measure(p: *const c_void) -> usize;
}

pub fn run() -> usize {
    let a = 1_u64;
    unsafe { inspect(&a as *const u64 as *const c_void) };
    unsafe { measure(&a as *const u64 as *const c_void) }
}
