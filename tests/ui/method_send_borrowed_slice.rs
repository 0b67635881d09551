//! Real-world shape: a method hands a borrowed `&[u8]` to a retaining C function, so `send`
//! leaks `data` (but not `self`); the caller's `Vec` is dropped at the end of the caller:
//! `buffer_escape`, error, at `&v`, and nothing at the receiver `conn`.

// #ffi escape keep
unsafe extern "C" {
    fn keep(data: *const u8);
}

pub struct Conn {
    pub sent: usize,
}

impl Conn {
    pub fn send(&self, data: &[u8]) {
        unsafe { keep(data.as_ptr()) }
    }
}

pub fn greet() -> usize {
    let conn = Conn { sent: 0 };
    let v = vec![1_u8, 2, 3];
    conn.send(&v); //~ buffer_escape(error)
    conn.sent
}
