//! A per-parameter directive naming a parameter the C function does not have, or an index
//! out of range, is `malformed_annotation`.

// #ffi escape register(ctxt)
//~^ malformed_annotation(error)
// #ffi escape register(5)
//~^ malformed_annotation(error)
unsafe extern "C" {
    fn register(name: *const u8, ctx: *mut u8);
}

pub fn run() {
    let name = *b"x\0";
    unsafe { register(name.as_ptr(), std::ptr::null_mut()) };
}
