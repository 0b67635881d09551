//! `noescape` and `escape` for the same parameter conflict; for different parameters they do
//! not.

// #ffi noescape register(name)
// #ffi escape register(ctx)
// #ffi escape register(name)
//~^ conflicting_annotation(error)
unsafe extern "C" {
    fn register(name: *const u8, ctx: *mut u8);
}
