//! A pointer into a `vec![]` buffer owned by a local that drops at the end of the function,
//! handed to an unannotated C function: `buffer_escape`, warning (alive at the call).

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *const c_void, len: usize);
}

pub fn run() {
    let samples = vec![1_u16, 2, 3];
    unsafe { keep(samples.as_ptr().cast(), 3) }; //~ buffer_escape(warning)
}
