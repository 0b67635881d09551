//! `cargo ffi-escape`: cargo runs `cargo-ffi-escape ffi-escape ARGS`; [`ffi_escape::cli::run`]
//! drops the repeated subcommand name.

// The same allocator as `ffi-escape` (see `main.rs`): the analysis is the same.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
