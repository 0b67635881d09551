//! A method leaking `self` called on a `Box` owner that is dropped at the end of the
//! function: the receiver auto-derefs into the heap buffer, which is freed. `buffer_escape`
//! at the receiver `w`, error (certain escape).

use std::ffi::c_void;

// #ffi escape set_user_data
unsafe extern "C" {
    fn set_user_data(handle: u32, data: *mut c_void);
}

pub struct Widget {
    pub handle: u32,
}

impl Widget {
    pub fn attach(&mut self, handle: u32) {
        unsafe { set_user_data(handle, self as *mut Self as *mut c_void) };
    }
}

pub fn build(handle: u32) {
    let mut w = Box::new(Widget { handle });
    w.attach(handle); //~ buffer_escape(error)
}
