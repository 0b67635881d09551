//! The allocation assertions: `assert_allocs_eq!`, `assert_allocs_lt!`, `assert_allocs_le!`,
//! `assert_allocs_ge!` and `assert_allocs_gt!`.
//!
//! They exist so that a failing allocation test says what it measured — heap objects per run,
//! the total over the runs, and the bound — instead of `assertion failed: 3 < 1`, and where
//! those objects were allocated: a failing assertion re-runs the closure under dhat and names
//! the profile it wrote.

use std::fmt;
use std::panic::{AssertUnwindSafe, Location, catch_unwind};

use crate::profile::{failure_profile_path, profile_dhat};
use crate::stats::{Threads, measure_with};

/// The comparison an assertion makes between the measured heap objects per run and a bound.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Exactly this many per run.
    Eq(u64),
    /// Fewer than this many per run.
    Lt(u64),
    /// At most this many per run.
    Le(u64),
    /// At least this many per run.
    Ge(u64),
    /// More than this many per run.
    Gt(u64),
}

impl Bound {
    /// Whether `per_run` satisfies the bound.
    pub fn holds(self, per_run: u64) -> bool {
        match self {
            Bound::Eq(b) => per_run == b,
            Bound::Lt(b) => per_run < b,
            Bound::Le(b) => per_run <= b,
            Bound::Ge(b) => per_run >= b,
            Bound::Gt(b) => per_run > b,
        }
    }
}

impl fmt::Display for Bound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Bound::Eq(b) => write!(f, "exactly {b}"),
            Bound::Lt(b) => write!(f, "fewer than {b}"),
            Bound::Le(b) => write!(f, "at most {b}"),
            Bound::Ge(b) => write!(f, "at least {b}"),
            Bound::Gt(b) => write!(f, "more than {b}"),
        }
    }
}

/// Measures `f` with [`measure_with`] and, unless `bound` holds for the heap objects per run,
/// re-runs it under dhat to write a profile and panics with the measured numbers and the
/// profile's path. `what` is the source text of `f`; `context` the user's message;
/// `target_tmpdir` Cargo's `CARGO_TARGET_TMPDIR` of the calling test, if it had one.
#[track_caller]
#[allow(clippy::too_many_arguments)]
pub fn check_allocs<R>(
    threads: Threads,
    runs: u64,
    mut f: impl FnMut() -> R,
    bound: Bound,
    what: &str,
    context: Option<fmt::Arguments<'_>>,
    target_tmpdir: Option<&str>,
) {
    let allocs = measure_with(threads, runs, &mut f);
    let per_run = allocs.per_run();
    if bound.holds(per_run) {
        return;
    }
    let profile = dhat_profile(threads, runs, &mut f, allocs.allocations, target_tmpdir);
    let objects = if per_run == 1 { "object" } else { "objects" };
    let context = match context {
        Some(c) => format!(": {c}"),
        None => String::new(),
    };
    let counted = match threads {
        Threads::Current => "",
        Threads::All => ", every thread counted",
    };
    panic!(
        "allocation assertion failed{context}\n  `{what}` allocated {per_run} heap {objects} per run \
         ({} in {} runs, warm-up not counted{counted})\n  expected: {bound} per run\n  {profile}",
        allocs.allocations, allocs.runs,
    );
}

/// Re-runs `f` under dhat, writing its profile where [`failure_profile_path`] says, and
/// returns the line of the failure message that names the file (or says why there is none).
#[track_caller]
fn dhat_profile<R>(
    threads: Threads,
    runs: u64,
    f: &mut impl FnMut() -> R,
    counted: u64,
    target_tmpdir: Option<&str>,
) -> String {
    let path = failure_profile_path(target_tmpdir, Location::caller());
    let rerun = catch_unwind(AssertUnwindSafe(|| profile_dhat(threads, runs, &path, f)));
    match rerun {
        Ok(Ok(dhat)) if dhat.allocations == counted => format!(
            "dhat profile of {runs} more runs ({} heap objects): {} (open it in DHAT's dh_view.html)",
            dhat.allocations,
            path.display()
        ),
        Ok(Ok(dhat)) => format!(
            "dhat profile of {runs} more runs ({} heap objects, not {counted}: the closure does not \
             allocate the same every time): {} (open it in DHAT's dh_view.html)",
            dhat.allocations,
            path.display()
        ),
        Ok(Err(e)) => format!("no dhat profile: {e}"),
        Err(_) => "no dhat profile: the closure panicked when re-run under dhat".to_owned(),
    }
}

