//! Raw pointers to locals, temporaries and heap buffers that never reach C: there is no FFI
//! function in the crate. No diagnostic.

pub struct State {
    pub hits: u32,
}

fn bump(p: *mut State) {
    unsafe { (*p).hits += 1 };
}

pub fn run() -> u32 {
    let mut s = State { hits: 0 };
    bump(&mut s);
    let v = vec![1_u32, 2, 3];
    let p = v.as_ptr();
    let first = unsafe { *p };
    s.hits + first
}
