//! Pointers to locals used only by Rust code, while C is called with other, harmless
//! arguments (integers, a literal). No diagnostic.

use std::ffi::c_char;

unsafe extern "C" {
    fn log_message(level: i32, msg: *const c_char);
}

pub fn run() -> u8 {
    let mut buf = [0_u8; 8];
    let p = buf.as_mut_ptr();
    unsafe { p.add(1).write(7) };
    unsafe { log_message(1, c"wrote one byte".as_ptr()) };
    buf[1]
}
