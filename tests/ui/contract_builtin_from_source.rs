//! Built-in contracts read from the C libraries' source (OpenSSL, SDL, SQLite): the AES key
//! schedule reads the user key and writes the caller's AES_KEY during the call; the client
//! hello callback's argument is kept in the SSL_CTX (a certain escape); the spec given to
//! `SDL_OpenAudioDevice` is copied with its `userdata` kept while the device is open, and the
//! changeset iterator of `sqlite3changeset_start_strm` keeps its input context: both `unknown`,
//! so still assumed escapes. `EVP_CIPHER_CTX_ctrl`'s pointer depends on the command: the AEAD
//! tag commands only write or read the tag (a `when` rule), any other command is `unknown`;
//! `EVP_PKEY_CTX_ctrl` copies the MAC key of `EVP_PKEY_CTRL_SET_MAC_KEY`.

use std::ffi::{c_char, c_int, c_uint, c_void};

#[repr(C)]
pub struct AES_KEY {
    rd_key: [u32; 60],
    rounds: c_int,
}

#[repr(C)]
pub struct SDL_AudioSpec {
    freq: c_int,
    callback: Option<unsafe extern "C" fn(*mut c_void, *mut u8, c_int)>,
    userdata: *mut c_void,
}

type Input = unsafe extern "C" fn(*mut c_void, *mut c_void, *mut c_int) -> c_int;
type Hello = unsafe extern "C" fn(*mut c_void, *mut c_int, *mut c_void) -> c_int;

unsafe extern "C" {
    fn AES_set_encrypt_key(user_key: *const u8, bits: c_int, key: *mut AES_KEY) -> c_int;
    fn SSL_CTX_set_client_hello_cb(ctx: *mut c_void, cb: Option<Hello>, arg: *mut c_void);
    fn SDL_OpenAudioDevice(
        device: *const c_char,
        iscapture: c_int,
        desired: *const SDL_AudioSpec,
        obtained: *mut SDL_AudioSpec,
        allowed_changes: c_int,
    ) -> c_uint;
    fn EVP_PKEY_CTX_ctrl(
        ctx: *mut c_void,
        keytype: c_int,
        optype: c_int,
        cmd: c_int,
        p1: c_int,
        p2: *mut c_void,
    ) -> c_int;
    fn EVP_CIPHER_CTX_ctrl(ctx: *mut c_void, kind: c_int, arg: c_int, ptr: *mut c_void) -> c_int;
    fn sqlite3changeset_start_strm(pp: *mut *mut c_void, input: Option<Input>, p_in: *mut c_void) -> c_int;
}

pub fn schedule(user: &[u8; 16]) -> AES_KEY {
    let mut key = AES_KEY {
        rd_key: [0; 60],
        rounds: 0,
    };
    let copy = *user;
    unsafe { AES_set_encrypt_key(copy.as_ptr(), 128, &mut key) };
    key
}

pub fn hello(ctx: *mut c_void) {
    let mut seen = 0u32;
    unsafe { SSL_CTX_set_client_hello_cb(ctx, None, (&mut seen as *mut u32).cast()) } //~ stack_escape(error)
}

pub fn open(state: *mut c_void) -> c_uint {
    let desired = SDL_AudioSpec {
        freq: 48000,
        callback: None,
        userdata: state,
    };
    let mut obtained = SDL_AudioSpec {
        freq: 0,
        callback: None,
        userdata: std::ptr::null_mut(),
    };
    unsafe { SDL_OpenAudioDevice(std::ptr::null(), 0, &desired, &mut obtained, 0) } //~ stack_escape(warning)
}

pub fn changes(input: Input) -> *mut c_void {
    let mut source = 0u64;
    let mut iter = std::ptr::null_mut();
    unsafe { sqlite3changeset_start_strm(&mut iter, Some(input), (&mut source as *mut u64).cast()) }; //~ stack_escape(warning)
    iter
}

const EVP_CTRL_GCM_GET_TAG: c_int = 0x10;
const EVP_CTRL_SET_RC5_ROUNDS: c_int = 0x3;

pub fn tag(ctx: *mut c_void) -> [u8; 16] {
    let mut tag = [0u8; 16];
    unsafe { EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag.as_mut_ptr().cast()) };
    tag
}

pub fn other(ctx: *mut c_void) -> c_int {
    let mut rounds = [12u8; 4];
    unsafe { EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_SET_RC5_ROUNDS, 12, rounds.as_mut_ptr().cast()) } //~ stack_escape(warning)
}

const EVP_PKEY_OP_KEYGEN: c_int = 1 << 2;
const EVP_PKEY_CTRL_SET_MAC_KEY: c_int = 6;

pub fn mac_key(ctx: *mut c_void) -> c_int {
    let key = [7u8; 16];
    unsafe {
        EVP_PKEY_CTX_ctrl(ctx, -1, EVP_PKEY_OP_KEYGEN, EVP_PKEY_CTRL_SET_MAC_KEY, 16, key.as_ptr() as *mut c_void)
    }
}
