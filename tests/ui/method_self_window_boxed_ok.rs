//! The fixed version of `method_self_window_attach`: the window lives in a `Box` (the method
//! receiver auto-derefs into the heap buffer) and the `Box` is returned, so the address C
//! keeps stays valid. No diagnostic.

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

    pub fn clicks(&self) -> u32 {
        self.clicks
    }
}

pub fn open(hwnd: HWND) -> Box<Window> {
    let mut w = Box::new(Window { hwnd, clicks: 0 });
    w.attach();
    w
}
