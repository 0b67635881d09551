//! A macro in statement position: `try_call!(..);` with a semicolon, and a `cfg_if!` of
//! statements (nix's shape, with the `cfg-if` crate's macro), whose tokens are no expressions: the statements of every branch
//! are read in the enclosing block, so the binding made in a branch is the one used after it.

use std::ffi::c_void;

// #ffi escape keep
// #ffi noescape peek
unsafe extern "C" {
    fn keep(p: *mut c_void) -> i32;
    fn peek(p: *const c_void) -> i32;
}

macro_rules! try_call {
    ($e:expr) => {
        if $e < 0 {
            return -1;
        }
    };
}

pub fn run() -> i32 {
    let mut a = 0_u8;
    try_call!(unsafe { keep(&mut a as *mut u8 as *mut c_void) }); //~ stack_escape(error)
    let mut b = 0_u8;
    let c = 0_u8;
    cfg_if::cfg_if! {
        if #[cfg(target_os = "linux")] {
            let rc = unsafe { keep(&mut b as *mut u8 as *mut c_void) }; //~ stack_escape(error)
        } else {
            let rc = unsafe { peek(&c as *const u8 as *const c_void) };
        }
    }
    rc
}
