//! Configuration: contracts and lint levels from Cargo.toml (`[package.metadata.ffi-escape]`,
//! `[workspace.metadata.ffi-escape]`), lint levels from the command line (`-A/-W/-D CODE`), and
//! inline suppressions (`// ffi-escape: allow(CODE)` on the line or the line above).
//!
//! ```toml
//! [package.metadata.ffi-escape]
//! noescape = ["strlen", "git_buf_set(data)"]   # same targets as `#ffi` directives
//! escape = ["register_callback(user_data)"]
//! nocallback = ["run_c"]
//! builtin-contracts = false                     # default true
//! [package.metadata.ffi-escape.lints]
//! assumed_escape = "allow"                      # escapes only assumed (callee without contract)
//! stack_escape = "deny"
//! ```
//!
//! A level applies in this order: the command line, then Cargo.toml; for an escape that is
//! only assumed, the `assumed_escape` level first, then the lint's own.
//!
//! Architecture invariant: configuration is read and applied at the edges of the analysis
//! (contracts before lowering, levels and suppressions on finished findings); no analysis stage
//! consults it.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::contracts::{Directive, Verb, comment_body, parse_target};
use crate::diag::{Diagnostic, Severity};
use crate::lints::{self, malformed_annotation, unused_suppression};
use crate::source::{FileId, SourceDb, Span};

/// The group of escape findings whose escape is only assumed (the callee has no contract).
pub const ASSUMED_ESCAPE: &str = "assumed_escape";

/// A lint level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning.
    Warn,
    /// Reported as an error.
    Deny,
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        match s {
            "allow" => Some(Level::Allow),
            "warn" => Some(Level::Warn),
            "deny" | "forbid" => Some(Level::Deny),
            _ => None,
        }
    }
}

/// Whether `name` can be given a level: a lint code or the `assumed_escape` group.
pub fn is_level_name(name: &str) -> bool {
    name == ASSUMED_ESCAPE || lints::ALL.iter().any(|(code, _)| *code == name)
}

/// The `ffi-escape` table of a manifest's metadata.
#[derive(Deserialize, Default, Debug)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct MetaConfig {
    #[serde(default)]
    noescape: Vec<Spanned<String>>,
    #[serde(default)]
    escape: Vec<Spanned<String>>,
    #[serde(default)]
    nocallback: Vec<Spanned<String>>,
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
    builtin_contracts: Option<bool>,
}

#[derive(Deserialize)]
struct Manifest {
    package: Option<Holder>,
    workspace: Option<Holder>,
}

