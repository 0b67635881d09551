//! A function of a `-sys` crate whose declarations were not read, imported in the calling
//! function's body (nix's `fn shutdown() { use libc::shutdown; .. }`): the bare call is a call
//! into C, with no contract. The same name elsewhere is the crate's own function.

pub fn install() {
    use libfoo_sys::foo_register;
    let mut state = [0u8; 4];
    unsafe { foo_register(state.as_mut_ptr()) }; //~ stack_escape(warning)
}

fn foo_register(_: *mut u8) {}

pub fn elsewhere() {
    let mut state = [0u8; 4];
    foo_register(state.as_mut_ptr());
}
