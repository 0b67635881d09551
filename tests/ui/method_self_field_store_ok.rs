//! A method hands a `CString` buffer to a retaining C function and then stores the owner into
//! `self.prefix`: the owner moves out of the function and its buffer stays alive. No
//! diagnostic.

use std::ffi::{CString, c_char};

// #ffi escape log_set_prefix
unsafe extern "C" {
    fn log_set_prefix(prefix: *const c_char);
}

pub struct Logger {
    prefix: CString,
}

impl Logger {
    pub fn set_prefix(&mut self, prefix: &str) {
        let c = CString::new(prefix).unwrap();
        unsafe { log_set_prefix(c.as_ptr()) };
        self.prefix = c;
    }

    pub fn prefix(&self) -> &CString {
        &self.prefix
    }
}
