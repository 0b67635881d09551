//! The benchmark of issue 5: `ffi-escape check` over every crate of the pinned corpus, as a
//! ratio to the floor (reading and `syn::parse_file` of every `.rs` file of the corpus once, on
//! one thread), measured in one run on one machine.
//!
//! ```text
//! cargo run --release -p ffi-escape-bench -- [--floor-only | --analysis-only] [--runs N] [CORPUS_DIR]
//! ```
//!
//! `CORPUS_DIR` defaults to `$FFI_ESCAPE_CORPUS`, then `../shared/corpus`; the crates are in its
//! `vendor/` directory (`../shared/corpus/fetch.sh DIR` makes it). The default mode measures the
//! floor and the analysis in the same process; peak RSS (`VmHWM`) covers the whole process, so
//! `--floor-only` and `--analysis-only` measure each peak in a process of its own.
//! `--full-only` (with `--analysis-only`, for a profiler) skips the 1/4 and 1/2 runs and the
//! re-parse of the files the analysis read.
//!
//! Nothing here asserts a time: it prints figures (a Markdown table) for `reports/bench.md`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

// The same allocator as the `ffi-escape` binary: the analysis is measured as `check` runs it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use ffi_escape::analysis::{self, Options};

const USAGE: &str = "usage: ffi-escape-bench [--floor-only | --analysis-only] [--full-only] [--runs N] [CORPUS_DIR]";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Both,
    FloorOnly,
    AnalysisOnly,
}

struct Args {
    mode: Mode,
    runs: usize,
    full_only: bool,
    corpus: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        mode: Mode::Both,
        runs: 1,
        full_only: false,
        corpus: None,
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--floor-only") => args.mode = Mode::FloorOnly,
            Some("--analysis-only") => args.mode = Mode::AnalysisOnly,
            Some("--full-only") => args.full_only = true,
            Some("--runs") => {
                args.runs = it
                    .next()
                    .and_then(|n| n.to_str()?.parse().ok())
                    .filter(|&n| n > 0)
                    .ok_or("--runs takes a positive number")?;
            }
            Some("-h" | "--help") => return Err(String::new()),
            Some(s) if s.starts_with('-') => return Err(format!("unknown option `{s}`")),
            _ if args.corpus.is_none() => args.corpus = Some(PathBuf::from(a)),
            _ => return Err("more than one corpus directory".into()),
        }
    }
    Ok(args)
}

/// The `vendor/` directory of the corpus: given, `$FFI_ESCAPE_CORPUS`, or `../shared/corpus`
/// (from the current directory, then from the repository root).
fn find_vendor(given: Option<PathBuf>) -> Result<PathBuf, String> {
    let candidates: Vec<PathBuf> = match given {
        Some(dir) => vec![dir],
        None => [
            std::env::var_os("FFI_ESCAPE_CORPUS").map(PathBuf::from),
            Some(PathBuf::from("../shared/corpus")),
            Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")),
        ]
        .into_iter()
        .flatten()
        .collect(),
    };
    for dir in &candidates {
        if dir.join("vendor").is_dir() {
            return Ok(dir.join("vendor"));
        }
        // The vendor directory itself.
        if dir.file_name().is_some_and(|n| n == "vendor") && dir.is_dir() {
            return Ok(dir.clone());
        }
    }
    let tried: Vec<String> = candidates.iter().map(|c| c.display().to_string()).collect();
    Err(format!(
        "no corpus: no `vendor/` directory in {}\n\
         make one with `../shared/corpus/fetch.sh DIR`, then pass DIR or set FFI_ESCAPE_CORPUS=DIR",
        tried.join(", ")
    ))
}

/// Every `.rs` file under `dir`, sorted; symbolic links are not followed.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if kind.is_dir() {
            rust_files(&path, out);
        } else if kind.is_file() && path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The crates of the corpus: each directory of `vendor/` with a `Cargo.toml`, sorted by name.
fn crates(vendor: &Path) -> Vec<PathBuf> {
    let mut crates: Vec<PathBuf> = std::fs::read_dir(vendor)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    crates
}

struct Floor {
    time: Duration,
    present: usize,
    parsed: usize,
    bytes: u64,
}

/// The floor: read and parse every `.rs` file once, on this thread.
fn floor(files: &[PathBuf]) -> Floor {
    let start = Instant::now();
    let (mut parsed, mut bytes) = (0, 0);
    for f in files {
        let Ok(raw) = std::fs::read(f) else { continue };
        bytes += raw.len() as u64;
        let Ok(text) = String::from_utf8(raw) else {
            continue;
        };
        if let Ok(ast) = syn::parse_file(&text) {
            parsed += 1;
            drop(std::hint::black_box(ast));
        }
    }
    Floor {
        time: start.elapsed(),
        present: files.len(),
        parsed,
        bytes,
    }
}

struct Analysis {
    crates: usize,
    time: Duration,
    files: usize,
    parsed: usize,
    parse_errors: usize,
    ffi_functions: usize,
    ffi_calls: usize,
    diagnostics: usize,
    /// Bytes of source the analyzer read.
    bytes: u64,
    /// Peak RSS of the process right after the analysis.
    peak: Option<u64>,
}

