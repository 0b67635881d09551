//! The fixed version of `stack_struct_returned_by_value`: the callback user data lives in a
//! `Box` whose owner is returned, so the heap address C keeps stays valid. No diagnostic.

use std::ffi::c_void;

// #ffi escape on_tick
unsafe extern "C" {
    fn on_tick(cb: extern "C" fn(*mut c_void), user_data: *mut c_void);
}

pub struct Counter {
    pub ticks: u64,
}

extern "C" fn tick(user_data: *mut c_void) {
    let counter = unsafe { &mut *(user_data as *mut Counter) };
    counter.ticks += 1;
}

pub fn start_counter() -> Box<Counter> {
    let mut counter = Box::new(Counter { ticks: 0 });
    unsafe { on_tick(tick, &mut *counter as *mut Counter as *mut c_void) };
    counter
}
