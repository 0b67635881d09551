//! With `#[link_name = "ev_register_v2"]` the C symbol is `ev_register_v2`, not the Rust item
//! name: a directive naming `ev_register` matches nothing (`unmatched_annotation`, with a
//! "did you mean" help), and the function stays unannotated (`stack_escape` warning).

use std::ffi::c_void;

// #ffi noescape ev_register
//~^ unmatched_annotation(error)
unsafe extern "C" {
    #[link_name = "ev_register_v2"]
    fn ev_register(ctx: *mut c_void);
}

pub struct Loop {
    pub ticks: u64,
}

pub fn run() {
    let mut l = Loop { ticks: 0 };
    unsafe { ev_register(&mut l as *mut Loop as *mut c_void) }; //~ stack_escape(warning)
}
