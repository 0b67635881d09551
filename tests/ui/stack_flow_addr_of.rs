//! Raw-pointer constructors without a reference: `ptr::addr_of!`, `ptr::addr_of_mut!`,
//! `&raw const` and `&raw mut`, each handed to a retaining callee (errors).

use std::ffi::c_void;
use std::ptr;

// #ffi escape retain
unsafe extern "C" {
    fn retain(p: *const c_void);
}

pub struct Config {
    pub level: u8,
}

pub fn run() {
    let a = Config { level: 1 };
    unsafe { retain(ptr::addr_of!(a).cast()) }; //~ stack_escape(error)

    let mut b = Config { level: 2 };
    unsafe { retain(ptr::addr_of_mut!(b) as *const c_void) }; //~ stack_escape(error)

    let c = Config { level: 3 };
    unsafe { retain((&raw const c).cast()) }; //~ stack_escape(error)

    let mut d = Config { level: 4 };
    unsafe { retain(&raw mut d as *const c_void) }; //~ stack_escape(error)
}
