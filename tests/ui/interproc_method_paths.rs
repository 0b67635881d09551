//! A method that leaks `self`, called as `Self::register(&mut a)`, `Session::register(&mut b)`
//! and `c.register()`: each caller's stack object is reported at the argument (for the method
//! call syntax, at the receiver).

use std::ffi::c_void;

// #ffi escape ev_register
unsafe extern "C" {
    fn ev_register(ctx: *mut c_void);
}

pub struct Session {
    pub id: u32,
}

impl Session {
    pub fn register(&mut self) {
        unsafe { ev_register(self as *mut Self as *mut c_void) }
    }

    pub fn open_all() {
        let mut a = Session { id: 1 };
        Self::register(&mut a); //~ stack_escape(error)
        let mut b = Session { id: 2 };
        Session::register(&mut b); //~ stack_escape(error)
        let mut c = Session { id: 3 };
        c.register(); //~ stack_escape(error)
    }
}
