//! Flows through `match` arms, `if` branches and reassignment: the pointer may point to the
//! local (the other branch is null), so the local escapes.

use std::ffi::c_void;
use std::ptr;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub struct State {
    pub hits: u32,
}

pub enum Mode {
    Fast,
    Safe,
}

pub fn run(mode: Mode, verbose: bool) {
    let mut fast = State { hits: 0 };
    let p = match mode {
        Mode::Fast => &mut fast as *mut State,
        Mode::Safe => ptr::null_mut(),
    };
    unsafe { keep(p.cast()) }; //~ stack_escape(warning)

    let mut log = State { hits: 1 };
    let q = if verbose { &mut log as *mut State } else { ptr::null_mut() };
    unsafe { keep(q.cast()) }; //~ stack_escape(warning)

    let mut last = State { hits: 2 };
    let mut r: *mut State = ptr::null_mut();
    if verbose {
        r = &mut last;
    }
    unsafe { keep(r.cast()) }; //~ stack_escape(warning)
}
