//! Two boxes registered with a retaining C function; only one is leaked with `Box::into_raw`,
//! the other is dropped at the end of the function: one `buffer_escape`, error.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

pub fn install() {
    let leaked = Box::new(State { n: 0 });
    let mut dropped = Box::new(State { n: 1 });
    unsafe { register(Box::into_raw(leaked).cast()) };
    unsafe { register(&mut *dropped as *mut State as *mut c_void) }; //~ buffer_escape(error)
}
