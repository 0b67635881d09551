//! Declarations of the imaginary C library `libgui` and what its documentation says about
//! the pointers it receives.

use std::ffi::{c_char, c_int, c_void};

// gui_on_click keeps `user_data` and passes it to every later click callback.
// #ffi escape gui_on_click
// gui_set_title copies the title into the window.
// #ffi noescape gui_set_title
// gui_measure only reads the string during the call, and never calls back.
// #ffi noescape gui_measure
// #ffi nocallback gui_measure

/// A click callback.
pub type ClickFn = extern "C" fn(user_data: *mut c_void);

unsafe extern "C" {
    pub fn gui_window_new() -> *mut c_void;
    pub fn gui_on_click(window: *mut c_void, cb: ClickFn, user_data: *mut c_void);
    pub fn gui_set_title(window: *mut c_void, title: *const c_char);
    pub fn gui_measure(text: *const c_char) -> c_int;
    /// Not documented: nobody knows whether it keeps `label`.
    pub fn gui_add_label(window: *mut c_void, label: *const c_char);
}
