//! Real-world shape: a `CString` temporary created inside a `match` arm whose pointer is used
//! after the `match`. The temporary died at the end of the arm, so the pointer is dangling
//! at the call: `temporary_escape`, error, even though the callee is unannotated. The other
//! arm's `c".."` literal is static and fine.

use std::ffi::{CString, c_char};

unsafe extern "C" {
    fn set_log_target(target: *const c_char);
}

pub enum Target {
    Stderr,
    File(String),
}

pub fn configure(target: &Target) {
    let p = match target {
        Target::Stderr => c"stderr".as_ptr(),
        Target::File(path) => CString::new(path.as_str()).unwrap().as_ptr(),
    };
    unsafe { set_log_target(p) }; //~ temporary_escape(error)
}
