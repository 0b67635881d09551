//! Arrays, tuples and `vec![..]` own the buffers of their elements: a `CString` in an array
//! literal, the vectors of `vec![vec![]; n]` and the `Vec`s of a tuple live as long as the
//! binding that holds them, so a pointer into them is valid for the rest of the block.

use std::ffi::{CString, c_char};

// #ffi noescape peek
// #ffi noescape fill
unsafe extern "C" {
    fn peek(p: *const c_char) -> i32;
    fn fill(p: *mut u8, len: usize) -> i32;
}

pub fn run(n: usize) -> i32 {
    let names = [CString::new("a").unwrap(), CString::new("b").unwrap()];
    let mut keys = vec![vec![0u8; 16]; n];
    let tests: [(Vec<u8>, Vec<u8>); 1] = [(b"key".to_vec(), b"data".to_vec())];
    unsafe {
        peek(names[0].as_ptr())
            + fill(keys[0].as_mut_ptr(), 16)
            + peek(tests[0].0.as_ptr().cast())
    }
}
