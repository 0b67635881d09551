//! `Box::leak` gives a `&'static mut`: passing it to a retaining C function, directly or as
//! the receiver of a method that leaks `self`, is fine. No diagnostic.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

impl State {
    pub fn attach(&mut self) {
        unsafe { register(self as *mut Self as *mut c_void) }
    }
}

pub fn install() {
    let state: &'static mut State = Box::leak(Box::new(State { n: 0 }));
    unsafe { register(state as *mut State as *mut c_void) };
    let other = Box::leak(Box::new(State { n: 1 }));
    other.attach();
}
