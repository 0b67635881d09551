//! `noescape` and `nocallback` on one function do not conflict (only `noescape` with `escape`
//! does), and `noescape` still applies. No diagnostic.

use std::ffi::c_void;

// #ffi noescape read_config
// #ffi nocallback read_config
unsafe extern "C" {
    fn read_config(out: *mut c_void, len: usize) -> i32;
}

pub struct Settings {
    pub flags: u32,
}

pub fn load() -> Settings {
    let mut s = Settings { flags: 0 };
    unsafe { read_config(&mut s as *mut Settings as *mut c_void, 4) };
    s
}
