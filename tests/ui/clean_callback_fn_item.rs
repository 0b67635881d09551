//! Registering a Rust callback (a function item, not a pointer to an object) with null user
//! data. No diagnostic.

use std::ffi::c_void;
use std::ptr;

// #ffi escape on_signal
unsafe extern "C" {
    fn on_signal(cb: extern "C" fn(i32, *mut c_void), user_data: *mut c_void);
}

extern "C" fn handler(_signal: i32, _user_data: *mut c_void) {}

pub fn install() {
    unsafe { on_signal(handler, ptr::null_mut()) };
}
