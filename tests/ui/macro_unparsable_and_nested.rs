//! An invocation whose tokens do not parse as expressions (a DSL: `on!(event => handler)`) is
//! skipped silently (`--verbose` counts it), even when it mentions a call into C. Nested
//! invocations are read level by level: `outer!(inner!(keep(..)))` and `assert!(matches!(..))`.
//! (`matches!(e, 0 | 1)` parses: `0 | 1` is an expression too.)

use std::ffi::c_void;

// #ffi escape keep
unsafe extern "C" {
    fn keep(p: *mut c_void) -> i32;
}

macro_rules! on {
    ($e:expr => $h:expr) => {
        $h($e)
    };
}

macro_rules! outer {
    ($e:expr) => {
        $e
    };
}

macro_rules! inner {
    ($e:expr) => {
        $e
    };
}

pub fn run() -> bool {
    let mut a = 0_u8;
    let _ = on!(unsafe { keep(&mut a as *mut u8 as *mut c_void) } => drop);
    let mut b = 0_u8;
    let _ = outer!(inner!(unsafe { keep(&mut b as *mut u8 as *mut c_void) })); //~ stack_escape(error)
    let mut c = 0_u8;
    assert!(matches!(unsafe { keep(&mut c as *mut u8 as *mut c_void) }, 0)); //~ stack_escape(error)
    let mut d = 0_u8;
    matches!(unsafe { keep(&mut d as *mut u8 as *mut c_void) }, 0 | 1) //~ stack_escape(error)
}
