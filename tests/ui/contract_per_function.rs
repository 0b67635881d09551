//! Contracts are per function: `noescape` (nothing), `escape` (certain: error), unannotated
//! (assumed: warning), in one function.

use std::ffi::c_void;

// #ffi noescape inspect
// #ffi escape retain
unsafe extern "C" {
    fn inspect(p: *const c_void);
    fn retain(p: *const c_void);
    fn touch(p: *const c_void);
}

pub fn run() {
    let a = 1_i32;
    unsafe { inspect(&a as *const i32 as *const c_void) };
    let b = 2_i32;
    unsafe { retain(&b as *const i32 as *const c_void) }; //~ stack_escape(error)
    let c = 3_i32;
    unsafe { touch(&c as *const i32 as *const c_void) }; //~ stack_escape(warning)
}
