//! A parameter list that is not `NAME(p,..)` without spaces is `malformed_annotation`:
//! unclosed, empty, or an empty entry.

// #ffi escape register(ctx
//~^ malformed_annotation(error)
// #ffi escape register()
//~^ malformed_annotation(error)
// #ffi noescape register(name,,ctx)
//~^ malformed_annotation(error)
unsafe extern "C" {
    fn register(name: *const u8, ctx: *mut u8);
}
