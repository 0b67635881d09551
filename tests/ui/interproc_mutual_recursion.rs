//! Summaries of recursive functions (one strongly connected component): `forward`/`bounce`
//! leak their pointer, `countdown` leaks through self-recursion, and `ping`/`pong` only pass
//! it to a `noescape` function.

use std::ffi::c_void;

// #ffi noescape peek
unsafe extern "C" {
    fn keep(p: *mut c_void);
    fn peek(p: *const c_void);
}

pub fn forward(p: *mut c_void, hops: u32) {
    if hops == 0 {
        unsafe { keep(p) }
    } else {
        bounce(p, hops - 1)
    }
}

pub fn bounce(p: *mut c_void, hops: u32) {
    forward(p, hops)
}

pub fn countdown(p: *mut c_void, n: u32) {
    if n > 0 {
        countdown(p, n - 1)
    } else {
        unsafe { keep(p) }
    }
}

pub fn ping(p: *mut c_void, n: u32) {
    if n > 0 {
        pong(p, n - 1)
    } else {
        unsafe { peek(p) }
    }
}

pub fn pong(p: *mut c_void, n: u32) {
    ping(p, n)
}

pub fn run() -> i32 {
    let mut x = 0_i32;
    bounce(&mut x as *mut i32 as *mut c_void, 3); //~ stack_escape(warning)
    let mut y = 0_i32;
    countdown(&mut y as *mut i32 as *mut c_void, 2); //~ stack_escape(warning)
    let mut z = 0_i32;
    ping(&mut z as *mut i32 as *mut c_void, 4);
    x + y + z
}
