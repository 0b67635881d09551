//! The owner of a heap buffer is dropped at the end of an inner block, before the pointer
//! reaches C: dead at the call, so `buffer_escape` is an error for an unannotated callee.

unsafe extern "C" {
    fn keep(p: *const u8);
}

pub fn run() {
    let p: *const u8;
    {
        let bytes = vec![1_u8, 2, 3];
        p = bytes.as_ptr();
    }
    unsafe { keep(p) }; //~ buffer_escape(error)
}
