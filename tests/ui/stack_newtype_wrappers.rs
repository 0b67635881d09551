//! A tuple struct wrapping a C object's owner (`struct SslContextBuilder(SslContext);` in
//! openssl) delegates `as_ptr` to its field: `self.0.as_ptr()` on a field whose type is a
//! wrapper with no `as_ptr` of this crate (foreign-types' trait method, or one a macro makes)
//! returns the pointer the field holds, not an address inside the stack value. A tuple struct
//! around an inline array still hands out an address inside itself.

use std::ffi::c_void;

unsafe extern "C" {
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

foreign_type!(Context);

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
