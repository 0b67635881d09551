//! What is not an out-parameter: a pointer to a struct local, a shared pointer (`&x`, C only
//! reads it and the read-only case is not this rule's), a scalar cast to `*mut c_void` (opaque
//! user data), and a parameter whose contract says `escape`: the contract wins over the rule.

use std::ffi::c_void;

// #ffi escape keep_int(value)
unsafe extern "C" {
    fn fill_config(cfg: *mut Config) -> i32;
    fn read_int(value: *const i32) -> i32;
    fn keep_int(value: *mut i32);
    fn set_context(ctx: *mut c_void);
}

pub struct Config {
    pub verbose: bool,
}

pub fn run() {
    let mut cfg = Config { verbose: false };
    unsafe { fill_config(&mut cfg) }; //~ stack_escape(warning)
    let value = 5;
    unsafe { read_int(&value) }; //~ stack_escape(warning)
    let mut kept = 0;
    unsafe { keep_int(&mut kept) }; //~ stack_escape(error)
    let mut hits = 0u64;
    unsafe { set_context(&mut hits as *mut u64 as *mut c_void) }; //~ stack_escape(warning)
}
