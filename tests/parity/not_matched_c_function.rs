//! Go's `testerrors/testdata/notmatchedcfunction.go` for ffi-escape: a directive naming a C
//! function that no extern block declares. Analyzed by `tests/tests/not_matched_c_function.rs`,
//! which expects exactly one `unmatched_annotation` error at the directive's line.

// #ffi noescape noMatchedCFunction

fn main() {}
