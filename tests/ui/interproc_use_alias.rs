//! Calls resolved through `use` imports: a plain import, an alias (`use .. as hook`), and a
//! module alias (`use crate::glue as g`).

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

mod glue {
    use std::ffi::c_void;

    pub fn attach(s: &mut crate::State) {
        unsafe { crate::register(s as *mut crate::State as *mut c_void) }
    }
}

use crate::glue as g;
use glue::attach;
use glue::attach as hook;

pub fn install() {
    let mut a = State { n: 0 };
    attach(&mut a); //~ stack_escape(error)
    let mut b = State { n: 1 };
    hook(&mut b); //~ stack_escape(error)
    let mut c = State { n: 2 };
    g::attach(&mut c); //~ stack_escape(error)
}
