//! Support code shared by the workspace integration tests in `tests/tests/` and the examples:
//! running the command line in-process, and (through `build.rs`) the C fixtures, which test
//! binaries link by naming this crate.

use std::ffi::OsString;

/// One in-process run of `ffi-escape`.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// What it printed on stdout.
    pub stdout: String,
    /// What it printed on stderr.
    pub stderr: String,
}

impl Run {
    /// Asserts the analysis ran (exit code 0 or 1), showing the run otherwise.
    pub fn assert_ran(&self, what: &str) -> &Self {
        assert!(
            self.code == 0 || self.code == 1,
            "{what}: exit code {}\nstderr:\n{}",
            self.code,
            self.stderr
        );
        self
    }

    /// The output as JSON; the panic shows the run when it is not JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "no JSON ({e}); exit code {}\nstdout:\n{}\nstderr:\n{}",
                self.code, self.stdout, self.stderr
            )
        })
    }
}

/// Runs `ffi-escape ARGS...` in-process, exactly as the binary does.
pub fn run<I, S>(args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: Into<OsString>,
{
    let argv: Vec<OsString> = std::iter::once("ffi-escape".into())
        .chain(args.into_iter().map(Into::into))
        .collect();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = ffi_escape::cli::run(argv, &mut out, &mut err);
    Run {
        code,
        stdout: String::from_utf8_lossy(&out).into_owned(),
        stderr: String::from_utf8_lossy(&err).into_owned(),
    }
}
