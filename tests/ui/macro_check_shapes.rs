//! Checking macros in expression and statement position: `cvt!(..)`, `check!(..)`, `assert!`,
//! `assert_eq!`, `debug_assert!` (and a `cvt(..)` function around the call for comparison).
//! Their arguments parse as expressions, so each call into C inside them is seen.

use std::ffi::c_void;

// #ffi escape keep
unsafe extern "C" {
    fn keep(p: *mut c_void) -> i32;
}

macro_rules! cvt {
    ($e:expr) => {
        if $e < 0 { Err(()) } else { Ok(()) }
    };
}

macro_rules! check {
    ($e:expr, $msg:expr) => {
        if $e != 0 {
            panic!("{}", $msg);
        }
    };
}

fn cvt(rc: i32) -> Result<(), ()> {
    if rc < 0 { Err(()) } else { Ok(()) }
}

pub fn run() -> Result<(), ()> {
    let mut a = 0_u8;
    cvt!(unsafe { keep(&mut a as *mut u8 as *mut c_void) })?; //~ stack_escape(error)
    let mut b = 0_u8;
    check!(unsafe { keep(&mut b as *mut u8 as *mut c_void) }, "keep failed"); //~ stack_escape(error)
    let mut c = 0_u8;
    assert!(unsafe { keep(&mut c as *mut u8 as *mut c_void) } == 0); //~ stack_escape(error)
    let mut d = 0_u8;
    assert_eq!(unsafe { keep(&mut d as *mut u8 as *mut c_void) }, 0, "rc"); //~ stack_escape(error)
    let mut e = 0_u8;
    debug_assert!(unsafe { keep(&mut e as *mut u8 as *mut c_void) } >= 0); //~ stack_escape(error)
    let mut f = 0_u8;
    cvt(unsafe { keep(&mut f as *mut u8 as *mut c_void) }) //~ stack_escape(error)
}
