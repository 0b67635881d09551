//! Rendering at the edge: findings and verdicts to text, JSON and DOT.
//!
//! Architecture invariant: renderers only read [`crate::analysis::CrateReport`]s (and, for DOT,
//! one solved body); they decide nothing.

pub mod dot;
pub mod github;
pub mod human;
pub mod json;
pub mod sarif;

use crate::analysis::CrateReport;
use crate::diag::Severity;

/// Totals over all crates.
#[derive(Clone, Copy, Debug, Default)]
pub struct Totals {
    /// Crates analyzed.
    pub crates: usize,
    /// Files read.
    pub files: usize,
    /// Files that did not parse.
    pub parse_errors: usize,
    /// FFI functions declared.
    pub ffi_functions: usize,
    /// FFI call sites.
    pub ffi_calls: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
}

impl Totals {
    /// Adds up the reports.
    pub fn of(reports: &[CrateReport]) -> Totals {
        let mut t = Totals {
            crates: reports.len(),
            ..Totals::default()
        };
        for r in reports {
            t.files += r.stats.files;
            t.parse_errors += r.stats.parse_errors;
            t.ffi_functions += r.stats.ffi_functions;
            t.ffi_calls += r.stats.ffi_calls;
            for d in &r.diagnostics {
                match d.severity {
                    Severity::Error => t.errors += 1,
                    Severity::Warning => t.warnings += 1,
                }
            }
        }
        t
    }
}
