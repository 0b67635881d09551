//! Foreign items of any ABI are FFI functions: `"C-unwind"`, `"system"`, and a block without
//! an explicit ABI. All unannotated: three `stack_escape` warnings.

use std::ffi::c_void;

unsafe extern "C-unwind" {
    fn keep_unwind(p: *mut c_void);
}

unsafe extern "system" {
    fn keep_system(p: *mut c_void);
}

#[allow(missing_abi)]
unsafe extern {
    fn keep_default(p: *mut c_void);
}

pub fn run() {
    let mut a = 0_u8;
    unsafe { keep_unwind(&mut a as *mut u8 as *mut c_void) }; //~ stack_escape(warning)
    let mut b = 0_u8;
    unsafe { keep_system(&mut b as *mut u8 as *mut c_void) }; //~ stack_escape(warning)
    let mut c = 0_u8;
    unsafe { keep_default(&mut c as *mut u8 as *mut c_void) }; //~ stack_escape(warning)
}
