//! Shared by the Go parity tests (`cgo_*.rs`, `not_matched_c_function.rs`): runs the
//! ffi-escape command line in-process on a file of `tests/parity/` and hands back its exit code
//! and parsed JSON, so each test asserts against the JSON contract of DESIGN §5.

#![allow(dead_code, reason = "each parity test binary uses a different part")]

use std::path::PathBuf;

use serde_json::Value;

/// What one run of the analyzer produced.
#[derive(Debug)]
pub struct Analysis {
    /// The process exit code the command line maps its result to (0, 1 or 2).
    pub exit_code: i32,
    /// Standard output, parsed (JSON formats) — `Value::Null` for other formats.
    pub json: Value,
    /// Standard output as text.
    pub stdout: String,
    /// Standard error as text.
    pub stderr: String,
}

impl Analysis {
    /// The `diagnostics` array of `check --format json` output.
    pub fn diagnostics(&self) -> &[Value] {
        self.array("diagnostics")
    }

    /// The `escapes` array of `escapes --format json` output.
    pub fn escapes(&self) -> &[Value] {
        self.array("escapes")
    }

    fn array(&self, key: &str) -> &[Value] {
        assert_eq!(
            self.json["version"], 1,
            "JSON version; output:\n{}",
            self.stdout
        );
        self.json[key]
            .as_array()
            .unwrap_or_else(|| panic!("no `{key}` array in the output:\n{}", self.stdout))
    }
}

/// The path of `name` in `tests/parity/`.
pub fn parity_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("parity")
        .join(name)
}

/// Runs `ffi-escape ARGS... FILE` in-process. When `--format json` is among `args`, stdout must
/// parse as JSON (the panic shows the exit code, stdout and stderr if it does not).
pub fn run_analyzer(args: &[&str], file: &str) -> Analysis {
    let path = parity_file(file);
    let mut argv: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    argv.push(path.display().to_string());
    let run = ffi_escape_tests::run(&argv);
    let json = if args.windows(2).any(|w| w == ["--format", "json"]) {
        run.json()
    } else {
        Value::Null
    };
    let ffi_escape_tests::Run {
        code: exit_code,
        stdout,
        stderr,
    } = run;
    Analysis {
        exit_code,
        json,
        stdout,
        stderr,
    }
}

/// `ffi-escape check --format json --color never FILE`.
pub fn check(file: &str) -> Analysis {
    run_analyzer(&["check", "--format", "json", "--color", "never"], file)
}

/// `ffi-escape escapes --format json FILE`.
pub fn escapes(file: &str) -> Analysis {
    run_analyzer(&["escapes", "--format", "json"], file)
}

/// The 1-based number of the one line of `tests/parity/FILE` that contains `needle`.
pub fn line_of(file: &str, needle: &str) -> u64 {
    let text = std::fs::read_to_string(parity_file(file)).expect("parity file is readable");
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(
        lines.len(),
        1,
        "{needle:?} must occur on exactly one line of {file}"
    );
    lines[0] as u64
}

/// Whether the `function` field of an escape names the Rust function `name` (bare, or as the
/// last segment of a path).
pub fn names_function(value: &Value, name: &str) -> bool {
    value
        .as_str()
        .is_some_and(|f| f == name || f.ends_with(&format!("::{name}")))
}
