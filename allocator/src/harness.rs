//! A minimal test runner for test binaries with `harness = false`.
//!
//! It exists for the measurements that need nothing else running in the process: exact
//! [`crate::Threads::All`] counts, which include every thread's allocations — libtest's own
//! thread and the other tests running in parallel. (Measurements of the calling thread, the
//! default, need no such care and run in ordinary `#[test]`s.) [`run`] runs each check in turn
//! on the main thread, catches its panic, and prints libtest's lines (`test NAME ... ok`,
//! `test result: ...`), so `cargo test` output reads the same as for ordinary tests.

use std::cell::Cell;
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::process::ExitCode;
use std::time::Instant;

/// One named check: a plain function that panics on failure.
pub type Test = (&'static str, fn());

thread_local! {
    /// The test [`run`] is running on this thread, which names a failing assertion's dhat
    /// profile.
    static CURRENT_TEST: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// The name of the test [`run`] is running on the calling thread, if it is running one.
pub(crate) fn current_test() -> Option<&'static str> {
    CURRENT_TEST.with(Cell::get)
}

/// Runs `tests` one after the other on the current thread and returns the exit code for
/// `main`: success when none panicked.
///
/// Understands the arguments `cargo test -- ...` passes on: a name filter (substring, or exact
/// with `--exact`), `--skip NAME`, and `--list`; other libtest flags are accepted and ignored.
pub fn run(tests: &[Test]) -> ExitCode {
    run_with_args(tests, std::env::args().skip(1))
}

/// [`run`] with explicit arguments (without the program name).
pub fn run_with_args(tests: &[Test], args: impl IntoIterator<Item = String>) -> ExitCode {
    let options = Options::parse(args);
    let selected: Vec<&Test> = tests
        .iter()
        .filter(|(name, _)| options.selects(name))
        .collect();
    let filtered_out = tests.len() - selected.len();

    if options.list {
        for (name, _) in &selected {
            println!("{name}: test");
        }
        return ExitCode::SUCCESS;
    }

    let start = Instant::now();
    println!();
    println!(
        "running {} test{}",
        selected.len(),
        if selected.len() == 1 { "" } else { "s" }
    );
    let mut failed = Vec::new();
    for (name, test) in &selected {
        // Flush so that the test's name precedes anything it prints to stderr.
        print!("test {name} ... ");
        let _ = std::io::stdout().flush();
        CURRENT_TEST.with(|t| t.set(Some(name)));
        let outcome = catch_unwind(AssertUnwindSafe(test));
        CURRENT_TEST.with(|t| t.set(None));
        match outcome {
            Ok(()) => println!("ok"),
            Err(_) => {
                println!("FAILED");
                failed.push(*name);
            }
        }
    }
    if !failed.is_empty() {
        println!();
        println!("failures:");
        for name in &failed {
            println!("    {name}");
        }
    }
    println!();
    println!(
        "test result: {}. {} passed; {} failed; 0 ignored; 0 measured; {} filtered out; finished in {:.2}s",
        if failed.is_empty() { "ok" } else { "FAILED" },
        selected.len() - failed.len(),
        failed.len(),
        filtered_out,
        start.elapsed().as_secs_f64(),
    );
    println!();
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// The parts of libtest's command line this runner honours.
#[derive(Debug, Default)]
struct Options {
    filters: Vec<String>,
    skip: Vec<String>,
    exact: bool,
    list: bool,
}

impl Options {
    fn parse(args: impl IntoIterator<Item = String>) -> Options {
        /// libtest flags that take a value as the next argument.
        const WITH_VALUE: &[&str] = &[
            "--test-threads",
            "--color",
            "--format",
            "--logfile",
            "--shuffle-seed",
            "-Z",
        ];
        let mut options = Options::default();
        let mut args = args.into_iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--exact" => options.exact = true,
                "--list" => options.list = true,
                "--skip" => options.skip.extend(args.next()),
                flag if WITH_VALUE.contains(&flag) => {
                    args.next();
                }
                flag if flag.starts_with('-') => {}
                _ => options.filters.push(arg),
            }
        }
        options
    }

    fn selects(&self, name: &str) -> bool {
        let matches = |pattern: &String| {
            if self.exact {
                name == pattern
            } else {
                name.contains(pattern.as_str())
            }
        };
        (self.filters.is_empty() || self.filters.iter().any(matches))
            && !self.skip.iter().any(matches)
    }
}

#[cfg(test)]
mod tests {
    use super::Options;

    fn options(args: &[&str]) -> Options {
        Options::parse(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn no_filter_selects_everything() {
        assert!(options(&[]).selects("anything"));
        assert!(options(&["--nocapture", "--test-threads", "1"]).selects("anything"));
    }

    #[test]
    fn filters_match_substrings_unless_exact() {
        let o = options(&["escape"]);
        assert!(o.selects("no_escape_allocates") && !o.selects("callback"));
        let o = options(&["--exact", "escape"]);
        assert!(!o.selects("no_escape_allocates") && o.selects("escape"));
    }

    #[test]
    fn skip_removes_matches() {
        let o = options(&["--skip", "analyzer"]);
        assert!(o.selects("allocations") && !o.selects("analyzer_verdicts"));
    }

    #[test]
    fn list_is_recognised() {
        assert!(options(&["--list", "--format", "terse"]).list);
    }
}
