//! Per-parameter contracts by declared name: `ctx` is kept by C, `name` only read during the
//! call. A stack `ctx` is a certain escape; a temporary `name` is fine.

use std::ffi::{CString, c_char, c_void};

// #ffi escape register(ctx)
// #ffi noescape register(name)
unsafe extern "C" {
    fn register(name: *const c_char, ctx: *mut c_void);
}

pub struct State {
    pub hits: u32,
}

pub fn install() {
    let mut state = State { hits: 0 };
    unsafe {
        register(
            CString::new("handler").unwrap().as_ptr(),
            &mut state as *mut State as *mut c_void, //~ stack_escape(error)
        )
    };
}
