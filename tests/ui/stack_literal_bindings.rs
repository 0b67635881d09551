//! A binding initialized with a string, byte string or C string literal holds a reference to
//! static data: `message.as_ptr()` points into the literal, which never dies, not into the
//! binding's stack slot (openssl `pkcs7.rs`: `let message = "foo"; .. message.as_bytes()`).
//! An integer literal is a value in the slot: its address is the stack local's.

use std::ffi::{c_char, c_void};

unsafe extern "C" {
    fn keep(p: *const c_void);
}

pub fn literals() {
    let message = "foo";
    let bytes = b"bar";
    let cstr = c"baz";
    let n = 5u32;
    unsafe {
        keep(message.as_bytes().as_ptr().cast());
        keep(message.as_ptr().cast());
        keep(bytes.as_ptr().cast());
        keep(cstr.as_ptr().cast::<c_char>().cast());
        keep((&n as *const u32).cast()); //~ stack_escape(warning)
    }
}
