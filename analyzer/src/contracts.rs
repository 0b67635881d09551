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

use std::collections::{BTreeMap, HashMap};

use crate::diag::Diagnostic;
use crate::ffi::FfiFn;
use crate::lints::{conflicting_annotation, malformed_annotation, unmatched_annotation};
use crate::source::{FileId, Span};

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
    /// The parameters it is about (`NAME(a,b)`), by declared name or 0-based index; empty
    /// for the whole function.
    pub params: Vec<String>,
    /// From `#ffi` to the end of the name.
    pub span: Span,
}

/// What is known of one C function, from the user (directives, Cargo.toml metadata).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contract {
    /// `#ffi nocallback`.
    pub nocallback: bool,
    /// `#ffi noescape NAME` or `#ffi escape NAME`: the rule for every parameter.
    pub function: Option<Verb>,
    /// `#ffi noescape NAME(p)` / `#ffi escape NAME(p)`: rules for single parameters.
    pub params: BTreeMap<usize, Verb>,
}

/// What happens to a pointer passed as one argument of a C function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Retention {
    /// Only used during the call (`noescape`, or not a pointer at all).
    Copies,
    /// Kept after the call (`escape`): escape is certain.
    Retains,
    /// Nothing is known: escape is assumed.
    Assumed,
}

/// The contracts of a crate, by C symbol.
#[derive(Default)]
pub struct Contracts {
    by_symbol: HashMap<String, Contract>,
    /// Apply the built-in contracts of well-known C libraries where the user said nothing.
    pub builtin: bool,
    /// Take a scalar local passed mutably to a parameter without contract for an
    /// out-parameter, filled during the call and not retained (off for a strict audit).
    pub out_params: bool,
}

impl Contracts {
    /// What happens to argument `arg` of a call of `symbol`. `keys` are the arguments'
    /// constant names (see [`crate::lower::Arg::key`]), one per argument, for value-dependent
    /// built-in rules. The user's per-parameter rule wins, then the user's function rule, then
    /// the built-in. A built-in contract whose parameter count the call does not match is not
    /// applied at all: the binding declares another function under that name (BSD `sendfile`
    /// has 7 parameters, Linux's 4), whose parameters need not line up with the contract's.
    pub fn retention(&self, symbol: &str, arg: usize, keys: &[Option<String>]) -> Retention {
        let user = self.by_symbol.get(symbol);
        let verb = user.and_then(|c| c.params.get(&arg).copied().or(c.function));
        match verb {
            Some(Verb::NoEscape) => Retention::Copies,
            Some(Verb::Escape) => Retention::Retains,
            _ => match self.builtin_for(symbol, keys.len()) {
                Some(f) => builtin_retention(f, arg, keys),
                None => Retention::Assumed,
            },
        }
    }

    /// The number of parameters the built-in contract of `symbol` lists, when a call with
    /// `args` arguments does not fit it (the binding and the contract disagree: another
    /// platform or version of the library, or a wrong binding), so that it is not applied to
    /// that call. A variadic contract fits any count above its own. Silent where the built-in
    /// contract would not be read anyway: the user's contract rules the whole function, and
    /// says `nocallback` if the built-in one does. (A user's `nocallback` alone, or rules for
    /// some parameters, leave the rest to the built-in contract, as [`Contracts::retention`]
    /// and [`Contracts::nocallback`] do.)
    pub fn builtin_arity_mismatch(&self, symbol: &str, args: usize) -> Option<usize> {
        let f = crate::builtin::lookup(symbol)?;
        let ruled = self
            .by_symbol
            .get(symbol)
            .is_some_and(|c| c.function.is_some() && (c.nocallback || !f.nocallback));
        (self.builtin && !ruled && !f.fits(args)).then_some(f.params.len())
    }

    /// Whether `symbol`, called with `args` arguments, is known never to call back into Rust.
    pub fn nocallback(&self, symbol: &str, args: usize) -> bool {
        self.by_symbol.get(symbol).is_some_and(|c| c.nocallback)
            || self.builtin_for(symbol, args).is_some_and(|f| f.nocallback)
    }

