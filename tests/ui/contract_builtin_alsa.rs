//! ALSA built-in contracts (read from alsa-lib's source): `snd_pcm_open` copies the device
//! name and `snd_pcm_readi` fills the caller's buffer during the call. `snd_seq_event_output`
//! copies the event whole into its output buffer, with the pointer a variable-length event
//! holds: `unknown`, so a stack event is still an assumed escape.

use std::ffi::{CString, c_char, c_int, c_long, c_ulong, c_void};

#[repr(C)]
pub struct snd_seq_event_t {
    kind: u8,
    ext_len: u32,
    ext_ptr: *mut c_void,
}

unsafe extern "C" {
    fn snd_pcm_open(pcm: *mut *mut c_void, name: *const c_char, stream: c_int, mode: c_int) -> c_int;
    fn snd_pcm_readi(pcm: *mut c_void, buffer: *mut c_void, size: c_ulong) -> c_long;
    fn snd_seq_event_output(handle: *mut c_void, ev: *mut snd_seq_event_t) -> c_int;
}

pub fn record(device: &str) -> Vec<i16> {
    let name = CString::new(device).unwrap();
    let mut pcm = std::ptr::null_mut();
    let mut frames = vec![0i16; 1024];
    unsafe {
        snd_pcm_open(&mut pcm, name.as_ptr(), 1, 0);
        snd_pcm_readi(pcm, frames.as_mut_ptr().cast(), 1024);
    }
    frames
}

pub fn send(seq: *mut c_void, sysex: &mut [u8]) -> c_int {
    let mut ev = snd_seq_event_t {
        kind: 130,
        ext_len: sysex.len() as u32,
        ext_ptr: sysex.as_mut_ptr().cast(),
    };
    unsafe { snd_seq_event_output(seq, &mut ev) } //~ stack_escape(warning)
}
