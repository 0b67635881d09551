//! A by-value parameter (`mut s: State`) lives in the callee's own frame, unlike a reference
//! parameter: handing its address to C is a `stack_escape` at the FFI argument, and the
//! caller is not blamed.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub hits: u32,
}

pub fn install(mut s: State) {
    s.hits = 0;
    unsafe { register(&mut s as *mut State as *mut c_void) }; //~ stack_escape(error)
}

pub fn caller() {
    let state = State { hits: 3 };
    install(state);
}
