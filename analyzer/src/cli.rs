//! The command line: argument parsing and the mapping from analysis results to exit codes.
//!
//! It exists so that the binary and the tests run exactly the same code path in-process:
//! [`run`] takes the arguments and two writers and returns the exit code
//! (0 no errors, 1 errors found, 2 the tool could not run).

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::analysis::{self, Options};
use crate::render::{self, Totals};

/// Static escape analysis for pointers that Rust hands to C.
#[derive(Parser, Debug)]
#[command(name = "ffi-escape", version, about, bin_name = "ffi-escape")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// When to colour human output.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Also print notes (calls that could not be resolved).
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Do not print the summary line.
    #[arg(short, long, global = true)]
    quiet: bool,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Report pointers to stack locals, temporaries and dropped buffers that escape into C.
    Check {
        /// Cargo package or workspace directories, or `.rs` files taken as crate roots.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
    },
    /// Print every value whose address reaches C, with its verdict (Go `-m` style).
    Escapes {
        /// Cargo package or workspace directories, or `.rs` files taken as crate roots.
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
    },
    /// Print the points-to graph of one function as Graphviz DOT.
    Graph {
        /// Cargo package directory or `.rs` file.
        path: PathBuf,
        /// The function's name, or `Type::method`.
        #[arg(long)]
        function: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// rustc-style diagnostics (Go `-m` lines for `escapes`).
    Human,
    /// The JSON documents of DESIGN.md §5.
    Json,
    /// SARIF 2.1.0, for code scanning (`check` only).
    Sarif,
    /// GitHub Actions annotations (`check` only).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

/// Runs the command line with `args` (the first item is the program name), writing the
/// report to `stdout` and tool errors to `stderr`. Returns the process exit code.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let mut args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    // `cargo ffi-escape ...` runs `cargo-ffi-escape ffi-escape ...`.
    if args.get(1).is_some_and(|a| a == "ffi-escape") {
        args.remove(1);
    }
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let out: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let _ = write!(out, "{}", e.render());
            return e.exit_code();
        }
    };
    match execute(&cli, stdout) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            2
        }
    }
}

fn execute(cli: &Cli, out: &mut dyn Write) -> Result<i32, Box<dyn std::error::Error>> {
    let mut options = Options {
        verbose: cli.verbose,
        graph_function: None,
    };
    let paths = match &cli.command {
        Command::Check { paths } | Command::Escapes { paths } => paths.clone(),
        Command::Graph { path, function } => {
            options.graph_function = Some(function.clone());
            vec![path.clone()]
        }
    };
    let reports = analysis::analyze(&paths, &options)?;
    let totals = Totals::of(&reports);
    let color = match cli.color {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    if cli.verbose {
        out.write_all(render::human::notes(&reports).as_bytes())?;
    }
    match (&cli.command, cli.format) {
        (Command::Check { .. }, Format::Human) => {
            out.write_all(&render::human::check(&reports, color, cli.quiet))?
        }
        (Command::Check { .. }, Format::Json) => {
            out.write_all(render::json::check(&reports).as_bytes())?
        }
        (Command::Check { .. }, Format::Sarif) => {
            out.write_all(render::sarif::check(&reports).as_bytes())?
        }
        (Command::Check { .. }, Format::Github) => {
            out.write_all(render::github::check(&reports).as_bytes())?
        }
        (Command::Escapes { .. }, Format::Sarif | Format::Github) => {
            return Err(
                "`escapes` prints verdicts, not findings: use `--format human` or `--format json`"
                    .into(),
            );
        }
        (Command::Escapes { .. }, Format::Human) => {
            out.write_all(render::human::escapes(&reports).as_bytes())?
        }
        (Command::Escapes { .. }, Format::Json) => {
            out.write_all(render::json::escapes(&reports).as_bytes())?
        }
        (Command::Graph { function, .. }, _) => {
            let graphs: Vec<&String> = reports.iter().flat_map(|r| &r.graphs).collect();
            if graphs.is_empty() {
                return Err(
                    format!("no function named `{function}` in {}", paths[0].display()).into(),
                );
            }
            for g in graphs {
                out.write_all(g.as_bytes())?;
            }
            return Ok(0);
        }
    }
    out.flush()?;
    Ok(if totals.errors > 0 { 1 } else { 0 })
}
