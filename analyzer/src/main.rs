//! The `ffi-escape` binary: everything lives in [`ffi_escape::cli`]; this only maps the result to an exit code.

// The analysis allocates and frees millions of small syntax-tree nodes on several threads;
// mimalloc keeps that fast and returns memory to the system (glibc's per-thread arenas held
// about 3x the live heap at peak on the benchmark corpus).
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
