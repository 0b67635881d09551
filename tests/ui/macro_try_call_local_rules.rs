//! git2's shape: every FFI call sits inside a local `macro_rules!` that wraps its argument in
//! a check (`try_call!(raw::git_x(&mut out, ..))`). The arguments parse as expressions, so the
//! call is seen where it is written: the escape through `raw::git_keep` is found, the pointer to
//! `out` is an out-parameter, and `raw::git_peek` is `noescape`. No expansion is needed.

use std::ffi::{CString, c_char, c_void};
use std::ptr;

// #ffi noescape git_peek
mod raw {
    use std::ffi::{c_char, c_void};

    unsafe extern "C" {
        pub fn git_open(out: *mut *mut c_void, path: *const c_char) -> i32;
        pub fn git_keep(repo: *mut c_void, name: *const c_char) -> i32;
        pub fn git_peek(repo: *mut c_void, name: *const c_char) -> i32;
    }
}

macro_rules! try_call {
    ($e:expr) => {{
        let rc = $e;
        if rc < 0 {
            return Err(rc);
        }
        rc
    }};
}

pub fn open(path: &str) -> Result<*mut c_void, i32> {
    let path = CString::new(path).map_err(|_| -1)?;
    let mut out = ptr::null_mut();
    unsafe {
        try_call!(raw::git_open(&mut out, path.as_ptr())); //~ buffer_escape(warning)
    }
    Ok(out)
}

pub fn name(repo: *mut c_void, name: &str) -> Result<i32, i32> {
    let name = CString::new(name).map_err(|_| -1)?;
    let n: *const c_char = name.as_ptr();
    unsafe {
        try_call!(raw::git_peek(repo, n));
        Ok(try_call!(raw::git_keep(repo, n))) //~ buffer_escape(warning)
    }
}
