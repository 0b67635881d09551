//! Heap owners moved into a struct that is returned (field shorthand and explicit field)
//! keep their buffers alive. No diagnostic.

use std::ffi::{CString, c_char};

// #ffi escape set_config
unsafe extern "C" {
    fn set_config(path: *const c_char, data: *const u8);
}

pub struct Config {
    path: CString,
    data: Vec<u8>,
}

pub fn load(path: &str) -> Config {
    let path = CString::new(path).unwrap();
    let bytes = vec![0_u8; 128];
    unsafe { set_config(path.as_ptr(), bytes.as_ptr()) };
    Config { path, data: bytes }
}

impl Config {
    pub fn len(&self) -> usize {
        self.data.len() + self.path.as_bytes().len()
    }
}
