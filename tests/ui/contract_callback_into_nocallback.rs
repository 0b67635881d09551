//! `callback_into_nocallback`: a Rust function passed to a C function marked `#ffi nocallback`
//! (directives are crate-wide), as an `extern "C" fn` item, `Some(f)` or a cast. The same
//! callback passed to a C function without the mark is fine, and so is `None`.

// #ffi nocallback run_c
unsafe extern "C" {
    fn run_c(cb: Option<extern "C" fn(i32)>);
    fn run_c_plain(cb: extern "C" fn(i32));
    fn register(cb: Option<extern "C" fn(i32)>);
}

extern "C" fn on_event(_code: i32) {}

pub fn forms() {
    unsafe {
        run_c(Some(on_event)); //~ callback_into_nocallback(error)
        run_c(Some(on_event as extern "C" fn(i32))); //~ callback_into_nocallback(error)
        run_c(None);
        register(Some(on_event));
    }
}

// #ffi nocallback run_c_plain
pub fn closures() {
    let cb = |_code: i32| {};
    unsafe {
        run_c_plain(on_event); //~ callback_into_nocallback(error)
        let _ = cb;
    }
}
