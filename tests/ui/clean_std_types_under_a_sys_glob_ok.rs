//! In a module that glob-imports a bindings crate that was not read (`use libc::*`), a path
//! through a std type (`Vec::from`, `str::from_utf8`, `u32::from_ne_bytes`) is the std item,
//! not a C function of the bindings: nothing here reaches C.

use libc::*;

pub fn decode() -> usize {
    let buf = [0u8; 4];
    let v = Vec::from(&buf[..]);
    let s = str::from_utf8(&buf).map_or(0, |s| s.len());
    let n = u32::from_ne_bytes(buf) as usize;
    v.len() + s + n
}
