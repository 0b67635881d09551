//! SDL2_gfx's image filters compute a destination byte array from source arrays during the
//! call (built-in `noescape` contracts): stack and heap buffers passed to them stay clean.
//! With `--no-builtin-contracts`, `out` (a stack array) and `src` (a buffer dropped at the end
//! of `shift`) are assumed-escape warnings; in the corpus the filters were 65 of sdl2's 113
//! warnings (`gfx/imagefilter.rs`).

use std::ffi::{c_int, c_uint};

unsafe extern "C" {
    fn SDL_imageFilterAdd(Src1: *mut u8, Src2: *mut u8, Dest: *mut u8, length: c_uint) -> c_int;
    fn SDL_imageFilterShiftRight(Src1: *mut u8, Dest: *mut u8, length: c_uint, N: u8) -> c_int;
}

pub fn add(a: &mut [u8; 64], b: &mut Vec<u8>) -> [u8; 64] {
    let mut out = [0u8; 64];
    unsafe {
        SDL_imageFilterAdd(a.as_mut_ptr(), b.as_mut_ptr(), out.as_mut_ptr(), 64);
    }
    out
}

pub fn shift(mut src: Vec<u8>) -> Vec<u8> {
    let mut dest = vec![0u8; src.len()];
    unsafe {
        SDL_imageFilterShiftRight(src.as_mut_ptr(), dest.as_mut_ptr(), src.len() as c_uint, 1);
    }
    dest
}
