//! Command-line behaviour as trycmd cases (`tests/cmd/*.toml` at the workspace root): the
//! README's commands, every exit code, bad paths, bad arguments, non-UTF-8 and unparsable
//! files. Bless changed output with `TRYCMD=overwrite cargo test -p ffi-escape --test cli`.

#[test]
fn cli() {
    trycmd::TestCases::new().case("../tests/cmd/*.toml");
}
