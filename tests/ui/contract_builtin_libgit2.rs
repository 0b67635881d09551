//! libgit2's option initializers write the caller's struct during the call (built-in
//! `noescape` contracts, both spellings: `git_checkout_options_init` and the deprecated
//! `git_checkout_init_options` git2's bindings use). The rest of libgit2 has no contract: a
//! pointer to the same struct handed to `git_checkout_tree` is still an assumed escape.

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
        git_checkout_tree(repo, tree, &opts) //~ stack_escape(warning)
    }
}
