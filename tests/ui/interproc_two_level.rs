//! A parameter leaked through two levels of Rust calls (`top` -> `middle` -> `attach` -> C):
//! the diagnostic is only in the function where the object lives, at its call of `middle`;
//! `relay`, which only forwards its own parameter, gets a summary.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

fn attach(s: &mut State) {
    unsafe { register(s as *mut State as *mut c_void) }
}

fn middle(s: &mut State) {
    s.n += 1;
    attach(s);
}

pub fn relay(s: &mut State) {
    middle(s);
}

pub fn top() {
    let mut s = State { n: 0 };
    middle(&mut s); //~ stack_escape(error)
}
