//! A safe-looking wrapper over `libgui` with four lifetime bugs rustc cannot see, and one
//! correct use. `cargo run -p ffi-escape -- check tests/demo` reports them.

mod ffi;

use std::ffi::{CString, c_void};
use std::ptr;

/// Counts clicks.
#[derive(Default)]
pub struct Counter {
    pub clicks: u32,
}

extern "C" fn on_click(user_data: *mut c_void) {
    let counter = unsafe { &mut *(user_data as *mut Counter) };
    counter.clicks += 1;
}

/// A window.
pub struct Window {
    raw: *mut c_void,
}

impl Window {
    pub fn new() -> Window {
        Window { raw: unsafe { ffi::gui_window_new() } }
    }

    /// Registers `counter` as the click callback's user data: C keeps the pointer.
    pub fn count_clicks(&self, counter: &mut Counter) {
        unsafe { ffi::gui_on_click(self.raw, on_click, counter as *mut Counter as *mut c_void) }
    }

    /// Bug 1 (stack_escape): the counter is a local of this function, C keeps its address,
    /// and the counter is returned by value: moved, and its old slot is dead.
    pub fn with_counter() -> (Window, Counter) {
        let window = Window::new();
        let mut counter = Counter::default();
        window.count_clicks(&mut counter);
        (window, counter)
    }

    /// Bug 2 (buffer_escape): the boxed counter is dropped at the end of the function.
    pub fn with_boxed_counter(&self) {
        let mut counter = Box::new(Counter::default());
        self.count_clicks(&mut counter);
    }

    /// Correct: the counter is leaked on purpose and outlives the window.
    pub fn with_leaked_counter(&self) -> &'static Counter {
        let counter: &'static mut Counter = Box::leak(Box::new(Counter::default()));
        self.count_clicks(counter);
        counter
    }

    /// Bug 3 (temporary_escape): the `CString` made in the match arm is dropped at the end
    /// of the arm, before `gui_set_title` reads it.
    pub fn set_title(&self, title: Option<&str>) {
        let p = match title {
            Some(t) => CString::new(t).unwrap().as_ptr(),
            None => ptr::null(),
        };
        unsafe { ffi::gui_set_title(self.raw, p) };
    }

    /// Bug 4 (buffer_escape, warning): nobody documented whether `gui_add_label` keeps the
    /// label; if it does, the buffer is freed at the end of this function.
    pub fn add_label(&self, text: &str) {
        let label = CString::new(text).unwrap();
        unsafe { ffi::gui_add_label(self.raw, label.as_ptr()) };
    }

    /// Correct: `gui_measure` only reads the string during the call.
    pub fn measure(text: &str) -> i32 {
        let text = CString::new(text).unwrap();
        unsafe { ffi::gui_measure(text.as_ptr()) }
    }
}
