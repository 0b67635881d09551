//! A function declared in an `extern` block inside a function's body is visible in that body
//! only (git2's test helper `fn realpath(p: &Path)` wraps C's `realpath` declared inside it):
//! elsewhere, `lookup(&k)` calls the Rust function, which copies `*key` before C sees it.

pub fn lookup(key: &u32) -> u32 {
    unsafe extern "C" {
        fn lookup(key: *const u32, out: *mut u32) -> i32;
    }
    let copy = *key;
    let mut out = 0u32;
    unsafe { lookup(&copy, &mut out) }; //~ stack_escape(warning)
    out
}

pub fn caller() -> u32 {
    let k = 7u32;
    lookup(&k)
}
