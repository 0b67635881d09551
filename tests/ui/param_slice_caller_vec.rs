//! A free function hands a borrowed `&[u8]` to an unannotated C function (leaking param);
//! the caller passes `&v` of a `Vec` it drops: `buffer_escape`, warning, at `&v`.

unsafe extern "C" {
    fn keep(data: *const u8);
}

pub fn send(data: &[u8]) {
    unsafe { keep(data.as_ptr()) }
}

pub fn run() {
    let v = vec![1_u8, 2, 3];
    send(&v); //~ buffer_escape(warning)
}
