//! An unclosed delimiter fails already in the tokenizer: one `parse_error` at the unclosed
//! `(`.

pub fn broken( { //~ parse_error(error)
}

pub fn fine() {}
