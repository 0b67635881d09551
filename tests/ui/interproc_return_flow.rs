//! Summaries record which parameters flow to the return value: `user_data` returns its
//! parameter as `*mut c_void`, and `first` returns its first parameter only. The pointer
//! reaches C in the caller, so the diagnostics are at the FFI arguments there; `w`, which
//! `first` does not return, is not reported.

use std::ffi::c_void;

// #ffi escape register
// #ffi escape retain_bytes
unsafe extern "C" {
    fn register(ctx: *mut c_void);
    fn retain_bytes(p: *const u8);
}

pub struct State {
    pub n: u32,
}

fn user_data<T>(value: &mut T) -> *mut c_void {
    value as *mut T as *mut c_void
}

fn first<'a>(a: &'a [u8], _b: &'a [u8]) -> &'a [u8] {
    a
}

pub fn run() {
    let mut st = State { n: 0 };
    let ud = user_data(&mut st);
    unsafe { register(ud) }; //~ stack_escape(error)

    let v = vec![1_u8];
    let w = vec![2_u8];
    let chosen = first(&v, &w);
    unsafe { retain_bytes(chosen.as_ptr()) }; //~ buffer_escape(error)
}
