//! Per-parameter contracts by 0-based index, overriding a function-level rule: every argument
//! of `bind` is retained except argument 0, which is only read.

use std::ffi::c_void;

// #ffi escape bind
// #ffi noescape bind(0)
unsafe extern "C" {
    fn bind(query: *const u8, slot: *mut c_void);
}

pub fn run() {
    let query = *b"select 1";
    let mut slot = 0u64;
    unsafe { bind(query.as_ptr(), &mut slot as *mut u64 as *mut c_void) }; //~ stack_escape(error)
}
