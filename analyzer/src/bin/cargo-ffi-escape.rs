//! `cargo ffi-escape`: cargo runs `cargo-ffi-escape ffi-escape ARGS`; [`ffi_escape::cli::run`]
//! drops the repeated subcommand name.

fn main() {
    ffi_escape::cli::tune_process();
    let code = ffi_escape::cli::run(
        std::env::args_os(),
        &mut std::io::stdout().lock(),
        // Not locked: the progress bar writes to stderr from worker threads.
        &mut std::io::stderr(),
    );
    std::process::exit(code);
}
