//! A function that leaks its reference parameter to C, with no caller in the crate: the
//! object is caller-owned, so the function only gets a `leaking param` summary. No
//! diagnostic.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

pub fn attach(s: &mut State) {
    unsafe { register(s as *mut State as *mut c_void) }
}

pub fn attach_shared(s: &State) {
    unsafe { register(s as *const State as *mut c_void) }
}
