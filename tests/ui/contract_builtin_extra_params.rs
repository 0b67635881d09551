//! A binding that declares more parameters than a built-in contract lists (another version of
//! the library, or a wrong binding): the listed parameters follow the contract, and nothing is
//! concluded about the extra ones, so a stack local passed there is an assumed escape.

use std::ffi::{c_int, c_void};

unsafe extern "C" {
    // The C declaration is `memchr(const void *s, int c, size_t n)`.
    fn memchr(s: *const c_void, c: c_int, n: usize, extra: *mut c_void) -> *mut c_void;
}

pub fn find(haystack: &[u8]) -> bool {
    let mut scratch = 0u64;
    let buf = [1u8; 16];
    unsafe {
        !memchr(
            buf.as_ptr().cast(),
            0,
            haystack.len(),
            (&mut scratch as *mut u64).cast(), //~ stack_escape(warning)
        )
        .is_null()
    }
}
