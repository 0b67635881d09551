//! `mem::forget` leaks heap buffers, not stack memory: forgetting a stack struct after handing
//! its address to C still leaves C with a pointer into a dead frame. `stack_escape`, error.

use std::ffi::c_void;
use std::mem;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

pub fn install() {
    let mut s = State { n: 0 };
    unsafe { register(&mut s as *mut State as *mut c_void) }; //~ stack_escape(error)
    mem::forget(s);
}
