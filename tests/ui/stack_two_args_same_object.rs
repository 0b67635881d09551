//! Two arguments of one FFI call reach the same stack object (the struct and, field-insensitively,
//! its field): one diagnostic per object and call, at the first argument that reaches it.

use std::ffi::c_void;

// #ffi escape bind
unsafe extern "C" {
    fn bind(ctx: *mut c_void, counter: *mut u32);
}

pub struct State {
    pub count: u32,
}

pub fn install() {
    let mut state = State { count: 0 };
    unsafe { bind(&mut state as *mut State as *mut c_void, &mut state.count) }; //~ stack_escape(error)
}
