//! The fixed version of `temporary_match_arm`: the `match` produces an owned `CString` that
//! lives past the call, and the callee copies the string (`noescape`). No diagnostic.

use std::ffi::{CString, c_char};

// #ffi noescape set_log_target
unsafe extern "C" {
    fn set_log_target(target: *const c_char);
}

pub enum Target {
    Stderr,
    File(String),
}

pub fn configure(target: &Target) {
    let name = match target {
        Target::Stderr => c"stderr".to_owned(),
        Target::File(path) => CString::new(path.as_str()).unwrap(),
    };
    unsafe { set_log_target(name.as_ptr()) };
}
