//! Out-parameters: a pointer to a local raw pointer, integer, float, bool, or `MaybeUninit` of
//! those, passed mutably to a C function with no contract for that parameter, is filled during
//! the call and not retained. No finding for any of these shapes.

use std::ffi::c_void;
use std::mem::MaybeUninit;
use std::ptr;

unsafe extern "C" {
    fn git_odb_open(out: *mut *mut c_void, objects_dir: *const u8) -> i32;
    fn get_size(width: *mut i32, height: *mut u32) -> i32;
    fn get_scale(scale: *mut f64) -> i32;
    fn get_flag(flag: *mut bool) -> i32;
    fn get_count(count: *mut usize) -> i32;
    fn get_handle(out: *mut *mut c_void) -> i32;
}

pub fn open(path: &[u8]) -> *mut c_void {
    let mut raw = ptr::null_mut();
    unsafe { git_odb_open(&mut raw, path.as_ptr()) };
    raw
}

pub fn size() -> (i32, u32) {
    let (mut w, mut h): (i32, u32) = (0, 0);
    let mut width = 0;
    let mut height: u32 = 0;
    unsafe { get_size(&mut width, &mut height as *mut u32) };
    let _ = (&mut w, &mut h);
    (width, height)
}

pub fn scale_and_flag() -> (f64, bool) {
    let mut scale = 1.0;
    let mut flag = false;
    unsafe {
        get_scale(&mut scale);
        get_flag(std::ptr::addr_of_mut!(flag));
    }
    (scale, flag)
}

pub fn count() -> usize {
    let mut count = MaybeUninit::<usize>::uninit();
    unsafe {
        get_count(count.as_mut_ptr());
        count.assume_init()
    }
}

pub fn handle() -> *mut c_void {
    let mut out: *mut c_void = ptr::null_mut();
    unsafe { get_handle(&raw mut out) };
    out
}
