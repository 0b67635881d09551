//! Temporaries of every heap kind as arguments of a retaining C function: `vec![]`,
//! `String::from`, `format!`, and `to_string()` through `as_bytes().as_ptr()`.

// #ffi escape retain_bytes
unsafe extern "C" {
    fn retain_bytes(p: *const u8, len: usize);
}

pub fn run(n: u32) {
    unsafe { retain_bytes(vec![1_u8, 2].as_ptr(), 2) }; //~ temporary_escape(error)
    unsafe { retain_bytes(String::from("ab").as_ptr(), 2) }; //~ temporary_escape(error)
    unsafe { retain_bytes(format!("{n}").as_ptr(), 1) }; //~ temporary_escape(error)
    unsafe { retain_bytes(n.to_string().as_bytes().as_ptr(), 1) }; //~ temporary_escape(error)
}