/// The assertion macros' common body: `$bound` is the name of a [`Bound`] variant, the rest
/// is what the user passed, with an optional leading `threads = EXPR;`.
#[doc(hidden)]
#[macro_export]
macro_rules! __assert_allocs {
    ($bound:ident; threads = $threads:expr; $runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__private::check_allocs(
            $threads, $runs, $f, $crate::__private::Bound::$bound($n), stringify!($f), None,
            option_env!("CARGO_TARGET_TMPDIR"),
        )
    };
    ($bound:ident; threads = $threads:expr; $runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__private::check_allocs(
            $threads, $runs, $f, $crate::__private::Bound::$bound($n), stringify!($f),
            Some(format_args!($($arg)+)), option_env!("CARGO_TARGET_TMPDIR"),
        )
    };
    ($bound:ident; $runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__assert_allocs!($bound; threads = $crate::Threads::Current; $runs, $f, $n)
    };
    ($bound:ident; $runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__assert_allocs!($bound; threads = $crate::Threads::Current; $runs, $f, $n, $($arg)+)
    };
}

/// Asserts that `f` allocates exactly `n` heap objects per run:
/// `assert_allocs_eq!(runs, f, n)`, or with a trailing message
/// `assert_allocs_eq!(runs, f, n, "format {}", args)`, or counting every thread
/// `assert_allocs_eq!(threads = Threads::All; runs, f, n)`.
///
/// The count is [`crate::measure_with`]`(threads, runs, f).per_run()`: Go's `AllocsPerRun`
/// semantics (one uncounted warm-up call, integer average), the calling thread's allocations
/// unless `threads = Threads::All;` comes first. On failure it re-runs `f` (a warm-up and
/// `runs` calls) under dhat, writes dhat's profile (see the crate docs for where), and panics
/// with the count per run, the total over the runs, the bound and the profile's path. Panics as
/// `measure` does when [`crate::Alloc`] is not the global allocator.
#[macro_export]
macro_rules! assert_allocs_eq {
    ($($args:tt)+) => { $crate::__assert_allocs!(Eq; $($args)+) };
}

/// Asserts that `f` allocates fewer than `n` heap objects per run:
/// `assert_allocs_lt!(runs, f, n)`, with a trailing message, or with a leading
/// `threads = Threads::All;`. See [`assert_allocs_eq!`].
///
/// With `runs = 100` and `n = 1` this is Go's `noescape` test: 100 calls make fewer than 100
/// heap objects.
#[macro_export]
macro_rules! assert_allocs_lt {
    ($($args:tt)+) => { $crate::__assert_allocs!(Lt; $($args)+) };
}

/// Asserts that `f` allocates at most `n` heap objects per run:
/// `assert_allocs_le!(runs, f, n)`, with a trailing message, or with a leading
/// `threads = Threads::All;`. See [`assert_allocs_eq!`].
#[macro_export]
macro_rules! assert_allocs_le {
    ($($args:tt)+) => { $crate::__assert_allocs!(Le; $($args)+) };
}

/// Asserts that `f` allocates at least `n` heap objects per run:
/// `assert_allocs_ge!(runs, f, n)`, with a trailing message, or with a leading
/// `threads = Threads::All;`. See [`assert_allocs_eq!`].
///
/// With `runs = 100` and `n = 1` this is Go's escaping test: 100 calls make at least 100 heap
/// objects.
#[macro_export]
macro_rules! assert_allocs_ge {
    ($($args:tt)+) => { $crate::__assert_allocs!(Ge; $($args)+) };
}

/// Asserts that `f` allocates more than `n` heap objects per run:
/// `assert_allocs_gt!(runs, f, n)`, with a trailing message, or with a leading
/// `threads = Threads::All;`. See [`assert_allocs_eq!`].
#[macro_export]
macro_rules! assert_allocs_gt {
    ($($args:tt)+) => { $crate::__assert_allocs!(Gt; $($args)+) };
}

#[cfg(test)]
mod tests {
    use super::Bound;

    #[test]
    fn bounds_compare_as_named() {
        assert!(Bound::Lt(1).holds(0) && !Bound::Lt(1).holds(1));
        assert!(Bound::Le(1).holds(1) && !Bound::Le(1).holds(2));
        assert!(Bound::Eq(2).holds(2) && !Bound::Eq(2).holds(1));
        assert!(Bound::Ge(1).holds(1) && !Bound::Ge(1).holds(0));
        assert!(Bound::Gt(1).holds(2) && !Bound::Gt(1).holds(1));
    }

    #[test]
    fn bounds_read_as_english() {
        assert_eq!(Bound::Lt(1).to_string(), "fewer than 1");
        assert_eq!(Bound::Ge(100).to_string(), "at least 100");
    }
}
