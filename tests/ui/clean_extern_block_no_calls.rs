//! FFI functions declared (and annotated) but never called, next to ordinary Rust code with
//! references. No diagnostic.

use std::ffi::c_void;

// #ffi escape retain
// #ffi noescape inspect
unsafe extern "C" {
    fn retain(p: *mut c_void);
    fn inspect(p: *const c_void);
}

pub fn total(values: &[u32]) -> u32 {
    let mut sum = 0;
    for v in values {
        sum += *v;
    }
    sum
}
