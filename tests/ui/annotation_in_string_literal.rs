//! Directive-like text inside string literals (plain, multi-line, raw, byte) is not a
//! directive: no name is reported unmatched, and `keep` stays unannotated, so handing it a
//! stack pointer is a `stack_escape` warning.

use std::ffi::c_void;

unsafe extern "C" {
    fn keep(p: *mut c_void);
}

pub const HELP: &str = "// #ffi noescape keep";

pub const MORE: &str = "
// #ffi noescape nowhere
";

pub const RAW: &str = r#"/* #ffi escape nothing */"#;

pub const BYTES: &[u8] = b"// #ffi nocallback none";

pub fn run() -> i32 {
    let mut x = 0_i32;
    unsafe { keep(&mut x as *mut i32 as *mut c_void) }; //~ stack_escape(warning)
    x
}
