//! An FFI argument spanning several lines: the primary line of the diagnostic is the first
//! line of the argument, not the line of the call.

use std::ffi::c_void;

// #ffi escape register_callback
unsafe extern "C" {
    fn register_callback(cb: extern "C" fn(*mut c_void), user_data: *mut c_void, flags: u32);
}

pub struct Session {
    pub id: u32,
}

extern "C" fn on_event(_user_data: *mut c_void) {}

pub fn open_session() {
    let mut session = Session { id: 7 };
    unsafe {
        register_callback(
            on_event,
            &mut session //~ stack_escape(error)
                as *mut Session
                as *mut c_void,
            0,
        )
    };
}
