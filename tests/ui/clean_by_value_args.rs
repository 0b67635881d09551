//! Stack locals passed by value (integers, a `#[repr(C)]` struct without pointers, a
//! dereferenced value) are copies, not pointers. No diagnostic.

unsafe extern "C" {
    fn set_level(level: i32);
    fn move_to(p: Point);
    fn scale(factor: f64) -> f64;
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Point {
    pub x: i32,
    pub y: i32,
}

pub fn run(factor: &f64) -> f64 {
    let level = 3;
    unsafe { set_level(level) };
    let p = Point { x: 1, y: 2 };
    unsafe { move_to(p) };
    let f = *factor;
    unsafe { scale(f) }
}
