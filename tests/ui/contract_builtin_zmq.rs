//! ZeroMQ built-in contracts: the Z85 codec and CURVE key functions write into the caller's
//! buffers, `zmq_msg_send` moves the message's content out of the caller's `zmq_msg_t`, and
//! `zmq_connect` copies the endpoint (read from libzmq's source). `zmq_send_const` keeps its
//! buffer and has no contract: an assumed escape.

use std::ffi::{CString, c_char, c_int, c_void};

#[repr(C)]
pub struct zmq_msg_t {
    _x: [u8; 64],
}

unsafe extern "C" {
    fn zmq_curve_keypair(z85_public_key: *mut c_char, z85_secret_key: *mut c_char) -> c_int;
    fn zmq_z85_decode(dest: *mut u8, string: *const c_char) -> *mut u8;
    fn zmq_msg_send(msg: *mut zmq_msg_t, socket: *mut c_void, flags: c_int) -> c_int;
    fn zmq_connect(socket: *mut c_void, endpoint: *const c_char) -> c_int;
    fn zmq_send_const(socket: *mut c_void, buf: *const c_void, len: usize, flags: c_int) -> c_int;
}

pub fn keys() -> [u8; 32] {
    let mut public = [0 as c_char; 41];
    let mut secret = [0 as c_char; 41];
    let mut raw = [0u8; 32];
    unsafe {
        zmq_curve_keypair(public.as_mut_ptr(), secret.as_mut_ptr());
        zmq_z85_decode(raw.as_mut_ptr(), public.as_ptr());
    }
    raw
}

pub fn send(socket: *mut c_void, mut msg: zmq_msg_t) -> c_int {
    unsafe { zmq_msg_send(&mut msg, socket, 0) }
}

pub fn connect(socket: *mut c_void, endpoint: &str) -> c_int {
    let endpoint = CString::new(endpoint).unwrap();
    unsafe { zmq_connect(socket, endpoint.as_ptr()) }
}

pub fn send_const(socket: *mut c_void, text: &str) -> c_int {
    let frame = text.as_bytes().to_vec();
    unsafe { zmq_send_const(socket, frame.as_ptr().cast(), frame.len(), 0) } //~ buffer_escape(warning)
}
