//! A method taking `mut self` by value owns a stack copy: handing `&mut self` to C is a
//! `stack_escape` at the FFI argument inside the method (the caller is not blamed).

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct Job {
    pub id: u32,
}

impl Job {
    pub fn submit(mut self) {
        self.id += 1;
        unsafe { register(&mut self as *mut Self as *mut c_void) }; //~ stack_escape(error)
    }
}

pub fn run() {
    let job = Job { id: 1 };
    job.submit();
}
