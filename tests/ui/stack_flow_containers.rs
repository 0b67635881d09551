//! A pointer stored into a struct literal, an `Option` or a tuple makes the container point to
//! the object (field-insensitive); reading it back out and handing it to C escapes the object.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub struct State {
    pub hits: u32,
}

pub struct Registration {
    pub user_data: *mut c_void,
    pub flags: u32,
}

pub fn run() {
    let mut a = State { hits: 0 };
    let reg = Registration { user_data: &mut a as *mut State as *mut c_void, flags: 0 };
    unsafe { keep(reg.user_data) }; //~ stack_escape(warning)

    let mut b = State { hits: 1 };
    let maybe = Some(&mut b as *mut State);
    if let Some(p) = maybe {
        unsafe { keep(p.cast()) }; //~ stack_escape(warning)
    }

    let mut c = State { hits: 2 };
    let pair = (&mut c as *mut State, 3_u32);
    unsafe { keep(pair.0.cast()) }; //~ stack_escape(warning)
}
