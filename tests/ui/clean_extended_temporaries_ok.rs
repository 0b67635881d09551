//! Temporary lifetime extension: in `let s = &temp()[..];`, `let f = &temp().field;` and
//! `let p = &mut temp() as *mut T;` the temporary lives to the end of the block, as the
//! operand of a borrow in a `let` initializer (through casts and places, and in the branches
//! of an `if`: `let s = if c { &a } else { &temp() };`, getrandom's shape). Handing the pointer
//! to a `noescape` function later in the block is fine.

use std::ffi::{CString, c_char};

// #ffi noescape peek
// #ffi noescape peek_n
unsafe extern "C" {
    fn peek(p: *const c_char) -> i32;
    fn peek_n(p: *mut u64) -> i32;
}

pub struct Event {
    pub code: u64,
}

fn event() -> Event {
    Event { code: 7 }
}

pub fn run(id: u64) -> i32 {
    let prefix = &id.to_string()[0..1];
    let name = &CString::new("name").unwrap();
    let code = &mut event().code as *mut u64;
    let whole = String::from("whole");
    let part = if id > 9 { &whole } else { &whole[1..].to_owned() };
    unsafe {
        peek(prefix.as_ptr().cast())
            + peek(name.as_ptr())
            + peek_n(code)
            + peek(part.as_ptr().cast())
    }
}
