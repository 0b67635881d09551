//! Shapes from real crates (jobserver, sdl2, winsafe) that were once false alarms at error
//! level: a buffer moved out of a `match` scrutinee into the binding, a box moved into a
//! static, and a capitalized function called through a module path (not a tuple struct).

use std::ffi::{CString, c_char, c_void};

// #ffi escape open_semaphore
// #ffi escape set_finished
unsafe extern "C" {
    fn open_semaphore(name: *const c_char) -> *mut c_void;
    fn set_finished(cb: Option<extern "C" fn(i32)>);
}

pub mod ffi {
    pub fn CreateFontIndirectW(_lf: *const u8) -> usize {
        0
    }
}

static mut CALLBACK: Option<Box<dyn Fn(i32)>> = None;
static mut FONT: Option<usize> = None;

extern "C" fn finished(ch: i32) {
    unsafe {
        if let Some(cb) = &*std::ptr::addr_of!(CALLBACK) {
            cb(ch)
        }
    }
}

pub fn open(s: &str) -> Option<CString> {
    let name = match CString::new(s) {
        Ok(s) => s,
        Err(_) => return None,
    };
    unsafe { open_semaphore(name.as_ptr()) };
    Some(name)
}

pub fn on_finished(f: impl Fn(i32) + 'static) {
    unsafe {
        CALLBACK = Some(Box::new(f));
        set_finished(Some(finished));
    }
}

pub fn font() {
    let lf = [0u8; 92];
    unsafe { FONT = Some(ffi::CreateFontIndirectW(lf.as_ptr())) };
}
