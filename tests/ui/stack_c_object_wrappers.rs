//! Wrappers of C objects hand out the pointer they hold, not an address inside the Rust value,
//! where the analysis can see their type:
//!
//! - a tuple struct wrapping a C object's owner (`struct SslContextBuilder(SslContext);` in
//!   openssl) delegates `as_ptr` to its field: `self.0.as_ptr()` on a field whose type is a
//!   wrapper with no `as_ptr` of this crate (foreign-types' trait method, or one a macro makes)
//!   returns the pointer the field holds. A tuple struct around an inline array still hands out
//!   an address inside itself.
//! - the closure of `opt.map_or(null, |p| p.as_ptr())` gets the type of the `Option<&T>`
//!   binding it is called on: with `signcert: Option<&X509Ref>` (openssl's
//!   `CmsContentInfo::sign`), `p` is a `&X509Ref`, whose `as_ptr` is not this crate's. A `&T`
//!   whose method is this crate's still points where that method says: into the caller's value.

use std::ffi::c_void;
use std::ptr;

unsafe extern "C" {
    fn keep(p: *const c_void);
    fn sign(cert: *mut c_void) -> i32;
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

foreign_type!(Context);
foreign_type!(X509Ref);

pub struct Builder(Context);

impl Builder {
    pub fn as_ptr(&self) -> *mut c_void {
        self.0.as_ptr()
    }
}

pub struct Inline([u8; 16]);

impl Inline {
    pub fn as_ptr(&self) -> *const u8 {
        self.0.as_ptr()
    }
}

pub fn configure(raw: *mut c_void) {
    let builder = Builder(Context::from_raw(raw));
    let inline = Inline([0; 16]);
    unsafe {
        keep(builder.as_ptr());
        keep(inline.as_ptr().cast()); //~ stack_escape(warning)
    }
}

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
