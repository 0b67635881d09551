//! Pointer arithmetic keeps pointing into the same object: `add`, `offset` and
//! `wrapping_add` on pointers into stack arrays.

use std::ffi::c_char;

unsafe extern "C" {
    fn keep(p: *const c_char);
}

pub fn run() {
    let header = [0 as c_char; 16];
    unsafe { keep(header.as_ptr().add(4)) }; //~ stack_escape(warning)

    let body = [0 as c_char; 64];
    let p = body.as_ptr();
    unsafe { keep(p.offset(8)) }; //~ stack_escape(warning)

    let trailer = [0 as c_char; 8];
    let q = trailer.as_ptr().wrapping_add(2);
    unsafe { keep(q) }; //~ stack_escape(warning)
}
