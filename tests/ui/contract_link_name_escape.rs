//! A directive names the C symbol: the `#[link_name]` of the foreign item when present. Here
//! `escape` matches `ev_register_v2`, so the escape is certain: `stack_escape`, error.

use std::ffi::c_void;

// #ffi escape ev_register_v2
unsafe extern "C" {
    #[link_name = "ev_register_v2"]
    fn ev_register(ctx: *mut c_void);
}

pub struct Loop {
    pub ticks: u64,
}

pub fn run() {
    let mut l = Loop { ticks: 0 };
    unsafe { ev_register(&mut l as *mut Loop as *mut c_void) }; //~ stack_escape(error)
}
