//! A file that does not parse: one `parse_error` at syn's error position (the `;` where an
//! expression was expected), and nothing else.

pub fn broken() {
    let x = ; //~ parse_error(error)
}
