//! Functions declared by `windows_targets::link!` / `windows_link::link!` (as windows-sys
//! does) are FFI functions: directives match them, calls through them are FFI calls, and the
//! optional third literal is the link name.

use std::ffi::c_void;

pub type HWND = *mut c_void;

// #ffi escape SetWindowLongPtrW
// #ffi noescape GetWindowTextW
// #ffi nocallback LinkedName
windows_targets::link!("user32.dll" "system" fn SetWindowLongPtrW(hwnd: HWND, nindex: i32, dwnewlong: isize) -> isize);
windows_link::link!("user32.dll" "system" fn GetWindowTextW(hwnd: HWND, lpstring: *mut u16, nmaxcount: i32) -> i32);
windows_targets::link!("user32.dll" "system" "LinkedName" fn RenamedInRust(hwnd: HWND));

pub struct Window {
    pub hwnd: HWND,
    pub clicks: u32,
}

pub fn attach(hwnd: HWND) -> u32 {
    let mut w = Window { hwnd, clicks: 0 };
    let mut title = [0u16; 64];
    unsafe {
        GetWindowTextW(hwnd, title.as_mut_ptr(), 64);
        SetWindowLongPtrW(hwnd, -21, &mut w as *mut Window as isize); //~ stack_escape(error)
    }
    w.clicks
}
