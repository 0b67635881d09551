//! The fixed version of `buffer_box_userdata_dropped`: the `Box` is moved into the returned
//! handle, so its heap buffer (whose address C keeps) lives as long as the handle. No
//! diagnostic.

use std::ffi::c_void;

// #ffi escape timer_start
unsafe extern "C" {
    fn timer_start(period_ms: u32, cb: extern "C" fn(*mut c_void), user_data: *mut c_void) -> u32;
}

pub struct Ticks {
    pub count: u64,
}

pub struct Timer {
    pub id: u32,
    _data: Box<Ticks>,
}

extern "C" fn on_tick(user_data: *mut c_void) {
    let ticks = unsafe { &mut *user_data.cast::<Ticks>() };
    ticks.count += 1;
}

pub fn start_timer(period_ms: u32) -> Timer {
    let mut data = Box::new(Ticks { count: 0 });
    let id = unsafe { timer_start(period_ms, on_tick, &mut *data as *mut Ticks as *mut c_void) };
    Timer { id, _data: data }
}
