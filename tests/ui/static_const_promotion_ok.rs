//! `&5` (a reference to a constant expression) is promoted to a static by the compiler
//! (constant promotion), so its address is valid forever, inline or through a `let`. No
//! diagnostic.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *const c_void);
}

pub fn run() {
    unsafe { register(&5_i32 as *const i32 as *const c_void) };
    let p = &7_u32 as *const u32;
    unsafe { register(p.cast()) };
}
