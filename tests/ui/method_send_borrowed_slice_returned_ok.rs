//! The fixed version of `method_send_borrowed_slice`: the caller returns the `Vec` whose buffer
//! C keeps, so the buffer outlives the frame. No diagnostic.

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

pub fn greet(conn: &Conn) -> Vec<u8> {
    let v = vec![1_u8, 2, 3];
    conn.send(&v);
    v
}
