//! `ffi-escape graph`: the points-to graph of one function as Graphviz DOT.
//!
//! Nodes are the function's bindings (ellipses), its objects (boxes, labelled with their
//! storage) and the calls that hand pointers to C (diamonds). Edges: a binding points to an
//! object; an object reaches a call (red when it escapes there, green when it does not).

use std::fmt::Write as _;

use crate::items::Index;
use crate::lower::{Body, Callee, Storage};
use crate::solve::Solution;

fn quote(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

/// The DOT text of one solved body.
pub fn render(index: &Index<'_>, body: &Body, sol: &Solution) -> String {
    let def = &index.fns[body.func];
    let mut s = String::new();
    let _ = writeln!(s, "digraph {} {{", quote(&def.display));
    let _ = writeln!(s, "    rankdir=LR;");
    for (i, b) in body.bindings.iter().enumerate() {
        let _ = writeln!(s, "    b{i} [label={}, shape=ellipse];", quote(&b.name));
    }
    for (i, o) in body.objects.iter().enumerate() {
        let storage = match o.storage {
            Storage::Stack => "stack",
            Storage::Temporary => "temporary",
            Storage::Heap => "heap",
            Storage::Static => "static",
            Storage::Param(_) => "caller-owned",
            Storage::ParamContent(_) => "caller-owned",
        };
        let _ = writeln!(
            s,
            "    o{i} [label={}, shape=box];",
            quote(&format!("{}\n{storage}", o.name))
        );
    }
    for (i, c) in body.calls.iter().enumerate() {
        let name = match c.callee {
            Callee::Ffi(f) => format!("{} (C)", index.ffi[f].name),
            Callee::Rust(f) => index.fns[f].display.clone(),
            Callee::Static(st) => format!("static {}", index.statics[st].name),
        };
        let _ = writeln!(s, "    c{i} [label={}, shape=diamond];", quote(&name));
    }
    for (i, b) in body.bindings.iter().enumerate() {
        for o in sol.pts[b.var].ones() {
            let _ = writeln!(s, "    b{i} -> o{o};");
        }
    }
    for (o, _) in body.objects.iter().enumerate() {
        for &si in &sol.escaped[o] {
            let _ = writeln!(
                s,
                "    o{o} -> c{} [color=red, label=\"escapes\"];",
                sol.sinks[si].call
            );
        }
        for &si in &sol.reached[o] {
            let _ = writeln!(
                s,
                "    o{o} -> c{} [color=green, label=\"does not escape\"];",
                sol.sinks[si].call
            );
        }
    }
    s.push_str("}\n");
    s
}
