//! Two types with a method of the same name, only one of which leaks `self`: the receiver's
//! type is visible from its struct literal, so only `r.hook()` is reported.

use std::ffi::c_void;

// #ffi escape retain
// #ffi noescape peek
unsafe extern "C" {
    fn retain(p: *mut c_void);
    fn peek(p: *const c_void);
}

pub struct Retained {
    pub n: u32,
}

impl Retained {
    pub fn hook(&mut self) {
        unsafe { retain(self as *mut Self as *mut c_void) }
    }
}

pub struct Copied {
    pub n: u32,
}

impl Copied {
    pub fn hook(&mut self) {
        unsafe { peek(self as *const Self as *const c_void) }
    }
}

pub fn run() -> u32 {
    let mut r = Retained { n: 0 };
    r.hook(); //~ stack_escape(error)
    let mut c = Copied { n: 1 };
    c.hook();
    r.n + c.n
}
