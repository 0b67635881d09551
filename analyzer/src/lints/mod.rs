//! The lints: turning solved escape facts into findings, one lint per file with its
//! documentation.
//!
//! This file holds what the three escape lints share: deciding whether an escaping object
//! outlives the frame (leaked, or a heap buffer whose owner is moved out), where it dies,
//! whether it is already dead at the call, and the severity. Each lint file only words its
//! finding.
//!
//! Architecture invariant: lints read lowered bodies and solutions; they never look at syntax.

pub mod buffer_escape;
pub mod callback_into_nocallback;
pub mod conflicting_annotation;
pub mod malformed_annotation;
pub mod parse_error;
pub mod stack_escape;
pub mod temporary_escape;
pub mod unmatched_annotation;
pub mod unused_suppression;

use crate::diag::{Diagnostic, Severity};
use crate::lower::{Body, Callee, Object, Storage};
use crate::solve::{Certainty, Solution};
use crate::source::Span;

/// Every lint: code and one-line summary, in the order of DESIGN.md §4.
pub const ALL: [(&str, &str); 9] = [
    (stack_escape::CODE, stack_escape::SUMMARY),
    (buffer_escape::CODE, buffer_escape::SUMMARY),
    (temporary_escape::CODE, temporary_escape::SUMMARY),
    (
        callback_into_nocallback::CODE,
        callback_into_nocallback::SUMMARY,
    ),
    (unmatched_annotation::CODE, unmatched_annotation::SUMMARY),
    (malformed_annotation::CODE, malformed_annotation::SUMMARY),
    (
        conflicting_annotation::CODE,
        conflicting_annotation::SUMMARY,
    ),
    (parse_error::CODE, parse_error::SUMMARY),
    (unused_suppression::CODE, unused_suppression::SUMMARY),
];

/// One object escaping (or reaching C after it died) through one argument.
pub struct EscapeCase<'a> {
    /// The object.
    pub obj: &'a Object,
    /// The argument through which the pointer goes to C (the primary location).
    pub arg: Span,
    /// Callees from the call down to C (the first is the function called here).
    pub via: &'a [String],
    /// How sure the escape is; `None` when the callee is `noescape` (then the object is dead).
    pub certainty: Option<Certainty>,
    /// The object is already dead at the call.
    pub dead: bool,
    /// Where the object dies.
    pub dies: Span,
    /// Where a stack value is returned by value, leaving C with the old address.
    pub returned: Option<Span>,
    /// The call goes straight to C (not through a Rust function).
    pub direct: bool,
}

impl EscapeCase<'_> {
    /// Error when the escape is certain or the pointee is already dead, warning otherwise.
    pub fn severity(&self) -> Severity {
        if self.dead || self.certainty == Some(Certainty::Certain) {
            Severity::Error
        } else {
            Severity::Warning
        }
    }

    /// The callee named at the call, in backticks.
    pub fn callee(&self) -> String {
        format!("`{}`", self.via.first().map(String::as_str).unwrap_or("?"))
    }

    /// The C function at the end of the chain.
    pub fn c_function(&self) -> &str {
        self.via.last().map(String::as_str).unwrap_or("?")
    }

    /// The label on the argument: what happens to the pointer there.
    pub fn primary_label(&self) -> String {
        let c = self.c_function();
        let how = match self.certainty {
            _ if self.dead => {
                return "the pointer is handed to C after its pointee died".to_owned();
            }
            Some(Certainty::Certain) if c.starts_with("static ") => {
                format!("stored into `{}`", &c[7..])
            }
            Some(Certainty::Certain) => format!("`{c}` keeps this pointer (`#ffi escape {c}`)"),
            _ => format!("`{c}` may keep this pointer: it has no `#ffi noescape` contract"),
        };
        if self.direct {
            how
        } else {
            format!("passed to {}, where {how}", self.callee())
        }
    }

    /// The usual closing advice: what to do if C does not in fact keep the pointer.
    pub fn annotate_hint(&self) -> String {
        match self.certainty {
            Some(Certainty::Assumed) => {
                format!(
                    ", or annotate `// #ffi noescape {}` if it does not keep the pointer",
                    self.c_function()
                )
            }
            _ => String::new(),
        }
    }
}

/// The escape findings of one solved body.
pub fn escapes(body: &Body, sol: &Solution) -> Vec<Diagnostic> {
    // Candidates (object, sink), those the argument points to directly first: a binding's
    // stack slot and its heap buffer are one finding, named after what C was handed.
    let mut candidates: Vec<(bool, usize, usize)> = Vec::new();
    for o in 0..body.objects.len() {
        for &s in sol.escaped[o].iter().chain(&sol.reached[o]) {
            let direct = sol.pts[sol.sinks[s].var].contains(o);
            candidates.push((!direct, s, o));
        }
    }
    candidates.sort_unstable();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, s, o) in candidates {
        let obj = &body.objects[o];
        let sink = &sol.sinks[s];
        {
            let Some((dies, returned)) = death(body, obj) else {
                continue;
            };
            let call = &body.calls[sink.call];
            let arg = call.args[sink.arg].span;
            let dead = call.span.start > dies.start;
            if sink.escape.is_none() && !dead {
                continue;
            }
            // One finding per binding (or object) and call, on the first argument reaching it.
            let key = obj.owner.map_or(o, |b| body.objects.len() + b);
            if !seen.insert((key, sink.call)) {
                continue;
            }
            let case = EscapeCase {
                obj,
                arg,
                via: &sink.via,
                certainty: sink.escape,
                dead,
                dies,
                returned,
                direct: !matches!(call.callee, Callee::Rust(_)),
            };
            let mut d = match obj.storage {
                Storage::Stack => stack_escape::diagnostic(&case),
                Storage::Heap => buffer_escape::diagnostic(&case),
                _ => temporary_escape::diagnostic(&case),
            };
            d.assumed = case.certainty == Some(Certainty::Assumed) && !case.dead;
            out.push(d);
        }
    }
    out
}

/// Where an object dies in this frame, if it does (and where a stack value is returned).
/// Statics, parameters' pointees, leaked objects and heap buffers whose owner is moved out
/// outlive the frame: `None`.
fn death(body: &Body, obj: &Object) -> Option<(Span, Option<Span>)> {
    if obj.leaked.is_some() {
        return None;
    }
    let owner = obj.owner.map(|b| &body.bindings[b]);
    match obj.storage {
        Storage::Static | Storage::Param(_) | Storage::ParamContent(_) => None,
        Storage::Stack => Some((obj.dies?, owner.and_then(|b| b.returned))),
        Storage::Heap | Storage::Temporary => {
            if let Some(b) = owner {
                if let Some(d) = b.dropped {
                    return Some((d, None));
                }
                if b.moved.is_some() {
                    return None;
                }
            }
            Some((obj.dies?, None))
        }
    }
}

/// The secondary labels every escape finding has: declaration, return, death.
pub fn labels(d: Diagnostic, case: &EscapeCase<'_>, declared: String, dies: String) -> Diagnostic {
    let mut d = d.label(case.obj.decl, declared);
    if let Some(r) = case.returned {
        d = d.label(
            r,
            format!(
                "`{}` is moved out here; C keeps the old address",
                case.obj.name
            ),
        );
    }
    d.label(case.dies, dies).primary(case.primary_label())
}
