//! Edition 2024 foreign items marked `safe` or `unsafe` are FFI functions like any other; a
//! `safe fn` is called without an `unsafe` block. The directive follows the block (order does
//! not matter: directives are crate-wide).

use std::ffi::c_void;

unsafe extern "C" {
    pub safe fn keep(p: *const c_void);
    pub unsafe fn retain(p: *const c_void);
}

// #ffi escape retain

pub fn run() {
    let a = 1_u8;
    keep(&a as *const u8 as *const c_void); //~ stack_escape(warning)
    let b = 2_u8;
    unsafe { retain(&b as *const u8 as *const c_void) }; //~ stack_escape(error)
}
