//! Heap buffers of `String`s made by `String::from`, `to_string()`, `format!` and
//! `String::new`, reached through `as_bytes().as_ptr()`, `as_ptr()` and `as_mut_ptr()`.

unsafe extern "C" {
    fn keep(p: *const u8, len: usize);
    fn keep_mut(p: *mut u8, len: usize);
}

pub fn run(n: u32) {
    let s = String::from("value");
    unsafe { keep(s.as_bytes().as_ptr(), 5) }; //~ buffer_escape(warning)

    let t = n.to_string();
    unsafe { keep(t.as_ptr(), 1) }; //~ buffer_escape(warning)

    let u = format!("n={n}");
    unsafe { keep(u.as_ptr(), 3) }; //~ buffer_escape(warning)

    let mut w = String::new();
    w.push_str("scratch");
    unsafe { keep_mut(w.as_mut_ptr(), 7) }; //~ buffer_escape(warning)
}
