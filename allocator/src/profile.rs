//! dhat where it pays: a measurement counted by dhat instead of the counters, optionally
//! writing dhat's profile, whose JSON DHAT's viewer (`dh_view.html`) opens.
//!
//! It exists for the moment a count is wrong: the counters say how many heap objects, dhat's
//! profile says where each was allocated. The allocation assertions call it when they fail.
//! One dhat profile runs at a time in a process (dhat allows one profiler); the others wait.

use std::cell::Cell;
use std::hint::black_box;
use std::io;
use std::panic::Location;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::alloc::{RouteToDhat, require_installed};
use crate::stats::{Allocs, OneAtATime, Threads};

/// Serialises dhat profiles: dhat allows one profiler per process.
static DHAT: Mutex<()> = Mutex::new(());

thread_local! {
    /// The thread holds [`DHAT`].
    static PROFILING: Cell<bool> = const { Cell::new(false) };
}

/// [`crate::measure_with`], counted by dhat instead of the harness's counters: `f` is called
/// once as an uncounted warm-up, then `runs` times with the allocations of `threads` going
/// through dhat's allocator, and the result is dhat's `total_blocks` and `total_bytes` over
/// those runs. Nothing is written (dhat's testing mode).
///
/// It is slow — dhat captures a backtrace per allocation — and gives the same counts as the
/// counters; it exists to check them and to go with [`profile_dhat`].
///
/// # Panics
///
/// As [`crate::measure_with`], and when called inside another dhat measurement on the same
/// thread, or when a dhat profiler not started by this crate is running.
#[track_caller]
pub fn measure_dhat<R>(threads: Threads, runs: u64, f: impl FnMut() -> R) -> Allocs {
    match under_dhat(threads, runs, None, f) {
        Ok(allocs) => allocs,
        Err(_) => unreachable!("testing mode writes no file"),
    }
}

/// [`measure_dhat`], writing dhat's heap profile of the counted runs to `path` (JSON for
/// DHAT's viewer, `dh_view.html` from Valgrind or <https://nnethercote.github.io/dh_view/dh_view.html>).
/// Creates the file's directory and replaces an earlier file. dhat prints a three-line
/// summary to stderr when the profile ends.
///
/// # Errors
///
/// When the directory cannot be created, or dhat did not write the file (its reason is on
/// stderr).
///
/// # Panics
///
/// As [`measure_dhat`].
#[track_caller]
pub fn profile_dhat<R>(
    threads: Threads,
    runs: u64,
    path: &Path,
    f: impl FnMut() -> R,
) -> io::Result<Allocs> {
    under_dhat(threads, runs, Some(path), f)
}

#[track_caller]
fn under_dhat<R>(
    threads: Threads,
    runs: u64,
    output: Option<&Path>,
    mut f: impl FnMut() -> R,
) -> io::Result<Allocs> {
    require_installed("measure_dhat/profile_dhat");
    assert!(runs > 0, "ffi-escape-alloc: cannot average over 0 runs");
    let _one_at_a_time = OneAtATime::enter(&DHAT, &PROFILING, "a dhat measurement");
    if let Some(path) = output {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        match std::fs::remove_file(path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }

    black_box(f());
    let builder = dhat::Profiler::builder();
    let profiler = match output {
        Some(path) => builder.file_name(path).build(),
        None => builder.testing().build(),
    };
    let stats = {
        let _route = RouteToDhat::start(threads == Threads::All);
        for _ in 0..runs {
            black_box(f());
        }
        dhat::HeapStats::get()
    };
    // Stopping dhat writes the profile, outside the routing: what dhat allocates to write it
    // is not in it.
    drop(profiler);
    if let Some(path) = output
        && !path.is_file()
    {
        return Err(io::Error::other(format!(
            "dhat did not write {} (its message is on stderr)",
            path.display()
        )));
    }
    Ok(Allocs {
        runs,
        allocations: stats.total_blocks,
        allocated_bytes: stats.total_bytes,
    })
}

/// Where a failing assertion writes its dhat profile, in this order:
///
/// 1. the directory `FFI_ESCAPE_ALLOC_PROFILE_DIR` names, when it is set at run time;
/// 2. `ffi-escape-alloc/` in Cargo's `CARGO_TARGET_TMPDIR` (`target/tmp`), which the
///    assertion macros read when the test or benchmark is compiled (Cargo sets it for
///    integration tests and benchmarks only);
/// 3. `ffi-escape-alloc/` in [`std::env::temp_dir`].
///
/// The file is `<test>-<source file stem>-<line>.json`: `<test>` is the name of the running
/// test (libtest names each test's thread after it; [`crate::harness::run`] records its own),
/// `main` or the thread's name otherwise, with every character but ASCII letters, digits, `-`,
/// `_` and `.` replaced by `_`. The same assertion in the same test writes the same file, so a
/// re-run replaces it.
pub(crate) fn failure_profile_path(
    target_tmpdir: Option<&str>,
    location: &Location<'_>,
) -> PathBuf {
    let dir = match std::env::var_os("FFI_ESCAPE_ALLOC_PROFILE_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => match target_tmpdir {
            Some(tmp) => Path::new(tmp).join("ffi-escape-alloc"),
            None => std::env::temp_dir().join("ffi-escape-alloc"),
        },
    };
    let test = crate::harness::current_test()
        .map(str::to_owned)
        .or_else(|| std::thread::current().name().map(str::to_owned))
        .unwrap_or_else(|| "thread".to_owned());
    let stem = Path::new(location.file())
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = format!("{test}-{stem}-{}.json", location.line());
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    dir.join(name)
}