#[derive(Deserialize)]
struct Holder {
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Metadata {
    #[serde(rename = "ffi-escape")]
    ffi_escape: Option<MetaConfig>,
}

/// What the Cargo.toml files of a crate say.
#[derive(Debug, Default)]
pub struct Config {
    /// Contracts, as directives located in the manifest.
    pub directives: Vec<Directive>,
    /// Lint levels by code (or `assumed_escape`).
    pub levels: BTreeMap<String, Level>,
    /// `builtin-contracts = false` turns the built-in contracts off.
    pub builtin_contracts: Option<bool>,
}

impl Config {
    /// Reads the `ffi-escape` metadata of manifest `file`: its workspace table, then, when it is
    /// the package's own manifest (`own`), its package table, which adds to the workspace's and
    /// overrides its levels. A workspace's package table is not inherited by other members.
    /// Problems become diagnostics.
    pub fn read(&mut self, db: &SourceDb, file: FileId, own: bool, diags: &mut Vec<Diagnostic>) {
        let manifest: Manifest = match toml::from_str(db.text(file)) {
            Ok(m) => m,
            Err(e) => {
                let span = e.span().map_or(
                    Span {
                        file,
                        start: 0,
                        end: 0,
                    },
                    |r| Span {
                        file,
                        start: r.start,
                        end: r.end,
                    },
                );
                diags.push(malformed_annotation::metadata(span, e.message()));
                return;
            }
        };
        let tables = [manifest.workspace, manifest.package.filter(|_| own)];
        for meta in tables
            .into_iter()
            .flatten()
            .filter_map(|h| h.metadata?.ffi_escape)
        {
            for (verb, list) in [
                (Verb::NoEscape, meta.noescape),
                (Verb::Escape, meta.escape),
                (Verb::NoCallback, meta.nocallback),
            ] {
                for target in list {
                    let span = Span {
                        file,
                        start: target.span().start,
                        end: target.span().end,
                    };
                    match parse_target(target.get_ref()) {
                        Some((name, params)) => self.directives.push(Directive {
                            verb,
                            name,
                            params,
                            span,
                        }),
                        None => {
                            diags.push(malformed_annotation::bad_params(span, target.get_ref()))
                        }
                    }
                }
            }
            for (name, level) in meta.lints {
                let span = |s: &Spanned<String>| Span {
                    file,
                    start: s.span().start,
                    end: s.span().end,
                };
                match (is_level_name(name.get_ref()), Level::parse(level.get_ref())) {
                    (false, _) => diags.push(malformed_annotation::metadata(
                        span(&name),
                        &format!("unknown lint `{}`", name.get_ref()),
                    )),
                    (_, None) => diags.push(malformed_annotation::metadata(
                        span(&level),
                        &format!(
                            "unknown level `{}`: use `allow`, `warn` or `deny`",
                            level.get_ref()
                        ),
                    )),
                    (true, Some(l)) => {
                        self.levels.insert(name.into_inner(), l);
                    }
                }
            }
            if meta.builtin_contracts.is_some() {
                self.builtin_contracts = meta.builtin_contracts;
            }
        }
    }
}

/// Applies lint levels to the findings: `cli` (in command-line order, the last one winning)
/// before `manifest`. Allowed findings are dropped.
pub fn apply_levels(
    diags: Vec<Diagnostic>,
    cli: &[(String, Level)],
    manifest: &BTreeMap<String, Level>,
) -> Vec<Diagnostic> {
    diags
        .into_iter()
        .filter_map(|mut d| {
            let names: &[&str] = if d.assumed {
                &[ASSUMED_ESCAPE, d.code]
            } else {
                &[d.code]
            };
            let from_cli = names
                .iter()
                .find_map(|n| cli.iter().rev().find(|(c, _)| c == n).map(|(_, l)| *l));
            let level = from_cli.or_else(|| names.iter().find_map(|n| manifest.get(*n).copied()));
            match level {
                Some(Level::Allow) => return None,
                Some(Level::Warn) => d.severity = Severity::Warning,
                Some(Level::Deny) => d.severity = Severity::Error,
                None => {}
            }
            Some(d)
        })
        .collect()
}

/// An inline `// ffi-escape: allow(code, ..)` comment.
struct Suppression {
    span: Span,
    line: usize,
    codes: Vec<String>,
    used: bool,
}

/// Drops the findings suppressed by `// ffi-escape: allow(code)` comments on their line or the
/// line above; a suppression that suppresses nothing is itself reported.
/// `comments` are each file's comment lines ([`crate::contracts::comment_lines`]).
pub fn apply_suppressions(
    db: &SourceDb,
    comments: &[(FileId, Vec<(usize, &str)>)],
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut sups: Vec<Suppression> = Vec::new();
    for (file, lines) in comments {
        let file = *file;
        for &(at, line) in lines {
            let (within, body) = comment_body(line);
            let Some(rest) = body.strip_prefix("ffi-escape:") else {
                continue;
            };
            let Some(list) = rest
                .trim()
                .strip_prefix("allow(")
                .and_then(|r| r.strip_suffix(')'))
            else {
                continue;
            };
            let span = Span {
                file,
                start: at + within,
                end: at + within + body.len(),
            };
            let codes = list
                .split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect();
            sups.push(Suppression {
                span,
                line: db.location(file, span.start).line,
                codes,
                used: false,
            });
        }
    }
    if sups.is_empty() {
        return diags;
    }
    let mut out: Vec<Diagnostic> = diags
        .into_iter()
        .filter(|d| {
            let line = db.location(d.span.file, d.span.start).line;
            let hit = sups.iter_mut().find(|s| {
                s.span.file == d.span.file
                    && (s.line == line || s.line + 1 == line)
                    && s.codes.iter().any(|c| c == d.code)
            });
            match hit {
                Some(s) => {
                    s.used = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    out.extend(
        sups.iter()
            .filter(|s| !s.used)
            .map(|s| unused_suppression::diagnostic(s.span, &s.codes)),
    );
    out
}
