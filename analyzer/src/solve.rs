//! Propagation, summaries and verdicts.
//!
//! Each function's constraints are solved by worklist propagation over a graph of copy edges
//! (loads and stores add edges as points-to sets grow). Calls become *sinks*: every argument of
//! an FFI call escapes (certain under `#ffi escape`, assumed when the callee has no contract)
//! or merely reaches C (under `#ffi noescape`); an argument of a Rust call escapes or reaches C
//! as the callee's summary says. Escape is transitive: what an escaped object points to escapes
//! too. A function's summary records, per parameter, whether its pointee (or what the pointee
//! points to) escapes, reaches C, or flows to the return value. Summaries are computed bottom-up
//! over the strongly connected components of the call graph, iterating inside a component.
//!
//! Architecture invariant: the solver produces facts (which object escapes through which call);
//! it does not decide what is a bug (that is [`crate::lints`]).

use std::collections::HashSet;

use fixedbitset::FixedBitSet;
use petgraph::graph::DiGraph;

use crate::contracts::{Contracts, Retention};
use crate::items::Index;
use crate::lower::{Body, Callee, Constraint, ObjId, VarId};

/// How sure the analysis is that C keeps a pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Certainty {
    /// The callee has no contract: escape is assumed.
    Assumed,
    /// The callee is `#ffi escape` (or a static): escape is certain.
    Certain,
}

/// A parameter's pointee escaping to C, and through which callees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leak {
    /// How sure.
    pub certainty: Certainty,
    /// Callee names from this function's call to the C function.
    pub via: Vec<String>,
}

/// What a function does with one parameter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParamEffect {
    /// The parameter's pointee escapes to C.
    pub leak: Option<Leak>,
    /// What the pointee points to escapes to C (but not the pointee itself).
    pub deep_leak: Option<Leak>,
    /// The pointee reaches C without escaping: callee names.
    pub reach: Option<Vec<String>>,
    /// The parameter flows to the return value.
    pub to_return: bool,
}

/// A function's summary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Per parameter, the receiver first.
    pub params: Vec<ParamEffect>,
}

/// A value handed to C (or to a Rust function that hands it to C).
#[derive(Clone, Debug)]
pub struct Sink {
    /// Index of the call in the body.
    pub call: usize,
    /// Index of the argument.
    pub arg: usize,
    /// The variable whose pointees are handed over.
    pub var: VarId,
    /// `Some` when it escapes, `None` when it only reaches a `noescape` callee.
    pub escape: Option<Certainty>,
    /// Callee names down to C.
    pub via: Vec<String>,
    /// It only reaches C because the argument is an out-parameter (no contract said more).
    pub out_param: bool,
}

/// The solved points-to facts of one body.
pub struct Solution {
    /// Points-to set of every variable.
    pub pts: Vec<FixedBitSet>,
    /// Every sink of the body.
    pub sinks: Vec<Sink>,
    /// Per object: the sinks through which it escapes.
    pub escaped: Vec<Vec<usize>>,
    /// Per object: the sinks through which it reaches C without escaping.
    pub reached: Vec<Vec<usize>>,
}

/// Solves every body of the crate bottom-up; returns each body's solution and summary.
pub fn solve_crate(
    index: &Index<'_>,
    bodies: &[Body],
    contracts: &Contracts,
) -> Vec<(Solution, Summary)> {
    let mut graph = DiGraph::<usize, ()>::with_capacity(bodies.len(), 0);
    let nodes: Vec<_> = (0..bodies.len()).map(|i| graph.add_node(i)).collect();
    for (i, b) in bodies.iter().enumerate() {
        for c in &b.calls {
            if let Callee::Rust(f) = c.callee {
                graph.update_edge(nodes[i], nodes[f], ());
            }
        }
    }
    let mut summaries: Vec<Summary> = bodies.iter().map(|_| Summary::default()).collect();
    let mut results: Vec<Option<(Solution, Summary)>> = bodies.iter().map(|_| None).collect();
    // Tarjan yields components in reverse topological order: callees before callers.
    for scc in petgraph::algo::tarjan_scc(&graph) {
        let mut members: Vec<usize> = scc.iter().map(|n| graph[*n]).collect();
        members.sort_unstable();
        let recursive = members.len() > 1 || graph.contains_edge(scc[0], scc[0]);
        for _round in 0..32 {
            let mut changed = false;
            for &f in &members {
                let (solution, summary) = solve_body(index, &bodies[f], contracts, &summaries);
                if summary != summaries[f] {
                    summaries[f] = summary.clone();
                    changed = true;
                }
                results[f] = Some((solution, summary));
            }
            if !recursive || !changed {
                break;
            }
        }
    }
    results
        .into_iter()
        .map(|r| r.expect("every body is solved"))
        .collect()
}

