//! Calls resolved through the module tree: `glue::attach`, `crate::glue::attach`, and a
//! nested module calling `super::attach`. Each caller owns a stack object.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

mod glue {
    use crate::State;
    use std::ffi::c_void;

    pub fn attach(s: &mut State) {
        unsafe { crate::register(s as *mut State as *mut c_void) }
    }

    pub mod deep {
        pub fn attach_again(s: &mut crate::State) {
            super::attach(s)
        }
    }
}

pub fn install() {
    let mut a = State { n: 0 };
    glue::attach(&mut a); //~ stack_escape(error)
    let mut b = State { n: 1 };
    crate::glue::attach(&mut b); //~ stack_escape(error)
    let mut c = State { n: 2 };
    glue::deep::attach_again(&mut c); //~ stack_escape(error)
}
