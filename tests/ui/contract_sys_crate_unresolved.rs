//! A call into a `-sys` crate whose declarations were not read (no `cargo metadata`, or a
//! function generated at build time) is still an FFI call, with no contract: escapes through
//! it are assumed.

extern crate libfoo_sys as raw;

pub struct State {
    pub hits: u32,
}

pub fn install() {
    let mut state = State { hits: 0 };
    unsafe { libfoo_sys::foo_register(&mut state as *mut State as *mut u8) }; //~ stack_escape(warning)
    let mut other = State { hits: 1 };
    unsafe { raw::foo_register(&mut other as *mut State as *mut u8) }; //~ stack_escape(warning)
}
