//! Real-world shape (Win32): a method stores `self` as window user data,
//! `SetWindowLongPtrW(hwnd, GWLP_USERDATA, self as *mut Self as isize)`, and is called on a
//! stack value. `attach` leaks `self` (through a pointer-to-integer cast), so the caller gets
//! `stack_escape` at the receiver `w`; the callee is unannotated: warning.

use std::ffi::c_void;

#[allow(non_camel_case_types, clippy::upper_case_acronyms)]
pub type HWND = *mut c_void;

pub const GWLP_USERDATA: i32 = -21;

#[link(name = "user32")]
unsafe extern "system" {
    fn SetWindowLongPtrW(hwnd: HWND, index: i32, new_long: isize) -> isize;
}

pub struct Window {
    hwnd: HWND,
    clicks: u32,
}

impl Window {
    pub fn attach(&mut self) {
        unsafe { SetWindowLongPtrW(self.hwnd, GWLP_USERDATA, self as *mut Self as isize) };
    }
}

pub fn open(hwnd: HWND) -> u32 {
    let mut w = Window { hwnd, clicks: 0 };
    w.attach(); //~ stack_escape(warning)
    w.clicks
}
