//! Imports that refer to themselves (`use Mode::*` inside the module that defines `Mode`, a
//! module re-exporting an item of the same name) must resolve without looping: this fixture
//! once overflowed the stack. The call still resolves through the glob and stays clean.

use std::ffi::c_void;

pub mod ffi {
    pub use self::ffi::*;
    pub mod ffi {
        // #ffi noescape peek
        unsafe extern "C" {
            pub fn peek(p: *const core::ffi::c_void);
        }
    }
}

pub enum Mode {
    Fast,
    Slow,
}
use Mode::*;

pub fn run(mode: Mode) {
    let x = 1u32;
    match mode {
        Fast | Slow => unsafe { ffi::peek(&x as *const u32 as *const c_void) },
    }
}
