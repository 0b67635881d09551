//! Flows through pointer casts, pointer-to-integer casts (`as usize`, `as isize`) and back,
//! `.cast()` and `.cast_mut()`: each call hands a pointer to a different stack local to C.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
    fn keep_addr(addr: usize);
}

pub struct State {
    pub hits: u32,
}

pub fn run() {
    let mut a = State { hits: 0 };
    let addr = &mut a as *mut State as usize;
    unsafe { keep(addr as *mut c_void) }; //~ stack_escape(warning)

    let b = State { hits: 1 };
    let p: *const State = &b;
    unsafe { keep(p.cast_mut().cast()) }; //~ stack_escape(warning)

    let mut c = 5_i64;
    let q = &mut c as *mut i64 as isize;
    unsafe { keep_addr(q as usize) }; //~ stack_escape(warning)
}
