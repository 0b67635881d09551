//! The command line: argument parsing and the mapping from analysis results to exit codes.
//!
//! It exists so that the binary and the tests run exactly the same code path in-process:
//! [`run`] takes the arguments and two writers and returns the exit code
//! (0 no errors, 1 errors found, 2 the tool could not run).

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::analysis::{self, Options, Progress};
use crate::config::{self, Level};
use crate::lints;
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
    /// Also print notes (calls that could not be resolved, macro invocations not analyzed,
    /// calls whose argument count differs from their built-in contract).
    #[arg(short, long, global = true)]
    verbose: bool,
    /// Do not print the summary line, nor the progress bar shown on a terminal.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Do not report a lint (a code, or `assumed_escape` for escapes through callees without contract).
    #[arg(short = 'A', long = "allow", value_name = "LINT", global = true, value_parser = lint_name)]
    allow: Vec<String>,
    /// Report a lint as a warning.
    #[arg(short = 'W', long = "warn", value_name = "LINT", global = true, value_parser = lint_name)]
    warn: Vec<String>,
    /// Report a lint as an error.
    #[arg(short = 'D', long = "deny", value_name = "LINT", global = true, value_parser = lint_name)]
    deny: Vec<String>,
    /// Do not apply the built-in contracts of well-known C libraries (libc, pthread, sqlite3, ...).
    #[arg(long, global = true)]
    no_builtin_contracts: bool,
    /// Treat `&mut` of a local integer, float, bool or raw pointer passed to a C function without
    /// contract as escaping too, instead of as an out-parameter (a strict audit).
    #[arg(long, global = true)]
    no_out_params: bool,
    /// Do not analyze the arguments of macro invocations (`try_call!(ffi::f(..))`, `assert!`,
    /// `format!`): calls and pointers inside them are not seen (to measure what they add).
    #[arg(long, global = true)]
    no_macro_args: bool,
    /// Parse every file in full, not only those that can reach C (slower; the findings are the
    /// same, which this flag exists to check).
    #[arg(long, global = true)]
    parse_all: bool,
}

/// Checks a lint name given to `-A/-W/-D`.
fn lint_name(s: &str) -> Result<String, String> {
    if config::is_level_name(s) {
        Ok(s.to_owned())
    } else {
        let codes: Vec<&str> = lints::ALL.iter().map(|(c, _)| *c).collect();
        Err(format!(
            "unknown lint; the lints are {} and {}",
            codes.join(", "),
            config::ASSUMED_ESCAPE
        ))
    }
}

/// The `-A/-W/-D` flags in command-line order (the last one for a lint wins).
fn levels(matches: &clap::ArgMatches) -> Vec<(String, Level)> {
    let mut found: Vec<(usize, String, Level)> = Vec::new();
    let mut sources = vec![matches];
    if let Some((_, sub)) = matches.subcommand() {
        sources.push(sub);
    }
    for m in sources {
        for (id, level) in [
            ("allow", Level::Allow),
            ("warn", Level::Warn),
            ("deny", Level::Deny),
        ] {
            let (Some(indices), Some(values)) = (m.indices_of(id), m.get_many::<String>(id)) else {
                continue;
            };
            for (i, v) in indices.zip(values) {
                if !found.iter().any(|(j, _, _)| *j == i) {
                    found.push((i, v.clone(), level));
                }
            }
        }
    }
    found.sort_by_key(|(i, _, _)| *i);
    found.into_iter().map(|(_, v, l)| (v, l)).collect()
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
    let parsed = Cli::command()
        .try_get_matches_from(args)
        .and_then(|m| Ok((Cli::from_arg_matches(&m)?, levels(&m))));
    let (cli, levels) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let out: &mut dyn Write = if e.use_stderr() { stderr } else { stdout };
            let _ = write!(out, "{}", e.render());
            return e.exit_code();
        }
    };
    match execute(&cli, levels, stdout) {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(stderr, "error: {e}");
            2
        }
    }
}

/// Process settings for a long analysis, called first thing by the binaries: on Linux, no
/// transparent huge pages. The allocator's arenas otherwise get 2 MiB pages that the kernel
/// zeroes whole; on the benchmark corpus that was 40% of `libc`'s analysis time and about 10%
/// of the whole run's (reports/bench.md).
pub fn tune_process() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes no memory.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// A progress bar is drawn on stderr when it is a terminal, the user did not ask for quiet, and
/// there is more than one crate to analyze.
fn show_progress(quiet: bool, terminal: bool, crates: u64) -> bool {
    !quiet && terminal && crates > 1
}

fn execute(
    cli: &Cli,
    levels: Vec<(String, Level)>,
    out: &mut dyn Write,
) -> Result<i32, Box<dyn std::error::Error>> {
    let mut options = Options {
        verbose: cli.verbose,
        graph_function: None,
        levels,
        no_builtin_contracts: cli.no_builtin_contracts,
        no_out_params: cli.no_out_params,
        parse_all: cli.parse_all,
        no_macro_args: cli.no_macro_args,
    };
    let paths = match &cli.command {
        Command::Check { paths } | Command::Escapes { paths } => paths.clone(),
        Command::Graph { path, function } => {
            options.graph_function = Some(function.clone());
            vec![path.clone()]
        }
    };
    let bar = ProgressBar::hidden();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos}/{len} crates {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    // Paths not read yet count as one crate each until they are.
    let (unread, found) = (AtomicU64::new(paths.len() as u64), AtomicU64::new(0));
    let reports = analysis::analyze_with_progress(&paths, &options, &|p| match p {
        Progress::Found(n) => {
            let unread = unread.fetch_sub(1, Ordering::Relaxed) - 1;
            let found = found.fetch_add(n as u64, Ordering::Relaxed) + n as u64;
            bar.set_length(unread + found);
            if show_progress(cli.quiet, std::io::stderr().is_terminal(), unread + found)
                && bar.is_hidden()
            {
                bar.set_draw_target(ProgressDrawTarget::stderr());
            }
        }
        Progress::Done(report) => {
            bar.set_message(report.name.clone());
            bar.inc(1);
        }
    });
    bar.finish_and_clear();
    let reports = reports?;
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

#[cfg(test)]
mod tests {
    use super::show_progress;

    #[test]
    fn progress_only_on_a_terminal_without_quiet_for_several_crates() {
        assert!(show_progress(false, true, 2));
        assert!(!show_progress(true, true, 175), "--quiet hides it");
        assert!(!show_progress(false, false, 175), "not on a pipe or a file");
        assert!(!show_progress(false, true, 1), "not for one crate");
    }
}
