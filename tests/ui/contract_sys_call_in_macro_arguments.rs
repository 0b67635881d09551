//! A function of a `-sys` crate whose declarations were not read, called inside a macro's
//! arguments (`assert_eq!(foo_sys::f(..), 0)`): a call into C, with no contract. Arguments with
//! no parenthesis hold no call (`println!("{}", n)`).

pub fn install() {
    let mut state = [0u8; 4];
    let n = 1;
    println!("{}", n);
    assert_eq!(unsafe { libfoo_sys::foo_register(state.as_mut_ptr()) }, 0); //~ stack_escape(warning)
}
