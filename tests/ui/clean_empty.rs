//! The smallest crate: one function, no FFI, no pointers. No diagnostic.

pub fn answer() -> u32 {
    42
}
