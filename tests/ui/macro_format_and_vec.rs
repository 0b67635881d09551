//! `format!`-family arguments (`format!`, `println!`, `write!`) and `vec![..]` elements are
//! expressions too: a call into C inside them is seen. The `String` that `format!` makes is a
//! heap buffer of its own (its text is copied from the arguments), and `vec![..]` owns the
//! buffers of its elements.

use std::ffi::{CString, c_char};
use std::fmt::Write as _;

// #ffi escape keep
unsafe extern "C" {
    fn keep(p: *const c_char) -> i32;
}

pub fn run() -> usize {
    let a = CString::new("a").unwrap();
    let shown = format!("{}", unsafe { keep(a.as_ptr()) }); //~ buffer_escape(error)
    let b = CString::new("b").unwrap();
    println!("{}", unsafe { keep(b.as_ptr()) }); //~ buffer_escape(error)
    let c = CString::new("c").unwrap();
    let mut out = String::new();
    let _ = write!(out, "{}", unsafe { keep(c.as_ptr()) }); //~ buffer_escape(error)
    let d = CString::new("d").unwrap();
    let codes = vec![unsafe { keep(d.as_ptr()) }]; //~ buffer_escape(error)
    let text = format!("{shown}{out}{codes:?}");
    unsafe { keep(text.as_ptr().cast()) }; //~ buffer_escape(error)
    text.len()
}
