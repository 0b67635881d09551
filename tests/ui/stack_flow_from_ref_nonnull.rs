//! `ptr::from_ref`, `ptr::from_mut`, `NonNull::from` and `NonNull::new(p)` keep pointing to
//! the stack local they were made from, through method chains back to raw pointers.

use std::ffi::c_void;
use std::ptr::{self, NonNull};

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub struct State {
    pub hits: u32,
}

pub fn run() {
    let a = State { hits: 0 };
    unsafe { keep(ptr::from_ref(&a).cast_mut().cast()) }; //~ stack_escape(warning)

    let mut b = State { hits: 1 };
    unsafe { keep(ptr::from_mut(&mut b).cast()) }; //~ stack_escape(warning)

    let mut c = State { hits: 2 };
    let nn = NonNull::from(&mut c);
    unsafe { keep(nn.as_ptr().cast()) }; //~ stack_escape(warning)

    let mut d = State { hits: 3 };
    let raw = &mut d as *mut State;
    if let Some(nn) = NonNull::new(raw) {
        unsafe { keep(nn.cast::<c_void>().as_ptr()) }; //~ stack_escape(warning)
    }
}
