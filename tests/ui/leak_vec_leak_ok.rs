//! `Vec::leak` (method on a temporary, and path syntax on a local) gives a `'static` buffer.
//! No diagnostic.

// #ffi escape set_buffer
unsafe extern "C" {
    fn set_buffer(p: *mut u8, len: usize);
}

pub fn run() {
    let buf: &'static mut [u8] = vec![0_u8; 64].leak();
    unsafe { set_buffer(buf.as_mut_ptr(), 64) };
    let v = vec![1_u8; 16];
    let leaked = Vec::leak(v);
    unsafe { set_buffer(leaked.as_mut_ptr(), 16) };
}
