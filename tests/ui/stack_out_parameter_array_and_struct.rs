//! More of what is not an out-parameter: a stack array (`[0u8; 16]`, C may keep a pointer into
//! it like any buffer), a `MaybeUninit` of a struct, and the struct element of a tuple pattern
//! (its scalar sibling is one). Each stays an assumed escape.

use std::mem::MaybeUninit;

#[repr(C)]
pub struct Stat {
    pub size: u64,
}

unsafe extern "C" {
    fn fill_key(key: *mut u8, len: usize) -> i32;
    fn fill_stat(st: *mut Stat) -> i32;
    fn fill_both(st: *mut Stat, n: *mut u32) -> i32;
}

pub fn run() -> u64 {
    let mut key = [0u8; 16];
    let mut st = MaybeUninit::<Stat>::uninit();
    let (mut other, mut n) = (Stat { size: 0 }, 0_u32);
    unsafe {
        fill_key(key.as_mut_ptr(), key.len()); //~ stack_escape(warning)
        fill_stat(st.as_mut_ptr()); //~ stack_escape(warning)
        fill_both(&mut other, &mut n); //~ stack_escape(warning)
        st.assume_init().size + other.size + u64::from(n) + u64::from(key[0])
    }
}
