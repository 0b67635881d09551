//! Shapes from glfw, sdl2 and zerocopy that were once error-level false alarms: a box turned
//! into a raw pointer by `mem::transmute` (ownership given up), a box passed by value to a Rust
//! function that keeps it in its result, and a slice of a constant array (promoted to
//! `'static`).

use std::ffi::c_void;
use std::mem;

// #ffi escape set_user_pointer
// #ffi escape add_timer_raw
unsafe extern "C" {
    fn set_user_pointer(window: *mut c_void, pointer: *mut c_void);
    fn add_timer_raw(delay: u32, param: *mut c_void) -> i32;
    fn inspect(bytes: *const u8, len: usize);
}

pub struct Callbacks {
    pub clicks: u32,
}

pub fn attach(window: *mut c_void) {
    let callbacks = Box::new(Callbacks { clicks: 0 });
    unsafe { set_user_pointer(window, mem::transmute(callbacks)) };
}

pub struct Timer {
    pub callback: Box<Box<dyn FnMut() -> u32>>,
    pub id: i32,
}

pub fn add_timer(delay: u32, callback: Box<dyn FnMut() -> u32>) -> Timer {
    let mut callback = Box::new(callback);
    let id = unsafe { add_timer_raw(delay, &mut *callback as *mut _ as *mut c_void) };
    Timer { callback, id }
}

pub fn start() -> Timer {
    add_timer(100, Box::new(|| 0))
}

pub fn constant() {
    let bytes = &[0u8, 1, 2, 3][..];
    unsafe { inspect(bytes.as_ptr(), bytes.len()) };
}
