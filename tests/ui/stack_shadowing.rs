//! Shadowing makes a new object but does not drop the old one: the pointer still points to the
//! first `x`, alive at the call, so there is one `stack_escape` warning (for the first `x`).

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *const c_void);
}

pub fn run() -> i32 {
    let x = 1;
    let p = &x as *const i32;
    let x = x + 1;
    unsafe { keep(p.cast()) }; //~ stack_escape(warning)
    x
}
