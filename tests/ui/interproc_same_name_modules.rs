//! Two modules define `attach`: only `retaining::attach` leaks its parameter (`copying::attach`
//! passes it to a `noescape` function). Resolution must pick the right one, by path and
//! through a `use` import.

use std::ffi::c_void;

// #ffi escape register
// #ffi noescape peek
unsafe extern "C" {
    fn register(ctx: *mut c_void);
    fn peek(ctx: *const c_void) -> u32;
}

pub struct State {
    pub n: u32,
}

mod retaining {
    use std::ffi::c_void;

    pub fn attach(s: &mut crate::State) {
        unsafe { crate::register(s as *mut crate::State as *mut c_void) }
    }
}

mod copying {
    use std::ffi::c_void;

    pub fn attach(s: &mut crate::State) -> u32 {
        unsafe { crate::peek(s as *const crate::State as *const c_void) }
    }
}

use copying::attach;

pub fn install() -> u32 {
    let mut a = State { n: 0 };
    retaining::attach(&mut a); //~ stack_escape(error)
    let mut b = State { n: 1 };
    let x = copying::attach(&mut b);
    let mut c = State { n: 2 };
    x + attach(&mut c)
}
