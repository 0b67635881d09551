//! A static and a stack local handed to the same retaining C function in one function: only
//! the local is reported.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *const c_void);
}

pub struct Config {
    pub level: u8,
}

static GLOBAL: Config = Config { level: 0 };
static CUSTOM: Config = Config { level: 5 };

pub fn run(custom: bool) {
    let local = Config { level: 9 };
    let chosen: &Config = if custom { &CUSTOM } else { &GLOBAL };
    unsafe { register(chosen as *const Config as *const c_void) };
    unsafe { register(&local as *const Config as *const c_void) }; //~ stack_escape(error)
}
