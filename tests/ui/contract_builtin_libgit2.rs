//! libgit2's option initializers write the caller's struct during the call (built-in
//! `noescape` contracts, both spellings: `git_checkout_options_init` and the deprecated
//! `git_checkout_init_options` git2's bindings use), and `git_checkout_tree` copies it (a
//! contract read from libgit2's source). Results written into a caller's `git_buf` are
//! `noescape` for the buffer only. A struct that is copied but whose inner pointers are kept
//! (`git_remote_connect`'s callbacks) is `unknown`: still an assumed escape. A registered
//! transport's parameter is kept for good: a certain escape.

use std::ffi::{c_int, c_uint, c_void};

#[repr(C)]
pub struct git_checkout_options {
    version: c_uint,
    checkout_strategy: c_uint,
}

unsafe extern "C" {
    fn git_checkout_init_options(opts: *mut git_checkout_options, version: c_uint) -> c_int;
    fn git_checkout_options_init(opts: *mut git_checkout_options, version: c_uint) -> c_int;
    fn git_checkout_tree(
        repo: *mut c_void,
        treeish: *const c_void,
        opts: *const git_checkout_options,
    ) -> c_int;
}

pub fn init_only() -> c_int {
    let mut opts = git_checkout_options {
        version: 0,
        checkout_strategy: 0,
    };
    let mut newer = git_checkout_options {
        version: 0,
        checkout_strategy: 0,
    };
    unsafe { git_checkout_init_options(&mut opts, 1) + git_checkout_options_init(&mut newer, 1) }
}

pub fn checkout(repo: *mut c_void, tree: *const c_void) -> c_int {
    let mut opts = git_checkout_options {
        version: 0,
        checkout_strategy: 0,
    };
    unsafe {
        git_checkout_init_options(&mut opts, 1);
        git_checkout_tree(repo, tree, &opts)
    }
}

#[repr(C)]
pub struct git_buf {
    ptr: *mut u8,
    reserved: usize,
    size: usize,
}

unsafe extern "C" {
    fn git_repository_discover(
        out: *mut git_buf,
        start_path: *const std::ffi::c_char,
        across_fs: c_int,
        ceiling_dirs: *const std::ffi::c_char,
    ) -> c_int;
    fn git_buf_dispose(buffer: *mut git_buf);
}

/// The result is written into the caller's `git_buf` (built-in `noescape` for it); the path
/// string's rule is `unknown`: `git_repository_discover` says nothing of keeping it.
pub fn discover(path: &std::ffi::CStr) -> usize {
    let mut buf = git_buf {
        ptr: std::ptr::null_mut(),
        reserved: 0,
        size: 0,
    };
    let start = path.to_owned();
    unsafe {
        git_repository_discover(&mut buf, start.as_ptr(), 0, std::ptr::null()); //~ buffer_escape(warning)
        let size = buf.size;
        git_buf_dispose(&mut buf);
        size
    }
}

#[repr(C)]
pub struct git_remote_callbacks {
    version: c_uint,
    payload: *mut c_void,
}

unsafe extern "C" {
    fn git_remote_connect(
        remote: *mut c_void,
        direction: c_int,
        callbacks: *const git_remote_callbacks,
        proxy_opts: *const c_void,
        custom_headers: *const c_void,
    ) -> c_int;
    fn git_transport_register(
        prefix: *const std::ffi::c_char,
        cb: Option<unsafe extern "C" fn(*mut *mut c_void, *mut c_void, *mut c_void) -> c_int>,
        param: *mut c_void,
    ) -> c_int;
}

/// The transport keeps a copy of `callbacks`, and with it `payload`: the contract says
/// `unknown` for `callbacks`, an assumed escape.
pub fn connect(remote: *mut c_void, state: &mut u64) -> c_int {
    let callbacks = git_remote_callbacks {
        version: 1,
        payload: (state as *mut u64).cast(),
    };
    unsafe { git_remote_connect(remote, 0, &callbacks, std::ptr::null(), std::ptr::null()) } //~ stack_escape(warning)
}

/// libgit2 keeps `param` in its global transport list until it is unregistered.
pub fn register(prefix: &std::ffi::CStr) -> c_int {
    let mut param = 0u64;
    unsafe { git_transport_register(prefix.as_ptr(), None, (&mut param as *mut u64).cast()) } //~ stack_escape(error)
}
