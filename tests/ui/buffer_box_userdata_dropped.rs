//! Real-world shape: boxed callback user data whose `Box` is dropped at the end of the
//! function that registered it. The heap buffer is freed when `data` drops while the C timer
//! keeps calling back with it: `buffer_escape`, error, at the user-data argument.

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
}

extern "C" fn on_tick(user_data: *mut c_void) {
    let ticks = unsafe { &mut *user_data.cast::<Ticks>() };
    ticks.count += 1;
}

pub fn start_timer(period_ms: u32) -> Timer {
    let mut data = Box::new(Ticks { count: 0 });
    let id = unsafe { timer_start(period_ms, on_tick, &mut *data as *mut Ticks as *mut c_void) }; //~ buffer_escape(error)
    Timer { id }
}
