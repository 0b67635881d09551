//! Items inside module-level macros: nix's `feature! { #![feature = "fs"] .. }` and `cfg_if!`
//! branches are read as the items they hold, so the functions declared there are analyzed
//! and the `extern` block and `use` inside are seen. (Module files declared there are followed
//! too; see the `macro_modules` CLI case.)

macro_rules! feature {
    (#![$meta:meta] $($item:item)*) => { $(#[cfg($meta)] $item)* };
}

feature! {
    #![feature = "fs"]

    pub mod sys {
        use std::ffi::c_void;

        // #ffi escape keep
        unsafe extern "C" {
            pub fn keep(p: *mut c_void) -> i32;
        }
    }
}

cfg_if::cfg_if! {
    if #[cfg(unix)] {
        use sys::keep as retain;

        pub fn unix() -> i32 {
            let mut a = 0_u8;
            unsafe { retain(&mut a as *mut u8 as *mut std::ffi::c_void) } //~ stack_escape(error)
        }
    } else {
        pub fn other() -> i32 {
            let mut b = 0_u8;
            unsafe { sys::keep(&mut b as *mut u8 as *mut std::ffi::c_void) } //~ stack_escape(error)
        }
    }
}
