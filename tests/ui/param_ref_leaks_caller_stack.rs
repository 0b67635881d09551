//! DESIGN section 3's worked example: `attach` hands its `&mut State` parameter to a retaining C
//! function (summary: leaking param), so the caller that owns the stack object gets the
//! diagnostic at the argument of its `attach` call; the `noescape` call through `p` is fine.

use std::ffi::c_void;

// #ffi escape register
// #ffi noescape peek
unsafe extern "C" {
    fn register(ctx: *mut c_void);
    fn peek(ctx: *const c_void) -> u32;
}

pub struct State {
    pub n: u32,
}

impl State {
    pub fn new() -> Self {
        State { n: 0 }
    }
}

pub fn attach(s: &mut State) {
    unsafe { register(s as *mut State as *mut c_void) }
}

pub fn install() {
    let mut state = State::new();
    let p = &mut state as *mut State;
    unsafe { peek(p.cast()) };
    attach(&mut state); //~ stack_escape(error)
}
