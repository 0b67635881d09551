//! A function leaks its parameter to a retaining C function; the callers pass leaked heap
//! objects (`Box::leak`, and `Box::into_raw` turned back into a reference). No diagnostic.

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

pub fn install_leaked() {
    let state: &'static mut State = Box::leak(Box::new(State { n: 0 }));
    attach(state);
}

pub fn install_raw() {
    let raw = Box::into_raw(Box::new(State { n: 1 }));
    attach(unsafe { &mut *raw });
}
