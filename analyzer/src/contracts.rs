//! What the analyzer is told about C functions: the `#ffi` directives.
//!
//! A directive is a comment line (in a `//` or `/* */` comment of any file of the crate) whose
//! text starts with `#ffi` and has exactly three whitespace-separated fields:
//! `#ffi noescape NAME`, `#ffi nocallback NAME` or `#ffi escape NAME`, NAME being the C symbol.
//! Comments are found with rustc's own lexer, so `#ffi` inside a string literal is not a
//! directive. Directives are crate-wide, like cgo's package-wide ones.
//!
//! Architecture invariant: this module knows which C functions exist (from [`crate::ffi`]) and
//! what the directives say of them; it knows nothing of function bodies.

use std::collections::HashMap;

use ra_ap_rustc_lexer::{FrontmatterAllowed, TokenKind, tokenize};

use crate::diag::Diagnostic;
use crate::ffi::FfiFn;
use crate::lints::{conflicting_annotation, malformed_annotation, unmatched_annotation};
use crate::source::{FileId, SourceDb, Span};

/// The three directive verbs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verb {
    /// Memory passed to the function is not retained after it returns.
    NoEscape,
    /// The function never calls back into Rust.
    NoCallback,
    /// The function retains pointers passed to it.
    Escape,
}

impl Verb {
    /// Every verb, in the order they are documented.
    pub const ALL: [(&'static str, Verb); 3] = [
        ("noescape", Verb::NoEscape),
        ("nocallback", Verb::NoCallback),
        ("escape", Verb::Escape),
    ];

    /// The verb as written in a directive.
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::NoEscape => "noescape",
            Verb::NoCallback => "nocallback",
            Verb::Escape => "escape",
        }
    }
}

/// A well-formed directive.
#[derive(Clone, Debug)]
pub struct Directive {
    /// The verb.
    pub verb: Verb,
    /// The C symbol it names.
    pub name: String,
    /// From `#ffi` to the end of the name.
    pub span: Span,
}

/// What is known of one C function.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Contract {
    /// `#ffi noescape`.
    pub noescape: bool,
    /// `#ffi escape`.
    pub escape: bool,
    /// `#ffi nocallback`.
    pub nocallback: bool,
}

/// The contracts of a crate, by C symbol.
#[derive(Default)]
pub struct Contracts {
    by_symbol: HashMap<String, Contract>,
}

impl Contracts {
    /// The contract of a C symbol (all false when nothing is known).
    pub fn of(&self, symbol: &str) -> Contract {
        self.by_symbol.get(symbol).copied().unwrap_or_default()
    }
}

/// Finds the directives of one file; malformed ones become diagnostics.
pub fn scan(db: &SourceDb, file: FileId, out: &mut Vec<Directive>, diags: &mut Vec<Diagnostic>) {
    let text = db.text(file);
    let mut offset = ra_ap_rustc_lexer::strip_shebang(text).unwrap_or(0);
    for token in tokenize(&text[offset..], FrontmatterAllowed::Yes) {
        let start = offset;
        offset += token.len as usize;
        if !matches!(
            token.kind,
            TokenKind::LineComment { .. } | TokenKind::BlockComment { .. }
        ) {
            continue;
        }
        let comment = &text[start..offset];
        let mut line_start = start;
        for line in comment.split_inclusive('\n') {
            scan_line(line, line_start, file, out, diags);
            line_start += line.len();
        }
    }
}

/// Looks for a directive at the start of one line of a comment.
fn scan_line(
    line: &str,
    at: usize,
    file: FileId,
    out: &mut Vec<Directive>,
    diags: &mut Vec<Diagnostic>,
) {
    let body = line.trim_start();
    let body = body
        .strip_prefix("///")
        .or_else(|| body.strip_prefix("//!"))
        .or_else(|| body.strip_prefix("//"))
        .or_else(|| body.strip_prefix("/**"))
        .or_else(|| body.strip_prefix("/*!"))
        .or_else(|| body.strip_prefix("/*"))
        .or_else(|| body.strip_prefix('*').filter(|b| !b.starts_with('/')))
        .unwrap_or(body);
    let body = body.trim_end_matches(['\n', '\r']);
    let body = body.strip_suffix("*/").unwrap_or(body).trim();
    let Some(rest) = body.strip_prefix("#ffi") else {
        return;
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return;
    }
    let start = at + (body.as_ptr() as usize - line.as_ptr() as usize);
    let span = Span {
        file,
        start,
        end: start + body.len(),
    };
    let fields: Vec<&str> = body.split_whitespace().collect();
    if fields.len() != 3 {
        diags.push(malformed_annotation::field_count(span, body, fields.len()));
        return;
    }
    match Verb::ALL.iter().find(|(name, _)| *name == fields[1]) {
        Some(&(_, verb)) => out.push(Directive {
            verb,
            name: fields[2].to_owned(),
            span,
        }),
        None => diags.push(malformed_annotation::unknown_verb(span, fields[1])),
    }
}

/// Matches directives against the crate's FFI functions.
pub fn resolve(directives: &[Directive], ffi: &[FfiFn], diags: &mut Vec<Diagnostic>) -> Contracts {
    let mut contracts = Contracts::default();
    let mut first: HashMap<(&str, Verb), &Directive> = HashMap::new();
    for d in directives {
        if !ffi.iter().any(|f| f.symbol == d.name) {
            let suggestion = closest(&d.name, ffi.iter().map(|f| f.symbol.as_str()));
            diags.push(unmatched_annotation::diagnostic(d, suggestion));
            continue;
        }
        first.entry((d.name.as_str(), d.verb)).or_insert(d);
        let c = contracts.by_symbol.entry(d.name.clone()).or_default();
        match d.verb {
            Verb::NoEscape => c.noescape = true,
            Verb::Escape => c.escape = true,
            Verb::NoCallback => c.nocallback = true,
        }
        let other = match d.verb {
            Verb::NoEscape => Verb::Escape,
            Verb::Escape => Verb::NoEscape,
            Verb::NoCallback => continue,
        };
        if let Some(prev) = first.get(&(d.name.as_str(), other))
            && first
                .get(&(d.name.as_str(), d.verb))
                .is_some_and(|f| std::ptr::eq(*f, d))
        {
            diags.push(conflicting_annotation::diagnostic(d, prev));
        }
    }
    contracts
}

/// The candidate closest to `name`, if it is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
