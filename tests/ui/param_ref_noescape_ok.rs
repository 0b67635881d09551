//! A helper that passes its parameter only to a `noescape` C function does not leak it, so a
//! caller passing a stack local gets no diagnostic.

use std::ffi::c_void;

// #ffi noescape checksum
unsafe extern "C" {
    fn checksum(p: *const c_void, len: usize) -> u32;
}

pub struct Packet {
    pub bytes: [u8; 16],
}

pub fn sum(p: &Packet) -> u32 {
    unsafe { checksum(p as *const Packet as *const c_void, 16) }
}

pub fn run() -> u32 {
    let packet = Packet { bytes: [0; 16] };
    sum(&packet)
}
