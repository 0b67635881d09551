//! A local of an inner block is already dead when its pointer reaches C after the block: the
//! pointee is dead at the call, so `stack_escape` is an error even for an unannotated callee.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *const c_void);
}

pub fn run() {
    let p: *const i32;
    {
        let x = 1;
        p = &x as *const i32;
    }
    unsafe { keep(p.cast()) }; //~ stack_escape(error)
}
