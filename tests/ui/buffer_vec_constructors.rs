//! Heap buffers of `Vec`s made by `Vec::with_capacity`, `to_vec()`, `to_owned()` and
//! `Vec::new`, reached through `as_mut_ptr()`, `as_ptr()`, `&v[0]` and `&mut v[0]`. The
//! copies are owned by locals, so the borrowed `input` itself is not what escapes.

unsafe extern "C" {
    fn keep(p: *const u8);
    fn fill(p: *mut u8, cap: usize);
}

pub fn run(input: &[u8]) {
    let mut out: Vec<u8> = Vec::with_capacity(256);
    unsafe { fill(out.as_mut_ptr(), 256) }; //~ buffer_escape(warning)

    let copy = input.to_vec();
    unsafe { keep(copy.as_ptr()) }; //~ buffer_escape(warning)

    let owned = input.to_owned();
    unsafe { keep(&owned[0]) }; //~ buffer_escape(warning)

    let mut v = Vec::new();
    v.push(1_u8);
    unsafe { keep(&mut v[0]) }; //~ buffer_escape(warning)
}
