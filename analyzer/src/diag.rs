//! Findings as plain data: what the lints produce and what every renderer consumes.
//!
//! Architecture invariant: nothing here knows how a finding is printed.

use crate::source::Span;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Reported, does not fail the run.
    Warning,
    /// Fails the run (exit code 1).
    Error,
}

impl Severity {
    /// The lowercase name used in JSON and SARIF.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location with a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What it says.
    pub message: String,
}

/// One finding of one lint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The lint code, e.g. `stack_escape`.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// The message (lowercase, no trailing period).
    pub message: String,
    /// The primary location.
    pub span: Span,
    /// Label on the primary location, if any.
    pub primary_label: Option<String>,
    /// Secondary labels.
    pub labels: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// An escape finding whose escape is only assumed (the callee has no contract): the
    /// `assumed_escape` lint level applies to it.
    pub assumed: bool,
}

impl Diagnostic {
    /// A diagnostic with no labels and no help.
    pub fn new(code: &'static str, severity: Severity, message: String, span: Span) -> Self {
        Diagnostic {
            code,
            severity,
            message,
            span,
            primary_label: None,
            labels: Vec::new(),
            help: None,
            assumed: false,
        }
    }

    /// Adds a secondary label.
    pub fn label(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    /// Sets the help line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Sets the label of the primary location.
    pub fn primary(mut self, label: impl Into<String>) -> Self {
        self.primary_label = Some(label.into());
        self
    }
}
