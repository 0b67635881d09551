//! Helpers that only pass their parameters to `noescape` functions, through two levels and a
//! method: no parameter leaks, so callers with stack locals get no diagnostic.

use std::ffi::c_void;

// #ffi noescape crc32
unsafe extern "C" {
    fn crc32(p: *const c_void, len: usize) -> u32;
}

pub struct Frame {
    pub bytes: [u8; 32],
}

fn checksum(f: &Frame) -> u32 {
    unsafe { crc32(f as *const Frame as *const c_void, 32) }
}

fn verify(f: &Frame, expected: u32) -> bool {
    checksum(f) == expected
}

impl Frame {
    pub fn crc(&self) -> u32 {
        checksum(self)
    }
}

pub fn run() -> bool {
    let frame = Frame { bytes: [0; 32] };
    verify(&frame, 0) && frame.crc() == 0
}
