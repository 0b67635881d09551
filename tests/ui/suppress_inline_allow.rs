//! Inline suppressions: `// ffi-escape: allow(code)` on the finding's line or the line above
//! drops it; one that suppresses nothing (stale, or a misspelled code) is reported.

unsafe extern "C" {
    fn keep(p: *const i32);
}

pub fn same_line() {
    let x = 1;
    unsafe { keep(&x) }; // ffi-escape: allow(stack_escape)
}

pub fn line_above() {
    let x = 1;
    // ffi-escape: allow(buffer_escape, stack_escape)
    unsafe { keep(&x) };
}

pub fn wrong_code() {
    let x = 1;
    // ffi-escape: allow(buffer_escape)
    //~^ unused_suppression(warning)
    unsafe { keep(&x) }; //~ stack_escape(warning)
}

pub fn misspelled() {
    let v = vec![1];
    // ffi-escape: allow(buffer_escap)
    //~^ unused_suppression(warning)
    unsafe { keep(v.as_ptr()) }; //~ buffer_escape(warning)
}

pub fn stale() {
    // ffi-escape: allow(stack_escape)
    //~^ unused_suppression(warning)
}
