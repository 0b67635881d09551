//! The allocation assertions: `assert_allocs_eq!`, `assert_allocs_lt!`, `assert_allocs_le!`,
//! `assert_allocs_ge!` and `assert_allocs_gt!`.
//!
//! They exist so that a failing allocation test says what it measured — heap objects per run,
//! the total over the runs, and the bound — instead of `assertion failed: 3 < 1`.

use std::fmt;

use crate::stats::measure;

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

/// Measures `f` with [`measure`] and panics with the measured numbers unless `bound` holds for
/// the heap objects per run. `what` is the source text of `f`; `context` the user's message.
#[track_caller]
pub fn check_allocs<R>(
    runs: u64,
    f: impl FnMut() -> R,
    bound: Bound,
    what: &str,
    context: Option<fmt::Arguments<'_>>,
) {
    let allocs = measure(runs, f);
    let per_run = allocs.per_run();
    if bound.holds(per_run) {
        return;
    }
    let objects = if per_run == 1 { "object" } else { "objects" };
    let context = match context {
        Some(c) => format!(": {c}"),
        None => String::new(),
    };
    panic!(
        "allocation assertion failed{context}\n  `{what}` allocated {per_run} heap {objects} per run \
         ({} in {} runs, warm-up not counted)\n  expected: {bound} per run",
        allocs.allocations, allocs.runs,
    );
}

/// Asserts that `f` allocates exactly `n` heap objects per run:
/// `assert_allocs_eq!(runs, f, n)` or `assert_allocs_eq!(runs, f, n, "format {}", args)`.
///
/// The count is [`crate::allocs_per_run`]`(runs, f)`: Go's `AllocsPerRun` semantics (one
/// uncounted warm-up call, integer average). On failure the message shows the count per run,
/// the total over the runs and the bound. Panics as `allocs_per_run` does when no profiler is
/// running.
#[macro_export]
macro_rules! assert_allocs_eq {
    ($runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__private::check_allocs($runs, $f, $crate::__private::Bound::Eq($n), stringify!($f), None)
    };
    ($runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__private::check_allocs(
            $runs, $f, $crate::__private::Bound::Eq($n), stringify!($f), Some(format_args!($($arg)+)),
        )
    };
}

/// Asserts that `f` allocates fewer than `n` heap objects per run:
/// `assert_allocs_lt!(runs, f, n)` or with a trailing message. See [`assert_allocs_eq!`].
///
/// With `runs = 100` and `n = 1` this is Go's `noescape` test: 100 calls make fewer than 100
/// heap objects.
#[macro_export]
macro_rules! assert_allocs_lt {
    ($runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__private::check_allocs($runs, $f, $crate::__private::Bound::Lt($n), stringify!($f), None)
    };
    ($runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__private::check_allocs(
            $runs, $f, $crate::__private::Bound::Lt($n), stringify!($f), Some(format_args!($($arg)+)),
        )
    };
}

/// Asserts that `f` allocates at most `n` heap objects per run:
/// `assert_allocs_le!(runs, f, n)` or with a trailing message. See [`assert_allocs_eq!`].
#[macro_export]
macro_rules! assert_allocs_le {
    ($runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__private::check_allocs($runs, $f, $crate::__private::Bound::Le($n), stringify!($f), None)
    };
    ($runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__private::check_allocs(
            $runs, $f, $crate::__private::Bound::Le($n), stringify!($f), Some(format_args!($($arg)+)),
        )
    };
}

/// Asserts that `f` allocates at least `n` heap objects per run:
/// `assert_allocs_ge!(runs, f, n)` or with a trailing message. See [`assert_allocs_eq!`].
///
/// With `runs = 100` and `n = 1` this is Go's escaping test: 100 calls make at least 100 heap
/// objects.
#[macro_export]
macro_rules! assert_allocs_ge {
    ($runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__private::check_allocs($runs, $f, $crate::__private::Bound::Ge($n), stringify!($f), None)
    };
    ($runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__private::check_allocs(
            $runs, $f, $crate::__private::Bound::Ge($n), stringify!($f), Some(format_args!($($arg)+)),
        )
    };
}

/// Asserts that `f` allocates more than `n` heap objects per run:
/// `assert_allocs_gt!(runs, f, n)` or with a trailing message. See [`assert_allocs_eq!`].
#[macro_export]
macro_rules! assert_allocs_gt {
    ($runs:expr, $f:expr, $n:expr $(,)?) => {
        $crate::__private::check_allocs($runs, $f, $crate::__private::Bound::Gt($n), stringify!($f), None)
    };
    ($runs:expr, $f:expr, $n:expr, $($arg:tt)+) => {
        $crate::__private::check_allocs(
            $runs, $f, $crate::__private::Bound::Gt($n), stringify!($f), Some(format_args!($($arg)+)),
        )
    };
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
