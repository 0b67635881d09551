//! ffi-escape: a source-level escape analysis for pointers that Rust hands to C.
//!
//! The crate is a library with a thin binary (`src/main.rs`); [`cli::run`] is the whole
//! command line, callable in-process by tests.

pub mod cli;
