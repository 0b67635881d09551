//! A `use` inside a function's body shadows the module's items of the same name there: in
//! `fn register` below, `register(..)` is the C function the body imports, not a recursive
//! call (nix's `fn shutdown() { use libc::shutdown; .. shutdown(fd, how) }`). The same holds in a
//! trait's default method.

mod sys {
    unsafe extern "C" {
        pub fn register(p: *mut u8);
    }
}

pub fn register() {
    use self::sys::register;
    let mut local = [0u8; 4];
    unsafe { register(local.as_mut_ptr()) } //~ stack_escape(warning)
}

pub fn other() {
    // Outside that body, `register` is the Rust function.
    register();
}

pub trait Register {
    fn register_local(&self) {
        use self::sys::register;
        let mut local = [0u8; 4];
        unsafe { register(local.as_mut_ptr()) } //~ stack_escape(warning)
    }
}