/// Solves one body given the summaries of its callees.
pub fn solve_body(
    index: &Index<'_>,
    body: &Body,
    contracts: &Contracts,
    summaries: &[Summary],
) -> (Solution, Summary) {
    let nobj = body.objects.len();
    let mut g = Propagation {
        pts: vec![FixedBitSet::with_capacity(nobj); body.nvars],
        succs: vec![Vec::new(); body.nvars],
        loads: vec![Vec::new(); body.nvars],
        stores: vec![Vec::new(); body.nvars],
        edges: HashSet::new(),
        work: Vec::new(),
        queued: FixedBitSet::with_capacity(body.nvars),
        content: body.objects.iter().map(|o| o.content).collect(),
    };
    for c in &body.constraints {
        match *c {
            Constraint::Addr(v, o) => {
                g.pts[v].insert(o);
                g.queue(v);
            }
            Constraint::Copy(dst, src) => g.edge(src, dst),
            Constraint::Load(dst, ptr) => g.loads[ptr].push(dst),
            Constraint::Store(ptr, src) => g.stores[ptr].push(src),
        }
    }
    let mut sinks = Vec::new();
    for (ci, call) in body.calls.iter().enumerate() {
        match call.callee {
            Callee::Ffi(id) => {
                let symbol = &index.ffi[id].symbol;
                let keys: Vec<Option<String>> = call.args.iter().map(|a| a.key.clone()).collect();
                for (ai, a) in call.args.iter().enumerate() {
                    let retention = contracts.retention(symbol, ai, &keys);
                    // An out-parameter is only filled during the call: it reaches C, not kept.
                    let out_param = retention == Retention::Assumed
                        && contracts.out_params
                        && a.out_param.is_some();
                    let escape = match retention {
                        _ if out_param => None,
                        Retention::Copies => None,
                        Retention::Retains => Some(Certainty::Certain),
                        Retention::Assumed => Some(Certainty::Assumed),
                    };
                    sinks.push(Sink {
                        call: ci,
                        arg: ai,
                        var: a.var,
                        escape,
                        via: vec![index.ffi[id].name.clone()],
                        out_param,
                    });
                }
            }
            Callee::Static(id) => {
                for (ai, a) in call.args.iter().enumerate() {
                    let via = vec![format!("static {}", index.statics[id].name)];
                    sinks.push(Sink {
                        call: ci,
                        arg: ai,
                        var: a.var,
                        escape: Some(Certainty::Certain),
                        via,
                        out_param: false,
                    });
                }
            }
            Callee::Rust(f) => {
                let name = &index.fns[f].display;
                for (ai, a) in call.args.iter().enumerate() {
                    let Some(effect) = summaries[f].params.get(ai) else {
                        continue;
                    };
                    let via = |rest: &[String]| -> Vec<String> {
                        std::iter::once(name.clone())
                            .chain(rest.iter().cloned())
                            .collect()
                    };
                    if effect.to_return {
                        g.edge(a.var, call.result);
                    }
                    if let Some(l) = &effect.leak {
                        sinks.push(Sink {
                            call: ci,
                            arg: ai,
                            var: a.var,
                            escape: Some(l.certainty),
                            via: via(&l.via),
                            out_param: false,
                        });
                    } else if let Some(r) = &effect.reach {
                        sinks.push(Sink {
                            call: ci,
                            arg: ai,
                            var: a.var,
                            escape: None,
                            via: via(r),
                            out_param: false,
                        });
                    }
                    if let Some(l) = &effect.deep_leak {
                        sinks.push(Sink {
                            call: ci,
                            arg: ai,
                            var: a.deep,
                            escape: Some(l.certainty),
                            via: via(&l.via),
                            out_param: false,
                        });
                    }
                }
            }
        }
    }
    g.run();

    let mut escaped = vec![Vec::new(); nobj];
    let mut reached = vec![Vec::new(); nobj];
    for (si, sink) in sinks.iter().enumerate() {
        let target = if sink.escape.is_some() {
            &mut escaped
        } else {
            &mut reached
        };
        let mut seen = FixedBitSet::with_capacity(nobj);
        let mut stack: Vec<ObjId> = g.pts[sink.var].ones().collect();
        while let Some(o) = stack.pop() {
            if seen.put(o) {
                continue;
            }
            target[o].push(si);
            stack.extend(g.pts[g.content[o]].ones());
        }
    }

    let mut summary = Summary::default();
    for p in &body.params {
        let leak_of = |o: ObjId| -> Option<Leak> {
            let best = escaped[o]
                .iter()
                .map(|&s| &sinks[s])
                .max_by_key(|s| s.escape)?;
            Some(Leak {
                certainty: best.escape?,
                via: best.via.clone(),
            })
        };
        let leak = leak_of(p.pointee);
        let deep_leak = if leak.is_none() {
            leak_of(p.content)
        } else {
            None
        };
        let reach = reached[p.pointee].first().map(|&s| sinks[s].via.clone());
        let to_return = g.pts[body.ret].contains(p.pointee);
        summary.params.push(ParamEffect {
            leak,
            deep_leak,
            reach,
            to_return,
        });
    }
    (
        Solution {
            pts: g.pts,
            sinks,
            escaped,
            reached,
        },
        summary,
    )
}