    /// The built-in contract of `symbol` that applies to a call with `args` arguments: none
    /// when built-in contracts are off, or when the call does not [`fit`] it (the binding
    /// declares another function under that name, whose parameters and behaviour need not be
    /// the contract's).
    ///
    /// [`fit`]: crate::builtin::Function::fits
    fn builtin_for(&self, symbol: &str, args: usize) -> Option<&'static crate::builtin::Function> {
        crate::builtin::lookup(symbol).filter(|f| self.builtin && f.fits(args))
    }
}

/// What the built-in contract `f` says of one argument. A callback argument is a function
/// pointer, not data C could keep a dangling copy of.
fn builtin_retention(
    f: &crate::builtin::Function,
    arg: usize,
    keys: &[Option<String>],
) -> Retention {
    match f.rule(arg, keys) {
        crate::builtin::Rule::Escape => Retention::Retains,
        crate::builtin::Rule::NoEscape
        | crate::builtin::Rule::Callback
        | crate::builtin::Rule::Value => Retention::Copies,
        crate::builtin::Rule::Unknown => Retention::Assumed,
    }
}

/// Every line of the comments of `text` (byte ranges found by rustc's lexer, see
/// [`crate::prefilter::Scan::comments`], so text in string literals is never taken for a
/// comment), with its byte offset.
pub fn comment_lines<'t>(text: &'t str, comments: &[(u32, u32)]) -> Vec<(usize, &'t str)> {
    let mut out = Vec::new();
    for &(start, end) in comments {
        let mut line_start = start as usize;
        for line in text[start as usize..end as usize].split_inclusive('\n') {
            out.push((line_start, line));
            line_start += line.len();
        }
    }
    out
}

/// The text of one comment line without its comment markers (`//`, `///`, `/*`, `*`, `*/`)
/// and surrounding whitespace, with its offset within the line.
pub fn comment_body(line: &str) -> (usize, &str) {
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
    (body.as_ptr() as usize - line.as_ptr() as usize, body)
}

