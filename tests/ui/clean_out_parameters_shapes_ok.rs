//! More out-parameter shapes: scalars bound by a tuple pattern (`let (mut w, mut h) = (0, 0);`,
//! or typed `(i32, u8)`), a local initialized by a cast (`as` only makes numbers and pointers)
//! or by an integer type's `MAX`, a `MaybeUninit` of a raw pointer or of a float, and an
//! out-parameter inside a checking macro. C fills each during the call: no finding.

use std::ffi::{c_ulong, c_void};
use std::mem::MaybeUninit;

unsafe extern "C" {
    fn get_size(width: *mut i32, height: *mut i32) -> i32;
    fn get_pair(a: *mut i32, b: *mut u8) -> i32;
    fn get_frames(frames: *mut c_ulong) -> i32;
    fn get_uid(uid: *mut u32) -> i32;
    fn get_handle(out: *mut *mut c_void) -> i32;
    fn get_gain(gain: *mut f32) -> i32;
}

macro_rules! check {
    ($e:expr) => {
        assert_eq!($e, 0)
    };
}

pub fn run(frames: u64) -> i64 {
    let (mut w, mut h) = (0, 0);
    let (mut a, mut b): (i32, u8);
    let mut n = frames as c_ulong;
    let mut uid = u32::MAX;
    let mut handle = MaybeUninit::<*mut c_void>::uninit();
    let mut gain = MaybeUninit::<f32>::uninit();
    unsafe {
        get_size(&mut w, &mut h);
        get_pair(&mut a, &mut b);
        get_frames(&mut n);
        check!(get_uid(&mut uid));
        get_handle(handle.as_mut_ptr());
        get_gain(gain.as_mut_ptr());
    }
    i64::from(w + h + a + i32::from(b)) + n as i64 + i64::from(uid)
}
