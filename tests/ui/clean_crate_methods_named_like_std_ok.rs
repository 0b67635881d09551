//! A crate's own method named like a std one but taking other arguments
//! (`RepoBuilder::clone(url, depth)`) is that method, not `Clone::clone`: its result does not
//! hold its arguments. And `as_ptr()` on a wrapper of a C object whose method comes from
//! another crate's trait (foreign-types' `ForeignTypeRef::as_ptr`) returns the C pointer the
//! wrapper holds, not an address inside the Rust value.

use std::ffi::c_void;

// #ffi escape keep
// #ffi noescape peek
unsafe extern "C" {
    fn keep(p: *mut c_void) -> i32;
    fn peek(p: *const c_void) -> i32;
}

pub struct Repo {
    pub raw: *mut c_void,
}

impl Repo {
    pub fn handle(&self) -> *const c_void {
        self as *const Repo as *const c_void
    }
}

pub struct RepoBuilder;

impl RepoBuilder {
    pub fn clone(&self, url: &str, depth: u32) -> Repo {
        let _ = (url, depth);
        Repo {
            raw: std::ptr::null_mut(),
        }
    }
}

pub fn open(builder: &RepoBuilder) -> i32 {
    let repo = builder.clone(&String::from("https://example.invalid"), 1);
    unsafe { peek(repo.handle()) }
}

pub struct Group(*mut c_void);

pub struct GroupRef;

pub fn attach(group: &GroupRef) -> i32 {
    use foreign_types::ForeignTypeRef;
    unsafe { keep(group.as_ptr()) }
}

pub fn run(group: Group) -> i32 {
    let local = group;
    attach(&local)
}
