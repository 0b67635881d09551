//! Callback user data leaked with `Box::into_raw` (inline in the call and through a `let`):
//! the heap object is never freed by Rust, so C may keep it. No diagnostic.

use std::ffi::c_void;

// #ffi escape timer_start
unsafe extern "C" {
    fn timer_start(period_ms: u32, cb: extern "C" fn(*mut c_void), user_data: *mut c_void) -> u32;
}

pub struct Ticks {
    pub count: u64,
}

extern "C" fn on_tick(user_data: *mut c_void) {
    let ticks = unsafe { &mut *user_data.cast::<Ticks>() };
    ticks.count += 1;
}

pub fn start_inline(period_ms: u32) -> u32 {
    let data = Box::new(Ticks { count: 0 });
    unsafe { timer_start(period_ms, on_tick, Box::into_raw(data).cast()) }
}

pub fn start_bound(period_ms: u32) -> u32 {
    let raw = Box::into_raw(Box::new(Ticks { count: 0 }));
    unsafe { timer_start(period_ms, on_tick, raw as *mut c_void) }
}
