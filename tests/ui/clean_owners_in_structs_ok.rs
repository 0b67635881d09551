//! Shapes from git2 and curl that were once error-level false alarms: a box cast to a trait
//! object inside another box, a box moved into a struct literal bound to a stack local, and a
//! binding declared first and initialized in an inner block.

use std::ffi::{c_char, c_void};

// #ffi noescape git_packbuilder_set_callbacks
// #ffi noescape git_tag_foreach
// #ffi noescape curl_easy_unescape
unsafe extern "C" {
    fn git_packbuilder_set_callbacks(pb: *mut c_void, cb: Option<extern "C" fn(*mut c_void)>, payload: *mut c_void);
    fn git_tag_foreach(repo: *mut c_void, payload: *mut c_void);
    fn curl_easy_unescape(s: *const c_char, len: i32);
}

extern "C" fn progress_cb(_payload: *mut c_void) {}

pub fn progress(pb: *mut c_void, progress: impl FnMut(u32) + 'static) {
    let mut progress = Box::new(Box::new(progress) as Box<dyn FnMut(u32)>);
    let ptr = &mut *progress as *mut _ as *mut c_void;
    unsafe { git_packbuilder_set_callbacks(pb, Some(progress_cb), ptr) };
}

pub struct TagForeachData {
    pub cb: Box<dyn FnMut(&str) -> bool>,
}

pub fn tag_foreach(repo: *mut c_void, cb: impl FnMut(&str) -> bool + 'static) {
    let mut data = TagForeachData { cb: Box::new(cb) as Box<dyn FnMut(&str) -> bool> };
    unsafe { git_tag_foreach(repo, (&mut data) as *mut _ as *mut c_void) };
}

pub fn unescape(s: &str, encode: bool) {
    let data;
    let s = if encode {
        data = s.to_string();
        &data
    } else {
        s
    };
    unsafe { curl_easy_unescape(s.as_ptr() as *const c_char, s.len() as i32) };
}

// #ffi noescape read_source
unsafe extern "C" {
    fn read_source(src: *mut c_void);
}

/// zstd-safe: a closure that returns a new box hands ownership to each of its callers.
pub fn closures(calls: u32) {
    let source = |calls: u32| Box::new(TagForeachData { cb: Box::new(move |_| calls > 0) });
    let src = Box::into_raw(source(calls));
    unsafe { read_source(src.cast()) };
}
