//! The closure of `opt.map_or(null, |p| p.as_ptr())` gets the type of the `Option<&T>` binding
//! it is called on: with `signcert: Option<&X509Ref>` (openssl's `CmsContentInfo::sign`), `p` is
//! a `&X509Ref`, a wrapper of a C object whose `as_ptr` is not this crate's, so the pointer is the
//! one the wrapper holds, not the caller's stack value. A `&T` whose `as_ptr` is this crate's
//! still points where that method says: into the caller's value.

use std::ffi::c_void;
use std::ptr;

unsafe extern "C" {
    fn sign(cert: *mut c_void) -> i32;
    fn keep(p: *const c_void);
}

// Stands for foreign-types' `foreign_type!`: the analysis does not expand it.
macro_rules! foreign_type {
    ($name:ident) => {
        pub struct $name(*mut c_void);
        impl $name {
            pub fn from_raw(p: *mut c_void) -> $name {
                $name(p)
            }
            pub fn as_ptr(&self) -> *mut c_void {
                self.0
            }
        }
    };
}

foreign_type!(X509Ref);

pub fn sign_with(signcert: Option<&X509Ref>) -> i32 {
    let signcert = signcert.map_or(ptr::null_mut(), |p| p.as_ptr());
    unsafe { sign(signcert) }
}

pub fn caller(raw: *mut c_void) -> i32 {
    let cert = X509Ref::from_raw(raw);
    sign_with(Some(&cert))
}

pub struct Options {
    raw: [u32; 4],
}

impl Options {
    pub fn raw(&self) -> *const c_void {
        self.raw.as_ptr().cast()
    }
}

pub fn keep_options(options: Option<&Options>) {
    unsafe { keep(options.map_or(ptr::null(), |o| o.raw())) }
}

pub fn options_caller() {
    let opts = Options { raw: [0; 4] };
    keep_options(Some(&opts)); //~ stack_escape(warning)
}
