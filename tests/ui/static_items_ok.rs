//! Statics and constants of reference type: `&STATIC`, `ptr::addr_of!(STATIC)`, `&raw mut`
//! of a `static mut`, and a `const` `&CStr`, handed to a retaining C function. No
//! diagnostic.

use std::ffi::{CStr, c_void};
use std::ptr;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *const c_void);
}

pub struct Config {
    pub level: u8,
}

static DEFAULT: Config = Config { level: 1 };
static mut SCRATCH: [u8; 64] = [0; 64];
const NAME: &CStr = c"config";

pub fn run() {
    unsafe { register(&DEFAULT as *const Config as *const c_void) };
    unsafe { register(ptr::addr_of!(DEFAULT).cast()) };
    unsafe { register((&raw mut SCRATCH).cast()) };
    unsafe { register(NAME.as_ptr().cast()) };
}
