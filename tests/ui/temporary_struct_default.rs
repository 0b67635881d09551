//! `f(&mut State::default() as *mut _ as *mut c_void)`: a pointer to a struct temporary,
//! alive during the call, handed to an unannotated callee. `temporary_escape`, warning.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

#[derive(Default)]
pub struct State {
    pub hits: u32,
}

pub fn run() {
    unsafe { keep(&mut State::default() as *mut _ as *mut c_void) }; //~ temporary_escape(warning)
}
