//! A stack struct handed to a C function annotated `escape`: the escape is certain, so
//! `stack_escape` is an error.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub hits: u32,
}

pub fn install() {
    let mut state = State { hits: 0 };
    unsafe { register(&mut state as *mut State as *mut c_void) }; //~ stack_escape(error)
}
