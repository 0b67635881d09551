//! A binding that declares more parameters than a built-in contract lists (another platform or
//! version of the library, or a wrong binding) is another function under that name: the
//! contract is not applied to its calls, so every stack local passed is an assumed escape
//! (`check --verbose` says why, see `tests/cmd/contract_arity.toml`).

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
            buf.as_ptr().cast(), //~ stack_escape(warning)
            0,
            haystack.len(),
            (&mut scratch as *mut u64).cast(), //~ stack_escape(warning)
        )
        .is_null()
    }
}
