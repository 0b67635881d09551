//! alsa's shape: a local `macro_rules!` takes a function name and its arguments and calls the
//! function under a path of its own (`acheck!(snd_x(..))` calls `ffi::snd_x(..)`). The call is
//! read with that path, at the name's place in the invocation.

use std::ffi::c_void;

// #ffi escape snd_keep
// #ffi noescape snd_peek
mod ffi {
    use std::ffi::c_void;

    unsafe extern "C" {
        pub fn snd_keep(p: *mut c_void) -> i32;
        pub fn snd_peek(p: *const c_void) -> i32;
    }
}

macro_rules! acheck {
    ($f: ident ( $($x: expr),* ) ) => {{
        let r = unsafe { ffi::$f( $($x),* ) };
        if r < 0 { Err(r) } else { Ok(r) }
    }};
}

pub fn run() -> Result<i32, i32> {
    let a = 0_u8;
    acheck!(snd_peek(&a as *const u8 as *const c_void))?;
    let mut b = 0_u8;
    acheck!(snd_keep(&mut b as *mut u8 as *mut c_void)) //~ stack_escape(error)
}
