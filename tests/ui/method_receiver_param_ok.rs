//! A method leaking `self` called on a reference parameter and on `self` inside another method:
//! the objects are caller-owned, so these functions only get summaries. No diagnostic.

use std::ffi::c_void;

// #ffi escape register
unsafe extern "C" {
    fn register(ctx: *mut c_void);
}

pub struct Node {
    pub id: u32,
}

impl Node {
    pub fn attach(&mut self) {
        unsafe { register(self as *mut Self as *mut c_void) };
    }

    pub fn reset(&mut self) {
        self.id = 0;
        self.attach();
    }
}

pub fn refresh(node: &mut Node) {
    node.attach();
}
