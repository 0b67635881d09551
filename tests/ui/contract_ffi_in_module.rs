//! FFI functions declared in a module and called through a path (`sys::keep`) or a `use`
//! alias; directives are crate-wide and match them by C symbol. `peek` is `noescape`.

use std::ffi::c_void;

// #ffi escape keep
// #ffi noescape peek
mod sys {
    use std::ffi::c_void;

    unsafe extern "C" {
        pub fn keep(p: *mut c_void);
        pub fn peek(p: *const c_void) -> u32;
    }
}

use sys::keep as retain;

pub fn run() -> u32 {
    let mut a = 0_u32;
    unsafe { sys::keep(&mut a as *mut u32 as *mut c_void) }; //~ stack_escape(error)
    let mut b = 0_u32;
    unsafe { retain(&mut b as *mut u32 as *mut c_void) }; //~ stack_escape(error)
    let c = 0_u32;
    unsafe { sys::peek(&c as *const u32 as *const c_void) }
}
