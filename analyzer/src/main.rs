//! The `ffi-escape` binary: everything lives in [`ffi_escape::cli`]; this only maps the result to an exit code.

fn main() {
    let code = ffi_escape::cli::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    std::process::exit(code);
}
