//! A function leaks its parameter; the caller passes a pointer into a `Box` (`&mut *b`) and
//! then returns the `Box`, so the heap object outlives the frame. No diagnostic.

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

pub fn install() -> Box<State> {
    let mut b = Box::new(State { n: 0 });
    attach(&mut *b);
    b
}
