//! A `CString` made with `CString::new(..)?` is a heap owner like one made with `unwrap()`:
//! its buffer drops at the end of the function. `buffer_escape`, warning.

use std::ffi::{CString, NulError, c_char};

unsafe extern "C" {
    fn set_title(title: *const c_char);
}

pub fn set(title: &str) -> Result<(), NulError> {
    let c = CString::new(title)?;
    unsafe { set_title(c.as_ptr()) }; //~ buffer_escape(warning)
    Ok(())
}