struct Propagation {
    pts: Vec<FixedBitSet>,
    succs: Vec<Vec<VarId>>,
    loads: Vec<Vec<VarId>>,
    stores: Vec<Vec<VarId>>,
    edges: HashSet<(VarId, VarId)>,
    /// Variables whose points-to set grew since they were last propagated, each once.
    work: Vec<VarId>,
    queued: FixedBitSet,
    content: Vec<VarId>,
}

impl Propagation {
    fn queue(&mut self, v: VarId) {
        if !self.queued.put(v) {
            self.work.push(v);
        }
    }

    /// Adds `src ⊆ dst`. What `src` points to now flows to `dst` at once; what it points to
    /// later flows through the work list. (Queueing `src` again instead sent its whole set
    /// to every successor once per new edge: quadratic in a body of 20,000 calls with one
    /// argument, 4.3 s.)
    fn edge(&mut self, src: VarId, dst: VarId) {
        if src != dst && self.edges.insert((src, dst)) {
            self.succs[src].push(dst);
            self.flow(src, dst);
        }
    }

    /// `dst` gets what `src` points to; queued if that is more than it had.
    fn flow(&mut self, src: VarId, dst: VarId) {
        let (a, b) = two(&mut self.pts, src, dst);
        if !a.is_subset(b) {
            b.union_with(a);
            self.queue(dst);
        }
    }

    fn run(&mut self) {
        while let Some(v) = self.work.pop() {
            self.queued.remove(v);
            let objs: Vec<ObjId> = self.pts[v].ones().collect();
            for i in 0..self.loads[v].len() {
                let dst = self.loads[v][i];
                for &o in &objs {
                    self.edge(self.content[o], dst);
                }
            }
            for i in 0..self.stores[v].len() {
                let src = self.stores[v][i];
                for &o in &objs {
                    self.edge(src, self.content[o]);
                }
            }
            for i in 0..self.succs[v].len() {
                let s = self.succs[v][i];
                self.flow(v, s);
            }
        }
    }
}

/// Two distinct elements of a slice: `(&v[a], &mut v[b])`.
fn two(v: &mut [FixedBitSet], a: usize, b: usize) -> (&FixedBitSet, &mut FixedBitSet) {
    if a < b {
        let (l, r) = v.split_at_mut(b);
        (&l[a], &mut r[0])
    } else {
        let (l, r) = v.split_at_mut(a);
        (&r[0], &mut l[b])
    }
}
