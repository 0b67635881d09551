//! ffi-escape: a source-level escape analysis for pointers that Rust hands to C.
//!
//! Rust's borrow checker stops tracking a value once its address becomes a raw pointer; C may
//! keep that pointer (callback user data, a registered buffer). This crate finds values that
//! escape into C while living in the frame: stack locals, temporaries, buffers whose owner is
//! dropped. C functions are described by `#ffi noescape|nocallback|escape NAME` directives in
//! comments, as cgo's `#cgo noescape`/`#cgo nocallback`.
//!
//! The pass runs top to bottom, each stage knowing only the ones below it:
//! [`workspace`] → [`ffi`], [`contracts`] → [`items`] → [`lower`] → [`solve`] → [`lints`] →
//! [`render`]; [`analysis`] strings them together and [`cli`] is the command line, callable
//! in-process (the binary is a thin wrapper).

pub mod analysis;
pub mod builtin;
pub mod cli;
pub mod config;
pub mod contracts;
pub mod diag;
pub mod ffi;
pub mod items;
pub mod lints;
pub mod lower;
pub mod macros;
pub mod prefilter;
pub mod render;
pub mod solve;
pub mod source;
pub mod workspace;
