//! Real-world shape: a struct registered as callback user data and then returned by value.
//! Returning moves the struct into the caller's frame, so C keeps a pointer into a dead
//! frame: moving a stack value out does not keep it alive. `stack_escape`, error.

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

pub fn start_counter() -> Counter {
    let mut counter = Counter { ticks: 0 };
    unsafe { on_tick(tick, &mut counter as *mut Counter as *mut c_void) }; //~ stack_escape(error)
    counter
}
