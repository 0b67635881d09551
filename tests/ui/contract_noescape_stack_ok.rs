//! A `noescape` callee retains nothing: stack locals, stack arrays, heap buffers of dropped
//! owners, live temporaries and parameters may all be passed. No diagnostic.

use std::ffi::{CString, c_char, c_void};

// #ffi noescape hash_bytes
// #ffi noescape print_name
unsafe extern "C" {
    fn hash_bytes(p: *const c_void, len: usize) -> u64;
    fn print_name(name: *const c_char);
}

pub struct Point {
    pub x: i32,
    pub y: i32,
}

pub fn run(param: &Point) -> u64 {
    let p = Point { x: 1, y: 2 };
    let mut h = unsafe { hash_bytes(&p as *const Point as *const c_void, 8) };
    let arr = [1_u8; 32];
    h ^= unsafe { hash_bytes(arr.as_ptr().cast(), 32) };
    let v = vec![3_u8; 8];
    h ^= unsafe { hash_bytes(v.as_ptr().cast(), 8) };
    h ^= unsafe { hash_bytes(param as *const Point as *const c_void, 8) };
    let name = CString::new("point").unwrap();
    unsafe { print_name(name.as_ptr()) };
    unsafe { print_name(CString::new("again").unwrap().as_ptr()) };
    h
}