fn analyze(crates: &[PathBuf]) -> Result<Analysis, String> {
    let start = Instant::now();
    let reports = analysis::analyze(crates, &Options::default()).map_err(|e| e.to_string())?;
    let time = start.elapsed();
    let peak = peak_rss_kib();
    let mut a = Analysis {
        peak,
        crates: reports.len(),
        time,
        files: 0,
        parsed: 0,
        parse_errors: 0,
        ffi_functions: 0,
        ffi_calls: 0,
        diagnostics: 0,
        bytes: 0,
    };
    for r in &reports {
        a.bytes += r.stats.bytes as u64;
        a.files += r.stats.files;
        a.parsed += r.stats.parsed;
        a.parse_errors += r.stats.parse_errors;
        a.ffi_functions += r.stats.ffi_functions;
        a.ffi_calls += r.stats.ffi_calls;
        a.diagnostics += r.diagnostics.len();
    }
    Ok(a)
}

/// The best of `runs` runs (the least disturbed by other work on the machine).
fn best<T>(runs: usize, mut f: impl FnMut() -> T, time: impl Fn(&T) -> Duration) -> T {
    let mut best = f();
    for _ in 1..runs {
        let next = f();
        if time(&next) < time(&best) {
            best = next;
        }
    }
    best
}

/// Peak resident set size of this process so far, in KiB (`VmHWM`; Linux only).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn mib(kib: Option<u64>) -> String {
    kib.map_or_else(|| "n/a".into(), |k| format!("{:.0} MiB", k as f64 / 1024.0))
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() -> ExitCode {
    // As `ffi-escape` runs (for the floor too).
    ffi_escape::cli::tune_process();
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let vendor = match find_vendor(args.corpus) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let crates = crates(&vendor);
    let mut files = Vec::new();
    rust_files(&vendor, &mut files);
    files.sort();
    if crates.is_empty() {
        eprintln!(
            "error: no crate (directory with a Cargo.toml) in {}",
            vendor.display()
        );
        return ExitCode::from(2);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "corpus: {} ({} crates, {} .rs files); {} hardware threads; best of {} run(s)",
        vendor.display(),
        crates.len(),
        files.len(),
        threads,
        args.runs
    );

    let mut rows: Vec<(String, String)> = Vec::new();
    let mut floor_time = None;
    if args.mode != Mode::AnalysisOnly {
        eprintln!(
            "floor: reading and parsing {} files on one thread...",
            files.len()
        );
        let fl = best(args.runs, || floor(&files), |f| f.time);
        let rss = peak_rss_kib();
        rows.push((
            "floor: read + syn::parse_file, 1 thread".into(),
            secs(fl.time),
        ));
        rows.push((
            "floor: files parsed / present".into(),
            format!(
                "{} / {} ({:.0} MB)",
                fl.parsed,
                fl.present,
                fl.bytes as f64 / 1e6
            ),
        ));
        rows.push(("floor: peak RSS (process so far)".into(), mib(rss)));
        floor_time = Some(fl.time);
    }
    if args.mode != Mode::FloorOnly {
        let n = crates.len();
        let mut scaling = Vec::new();
        let mut rss = None;
        let parts = [("1/4", n.div_ceil(4)), ("1/2", n.div_ceil(2)), ("1/1", n)];
        let parts = if args.full_only {
            &parts[2..]
        } else {
            &parts[..]
        };
        for &(label, k) in parts {
            eprintln!("analysis: {label} of the corpus ({k} crates)...");
            let part = &crates[..k];
            let a = match best(
                args.runs,
                || analyze(part),
                |a| a.as_ref().map_or(Duration::ZERO, |a| a.time),
            ) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("error: the analysis could not run: {e}");
                    return ExitCode::from(2);
                }
            };
            let part_files: usize = files
                .iter()
                .filter(|f| part.iter().any(|c| f.starts_with(c)))
                .count();
            // Peak of the full run: the parts before it are smaller.
            rss = a.peak;
            scaling.push((label, k, part_files, a));
        }
        let Some((_, _, _, full)) = scaling.last() else {
            return ExitCode::from(2);
        };
        rows.push((
            "analysis: `check` of every crate, wall".into(),
            secs(full.time),
        ));
        if let Some(ft) = floor_time {
            rows.push((
                "analysis / floor (target ≤ 0.25)".into(),
                format!("{:.3}×", full.time.as_secs_f64() / ft.as_secs_f64()),
            ));
        }
        rows.push((
            "analysis: crates / files read / parse errors".into(),
            format!("{} / {} / {}", full.crates, full.files, full.parse_errors),
        ));
        rows.push((
            "analysis: files with functions parsed / read / present".into(),
            format!(
                "{} / {} / {} ({:.0} MB read)",
                full.parsed,
                full.files,
                files.len(),
                full.bytes as f64 / 1e6
            ),
        ));
        rows.push((
            "analysis: FFI functions / FFI calls / diagnostics".into(),
            format!(
                "{} / {} / {}",
                full.ffi_functions, full.ffi_calls, full.diagnostics
            ),
        ));
        rows.push((
            if args.mode == Mode::Both {
                "peak RSS, whole process (target ≤ 300 MiB)".into()
            } else {
                "analysis: peak RSS (target ≤ 300 MiB)".into()
            },
            mib(rss),
        ));
        for (label, k, part_files, a) in &scaling {
            rows.push((
                format!(
                    "scaling {label}: {k} crates, {part_files} files present, {} read ({:.0} MB)",
                    a.files,
                    a.bytes as f64 / 1e6
                ),
                format!(
                    "{} ({:.1} ms/MB read)",
                    secs(a.time),
                    a.time.as_secs_f64() * 1e3 / (a.bytes as f64 / 1e6).max(1e-6)
                ),
            ));
        }
    }
    println!();
    println!("| measure | value |");
    println!("| --- | --- |");
    for (k, v) in rows {
        println!("| {k} | {v} |");
    }
    ExitCode::SUCCESS
}
