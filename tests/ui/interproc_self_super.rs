//! Calls resolved through `self::` and `super::` paths between nested modules, with the FFI
//! function called as `crate::register` from inside a module.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct State {
    pub n: u32,
}

pub mod engine {
    use super::State;

    pub mod hooks {
        use std::ffi::c_void;

        pub fn install(s: &mut crate::State) {
            unsafe { crate::register(s as *mut crate::State as *mut c_void) }
        }
    }

    pub fn start() {
        let mut a = State { n: 0 };
        self::hooks::install(&mut a); //~ stack_escape(error)
    }

    pub mod worker {
        use crate::State;

        pub fn start() {
            let mut b = State { n: 1 };
            super::hooks::install(&mut b); //~ stack_escape(error)
        }
    }
}