/// Finds the directives among the comment lines of one file (see [`comment_lines`]);
/// malformed ones become diagnostics.
pub fn scan(
    file: FileId,
    lines: &[(usize, &str)],
    out: &mut Vec<Directive>,
    diags: &mut Vec<Diagnostic>,
) {
    for &(at, line) in lines {
        scan_line(line, at, file, out, diags);
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
    let (within, body) = comment_body(line);
    let Some(rest) = body.strip_prefix("#ffi") else {
        return;
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return;
    }
    let start = at + within;
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
    let Some(&(_, verb)) = Verb::ALL.iter().find(|(name, _)| *name == fields[1]) else {
        diags.push(malformed_annotation::unknown_verb(span, fields[1]));
        return;
    };
    match parse_target(fields[2]) {
        Some((name, params)) => out.push(Directive {
            verb,
            name,
            params,
            span,
        }),
        None => diags.push(malformed_annotation::bad_params(span, fields[2])),
    }
}

/// Splits `NAME` or `NAME(p1,p2)` into the name and its parameters; `None` when the list is
/// malformed (unclosed, empty, an empty entry).
pub fn parse_target(target: &str) -> Option<(String, Vec<String>)> {
    match target.split_once('(') {
        None => Some((target.to_owned(), Vec::new())).filter(|(n, _)| !n.is_empty()),
        Some((name, rest)) => {
            let list = rest.strip_suffix(')')?;
            let params: Vec<String> = list.split(',').map(|p| p.trim().to_owned()).collect();
            if name.is_empty() || params.iter().any(String::is_empty) {
                return None;
            }
            Some((name.to_owned(), params))
        }
    }
}

/// Matches directives against the crate's FFI functions.
pub fn resolve(directives: &[Directive], ffi: &[FfiFn], diags: &mut Vec<Diagnostic>) -> Contracts {
    let mut contracts = Contracts::default();
    // The first directive giving each (symbol, parameter or whole function) a rule.
    let mut first: HashMap<(&str, Option<usize>, Verb), &Directive> = HashMap::new();
    for d in directives {
        let Some(f) = ffi.iter().find(|f| f.symbol == d.name) else {
            let suggestion = closest(&d.name, ffi.iter().map(|f| f.symbol.as_str()));
            diags.push(unmatched_annotation::diagnostic(d, suggestion));
            continue;
        };
        let mut targets: Vec<Option<usize>> = Vec::new();
        for p in &d.params {
            let index = match p.parse::<usize>() {
                Ok(i) => (i < f.params.len()).then_some(i),
                Err(_) => f.params.iter().position(|name| name == p),
            };
            match index {
                Some(i) => targets.push(Some(i)),
                None => diags.push(malformed_annotation::unknown_param(
                    d.span, &d.name, p, &f.params,
                )),
            }
        }
        if d.params.is_empty() {
            targets.push(None);
        }
        let c = contracts.by_symbol.entry(d.name.clone()).or_default();
        for target in targets {
            let (verb, other) = match d.verb {
                Verb::NoCallback => {
                    c.nocallback = true;
                    continue;
                }
                Verb::NoEscape => (Verb::NoEscape, Verb::Escape),
                Verb::Escape => (Verb::Escape, Verb::NoEscape),
            };
            match target {
                Some(i) => {
                    c.params.insert(i, verb);
                }
                None => c.function = Some(verb),
            }
            let name = d.name.as_str();
            let is_first = std::ptr::eq(*first.entry((name, target, verb)).or_insert(d), d);
            if let Some(prev) = first.get(&(name, target, other))
                && is_first
            {
                diags.push(conflicting_annotation::diagnostic(d, prev));
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_arity_mismatch_needs_builtins_and_no_user_contract() {
        let mut c = Contracts {
            builtin: true,
            ..Contracts::default()
        };
        // memchr(const void *, int, size_t); printf(const char *, ...).
        assert_eq!(c.builtin_arity_mismatch("memchr", 3), None);
        assert_eq!(c.builtin_arity_mismatch("memchr", 4), Some(3));
        assert_eq!(c.builtin_arity_mismatch("memchr", 2), Some(3));
        assert_eq!(c.builtin_arity_mismatch("printf", 5), None);
        assert_eq!(c.builtin_arity_mismatch("printf", 0), Some(1));
        assert_eq!(c.builtin_arity_mismatch("no_such_function", 9), None);
        let nocallback = Contract {
            nocallback: true,
            ..Contract::default()
        };
        c.by_symbol.insert("memchr".to_owned(), nocallback);
        assert_eq!(
            c.builtin_arity_mismatch("memchr", 4),
            Some(3),
            "`#ffi nocallback` alone leaves the arguments to the built-in contract"
        );
        let whole = Contract {
            function: Some(Verb::NoEscape),
            ..Contract::default()
        };
        c.by_symbol.insert("memchr".to_owned(), whole.clone());
        assert_eq!(
            c.builtin_arity_mismatch("memchr", 4),
            Some(3),
            "the built-in `nocallback` is still read"
        );
        let whole = Contract {
            nocallback: true,
            ..whole
        };
        c.by_symbol.insert("memchr".to_owned(), whole);
        assert_eq!(
            c.builtin_arity_mismatch("memchr", 4),
            None,
            "the user's contract wins"
        );
        c.builtin = false;
        assert_eq!(c.builtin_arity_mismatch("printf", 0), None);
    }

    #[test]
    fn a_builtin_contract_applies_only_to_calls_that_fit_it() {
        let c = Contracts {
            builtin: true,
            ..Contracts::default()
        };
        // memchr(const void *, int, size_t): copies, never calls back.
        let keys = |n: usize| vec![None; n];
        assert_eq!(c.retention("memchr", 0, &keys(3)), Retention::Copies);
        assert!(c.nocallback("memchr", 3));
        // Another function under that name: nothing of the contract holds.
        assert_eq!(c.retention("memchr", 0, &keys(4)), Retention::Assumed);
        assert!(!c.nocallback("memchr", 4));
        let off = Contracts::default();
        assert_eq!(off.retention("memchr", 0, &keys(3)), Retention::Assumed);
        assert!(!off.nocallback("memchr", 3));
    }
}
