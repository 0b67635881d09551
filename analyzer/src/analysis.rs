//! The pipeline, top to bottom: read and parse → FFI functions and contracts → item index →
//! lowering → solving → lints. One call per crate; crates are independent and run in parallel.
//!
//! Architecture invariant: the result is plain data ([`CrateReport`]); nothing here prints.

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::{self, Config, Level};
use crate::diag::Diagnostic;
use crate::items::Index;
use crate::lower::{Body, Callee, Storage};
use crate::prefilter::{FileView, Selector};
use crate::solve::Solution;
use crate::source::{FileId, SourceDb, Span};
use crate::workspace::{CratePlan, CrateSource, InputError, ParsedFile};
use crate::{contracts, ffi, lints, lower, render, solve};

/// What the caller wants besides diagnostics.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Collect notes on unresolved calls.
    pub verbose: bool,
    /// Render the points-to graph of functions with this name (or display name) as DOT.
    pub graph_function: Option<String>,
    /// Lint levels from the command line, in the order given (the last one for a code wins).
    pub levels: Vec<(String, Level)>,
    /// Do not apply the built-in contracts of well-known C libraries.
    pub no_builtin_contracts: bool,
    /// Do not take `&mut` of scalar locals for out-parameters (a strict audit).
    pub no_out_params: bool,
    /// Parse every file in full instead of only those the prefilter selects.
    pub parse_all: bool,
    /// Do not analyze the arguments of macro invocations (see [`crate::macros`]).
    pub no_macro_args: bool,
}

/// The verdict on one object whose address reaches C (Go's `-m` output).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    /// Only `noescape` callees see it.
    DoesNotEscape,
    /// It escapes: it must live on the heap and outlive the frame.
    MovedToHeap,
    /// A parameter whose pointee escapes (the caller's object).
    LeakingParam,
}

impl Verdict {
    /// The JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::DoesNotEscape => "does_not_escape",
            Verdict::MovedToHeap => "moved_to_heap",
            Verdict::LeakingParam => "leaking_param",
        }
    }
}

/// One line of `ffi-escape escapes`.
#[derive(Clone, Debug)]
pub struct EscapeRecord {
    /// Where the object is declared.
    pub span: Span,
    /// Its name (binding, parameter, or the source of a temporary).
    pub name: String,
    /// The function it belongs to.
    pub function: String,
    /// The verdict.
    pub verdict: Verdict,
    /// For `leaking_param`: only what the parameter points to leaks (`leaking param content`).
    pub content: bool,
    /// Callee names through which it reaches C.
    pub via: Vec<String>,
    /// It does not escape only because it is an out-parameter of these C functions.
    pub out_param_of: Vec<String>,
}

/// Counts for the summary.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Files read.
    pub files: usize,
    /// Bytes of source read.
    pub bytes: usize,
    /// Files whose functions were parsed (function view or whole file); the others only their
    /// skeleton (see [`crate::prefilter`]).
    pub parsed: usize,
    /// Files that could not be parsed.
    pub parse_errors: usize,
    /// FFI functions declared.
    pub ffi_functions: usize,
    /// Call sites of FFI functions.
    pub ffi_calls: usize,
    /// Macro invocations in lowered functions whose tokens do not parse as expressions.
    pub skipped_macros: usize,
}

/// Everything found in one crate.
pub struct CrateReport {
    /// The crate's name.
    pub name: String,
    /// The path it was analyzed from.
    pub root: String,
    /// Its files.
    pub db: SourceDb,
    /// Findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Verdicts, sorted by position.
    pub escapes: Vec<EscapeRecord>,
    /// Counts.
    pub stats: Stats,
    /// `--verbose` notes (unresolved calls).
    pub notes: Vec<(Span, String)>,
    /// DOT graphs requested with [`Options::graph_function`].
    pub graphs: Vec<String>,
    /// Where each FFI call site seen is (the whole call), sorted; for corpus measurements.
    pub ffi_call_sites: Vec<Span>,
}

/// What [`analyze_with_progress`] reports while it works, from its worker threads.
pub enum Progress<'a> {
    /// A path was read: it holds this many crates (workspace members).
    Found(usize),
    /// A crate is analyzed.
    Done(&'a CrateReport),
}

/// Analyzes every path; crates come out in the order of the paths (and of workspace members).
pub fn analyze(paths: &[PathBuf], options: &Options) -> Result<Vec<CrateReport>, InputError> {
    analyze_with_progress(paths, options, &|_| {})
}

/// [`analyze`], telling `progress` about each path read and each crate analyzed.
pub fn analyze_with_progress(
    paths: &[PathBuf],
    options: &Options,
    progress: &(dyn Fn(Progress<'_>) + Sync),
) -> Result<Vec<CrateReport>, InputError> {
    // Syntax trees are not `Send`: each crate is read, parsed and analyzed on one worker, the
    // crates of all paths (workspace members too) in parallel. Deeply nested code recurses
    // deeply: the workers get large stacks.
    let run = || -> Result<Vec<CrateReport>, InputError> {
        let planned: Vec<Result<Vec<CratePlan>, InputError>> = paths
            .par_iter()
            .map(|p| {
                let plans = crate::workspace::plan(p)?;
                progress(Progress::Found(plans.len()));
                Ok(plans)
            })
            .collect();
        // The first error in the order of the paths, whatever the thread count.
        let mut plans = Vec::new();
        for p in planned {
            plans.extend(p?);
        }
        // Largest crates first, each worker taking the next crate when it is free: started in
        // the order given, a big crate taken last kept one worker busy 0.15 s after the other
        // had finished on the corpus. (One crate needs no guess at its size.)
        let mut plans: Vec<(u64, usize, CratePlan)> = match plans.len() {
            0 | 1 => plans.into_iter().map(|c| (0, 0, c)).collect(),
            _ => plans
                .into_par_iter()
                .enumerate()
                .map(|(i, c)| (c.size_hint(), i, c))
                .collect(),
        };
        plans.sort_by_key(|&(size, i, _)| (std::cmp::Reverse(size), i));
        let mut reports: Vec<(usize, Result<CrateReport, InputError>)> = plans
            .into_iter()
            .par_bridge()
            .map(|(_, i, plan)| {
                let report = plan.load().map(|src| analyze_crate(src, options));
                if let Ok(report) = &report {
                    progress(Progress::Done(report));
                }
                // The crate's syntax trees are gone: free the positions proc-macro2 keeps for
                // them on this thread (a copy of every file parsed). Safe because a crate's
                // analysis uses no rayon of its own: no other crate's job runs on this thread
                // while its trees live.
                proc_macro2::extra::invalidate_current_thread_spans();
                (i, report)
            })
            .collect();
        // Reports (and the first error) in the order of the paths, whatever ran first.
        reports.sort_by_key(|&(i, _)| i);
        reports.into_iter().map(|(_, r)| r).collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .stack_size(256 << 20)
        .build()
    {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

/// Analyzes one crate.
pub fn analyze_crate(src: CrateSource, options: &Options) -> CrateReport {
    let CrateSource {
        name,
        lib_name,
        root,
        db,
        mut files,
        mut diagnostics,
        manifests,
        dep_files,
        sys_names,
    } = src;
    let sys_crates: HashSet<String> = dep_files
        .iter()
        .filter_map(|f| f.module.first().cloned())
        .chain(sys_names)
        .collect();
    let dep_ffi = ffi::collect(&db, &dep_files);
    // Read for their declarations only: their trees can go now.
    drop(dep_files);
    let call_wrappers = call_wrappers(&files);
    // The skeletons declare every FFI function the full trees do (the `skeleton` fuzz target
    // checks it): collected once, before the prefilter parses anything more.
    let mut ffi = ffi::collect(&db, &files);
    let seeds: Vec<String> = ffi.iter().chain(&dep_ffi).map(|f| f.name.clone()).collect();
    // Stores into statics are sinks too: a function that stores into a static is lowered; so is
    // one that invokes a macro calling C under a path of its own.
    let values: Vec<String> = static_names(&files)
        .into_iter()
        .chain(
            files
                .iter()
                .flat_map(|f| f.scan.local_statics.iter().cloned()),
        )
        .chain(call_wrappers.keys().cloned())
        .collect();
    if options.parse_all {
        for f in files.iter_mut().filter(|f| !f.whole) {
            f.ast = crate::workspace::parse_full(&db, f.file, &mut diagnostics);
            (f.full, f.whole) = (true, true);
        }
        // `--parse-all` is the reference: from the full trees.
        ffi = ffi::collect(&db, &files);
    }
    for f in &mut files {
        ffi::forget_declarations(f);
    }
    let needed = match options.parse_all {
        true => None,
        false => Some(select(
            &db,
            &mut files,
            (seeds, values),
            &sys_crates,
            &mut diagnostics,
        )),
    };
    ffi.extend(dep_ffi);
    let mut config = Config::default();
    for (i, &m) in manifests.iter().enumerate() {
        config.read(&db, m, i + 1 == manifests.len(), &mut diagnostics);
    }
    let mut directives = std::mem::take(&mut config.directives);
    // Each file's comments are lexed once, for directives and for suppressions.
    let comments: Vec<(FileId, Vec<(usize, &str)>)> = files
        .iter()
        .map(|f| {
            (
                f.file,
                contracts::comment_lines(db.text(f.file), &f.scan.comments),
            )
        })
        .collect();
    for (file, lines) in &comments {
        contracts::scan(*file, lines, &mut directives, &mut diagnostics);
    }
    let mut contracts = contracts::resolve(&directives, &ffi, &mut diagnostics);
    contracts.out_params = !options.no_out_params;
    contracts.builtin = !options.no_builtin_contracts && config.builtin_contracts != Some(false);
    let macro_args = !options.no_macro_args;
    let index = Index::build(
        &db,
        &files,
        ffi,
        lib_name,
        &sys_crates,
        macro_args,
        call_wrappers,
    );
    let bodies: Vec<Body> = (0..index.fns.len())
        .map(|f| {
            let def = &index.fns[f];
            let name = def.name.strip_prefix("r#").unwrap_or(&def.name);
            match &needed {
                Some(needed) if !needed.contains(&(def.file, name.to_owned())) => {
                    lower::skipped(f, def.file)
                }
                _ => lower::lower_fn(&index, f, &db, macro_args),
            }
        })
        .collect();
    let solved = solve::solve_crate(&index, &bodies, &contracts);

    let mut escapes = Vec::new();
    let mut notes = Vec::new();
    let mut graphs = Vec::new();
    for (body, (sol, _)) in bodies.iter().zip(&solved) {
        diagnostics.extend(lints::escapes(body, sol));
        for call in &body.calls {
            if let Callee::Ffi(f) = call.callee {
                let symbol = &index.ffi[f].symbol;
                if contracts.nocallback(symbol, call.args.len()) {
                    for (arg, name) in &call.callbacks {
                        let span = call.args[*arg].span;
                        diagnostics.push(lints::callback_into_nocallback::diagnostic(
                            span, name, symbol,
                        ));
                    }
                }
            }
        }
        records(&index, body, sol, &mut escapes);
        if options.verbose {
            for call in &body.calls {
                let Callee::Ffi(f) = call.callee else {
                    continue;
                };
                let symbol = &index.ffi[f].symbol;
                if let Some(listed) = contracts.builtin_arity_mismatch(symbol, call.args.len()) {
                    let plural = crate::render::human::plural;
                    notes.push((
                        call.span,
                        format!(
                            "`{symbol}` is called with {} but its built-in contract lists {}: the contract is not applied to this call (check the binding)",
                            plural(call.args.len(), "argument", "arguments"),
                            plural(listed, "parameter", "parameters"),
                        ),
                    ));
                }
            }
            for (callee, span) in &body.unresolved {
                notes.push((
                    *span,
                    format!("call of `{callee}` not resolved: assumed not to leak its arguments"),
                ));
            }
            for (name, span) in &body.skipped_macros {
                notes.push((
                    *span,
                    format!("`{name}!` not analyzed: its tokens do not parse as expressions"),
                ));
            }
        }
        if let Some(wanted) = &options.graph_function {
            let def = &index.fns[body.func];
            if &def.name == wanted || &def.display == wanted {
                graphs.push(render::dot::render(&index, body, sol));
            }
        }
    }
    let diagnostics = config::apply_suppressions(&db, &comments, diagnostics);
    let mut diagnostics = config::apply_levels(diagnostics, &options.levels, &config.levels);
    let key = |s: &Span| (db.name(s.file).to_owned(), s.start);
    diagnostics.sort_by(|a, b| {
        key(&a.span)
            .cmp(&key(&b.span))
            .then_with(|| a.code.cmp(b.code))
            .then_with(|| a.message.cmp(&b.message))
    });
    diagnostics.dedup();
    escapes.sort_by(|a, b| {
        key(&a.span)
            .cmp(&key(&b.span))
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| b.verdict.cmp(&a.verdict))
    });
    // A binding's stack slot and its heap buffer share a declaration: one line, the worst verdict.
    escapes.dedup_by(|later, first| {
        later.span == first.span && later.name == first.name && later.function == first.function
    });
    notes.sort_by_key(|a| key(&a.0));
    let mut ffi_call_sites: Vec<Span> = bodies
        .iter()
        .flat_map(|b| &b.calls)
        .filter(|c| matches!(c.callee, Callee::Ffi(_)))
        .map(|c| c.span)
        .collect();
    ffi_call_sites.sort_by_key(key);
    let stats = Stats {
        files: files.len(),
        bytes: files.iter().map(|f| db.text(f.file).len()).sum(),
        parsed: files.iter().filter(|f| f.full).count(),
        parse_errors: files.iter().filter(|f| f.ast.is_none()).count(),
        ffi_functions: index.ffi.len(),
        ffi_calls: ffi_call_sites.len(),
        skipped_macros: bodies.iter().map(|b| b.skipped_macros.len()).sum(),
    };
    // A report keeps the text of the files its findings point into, not of every file read.
    let mut db = db;
    let mut shown = HashSet::new();
    for d in &diagnostics {
        shown.insert(d.span.file);
        shown.extend(d.labels.iter().map(|l| l.span.file));
    }
    shown.extend(escapes.iter().map(|e| e.span.file));
    shown.extend(notes.iter().map(|n| n.0.file));
    db.retain_texts(|f| shown.contains(&f));
    CrateReport {
        name,
        root,
        db,
        diagnostics,
        escapes,
        stats,
        notes,
        graphs,
        ffi_call_sites,
    }
}

/// The call-wrapping macros of the crate's files (see
/// [`crate::prefilter::Scan::call_wrappers`]); a name defined with two paths is left out.
fn call_wrappers(files: &[ParsedFile]) -> std::collections::HashMap<String, Vec<String>> {
    let mut out: std::collections::HashMap<String, Vec<String>> = Default::default();
    let mut ambiguous = HashSet::new();
    for (name, path) in files.iter().flat_map(|f| &f.scan.call_wrappers) {
        if out.get(name).is_some_and(|p| p != path) {
            ambiguous.insert(name.clone());
        }
        out.insert(name.clone(), path.clone());
    }
    out.retain(|n, _| !ambiguous.contains(n));
    out
}

/// The names of the statics the trees declare (skeletons keep every `static` of a module; those
/// inside functions are [`crate::prefilter::Scan::local_statics`]).
fn static_names(files: &[ParsedFile]) -> Vec<String> {
    struct Statics(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Statics {
        fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
            self.0.push(s.ident.to_string());
        }
        fn visit_foreign_item_static(&mut self, s: &'ast syn::ForeignItemStatic) {
            self.0.push(s.ident.to_string());
        }
    }
    let mut v = Statics(Vec::new());
    for ast in files.iter().filter_map(|f| f.ast.as_ref()) {
        syn::visit::Visit::visit_file(&mut v, ast);
    }
    v.0
}

/// Gives the files that can reach C the tree of their function view (see
/// [`crate::prefilter`]): `seeds` are the FFI functions, `sys_crates` the names `-sys`
/// dependencies are used under. Returns the functions to lower, by file and name.
fn select(
    db: &SourceDb,
    files: &mut [ParsedFile],
    (seeds, values): (impl IntoIterator<Item = String>, Vec<String>),
    sys_crates: &HashSet<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> HashSet<(FileId, String)> {
    let mut selector = {
        let views: Vec<FileView> = files.iter().map(|f| file_view(db, f)).collect();
        let mut s = Selector::new(seeds, values, sys_crates.iter().cloned());
        for (i, v) in views.iter().enumerate().filter(|(_, v)| v.full) {
            s.parsed(i, v);
        }
        s
    };
    loop {
        let views: Vec<FileView> = files.iter().map(|f| file_view(db, f)).collect();
        let wanted = selector.next(&views);
        drop(views);
        if wanted.is_empty() {
            break;
        }
        for &i in &wanted {
            let f = &mut files[i];
            (f.ast, f.whole) = crate::workspace::parse_functions(db, f.file, &f.scan, diagnostics);
            f.full = true;
            // The FFI declarations were read from the skeleton.
            crate::ffi::forget_declarations(f);
            selector.parsed(i, &file_view(db, &files[i]));
        }
    }
    for f in files.iter_mut() {
        f.scan.idents = Vec::new();
    }
    selector
        .into_needed()
        .into_iter()
        .map(|(i, name)| (files[i].file, name))
        .collect()
}

fn file_view<'a, 'b>(db: &'a SourceDb, f: &'b ParsedFile) -> FileView<'a, 'b> {
    FileView {
        text: db.text(f.file),
        // Only the selector's reading of functions needs the line table: a file without them
        // keeps none (building one for every file read costs as much as lexing it).
        lines: f.full.then(|| db.lines(f.file)).flatten(),
        idents: &f.scan.idents,
        ast: f.ast.as_ref(),
        module: &f.module,
        full: f.full,
        always_full: f.scan.always_full,
    }
}

/// The verdicts of one body: every object whose address reaches C.
fn records(index: &Index<'_>, body: &Body, sol: &Solution, out: &mut Vec<EscapeRecord>) {
    let function = index.fns[body.func].display.clone();
    for (o, obj) in body.objects.iter().enumerate() {
        let escaped = !sol.escaped[o].is_empty();
        if !escaped && sol.reached[o].is_empty() {
            continue;
        }
        let (verdict, content) = match obj.storage {
            Storage::Static => continue,
            Storage::Param(_) if escaped => (Verdict::LeakingParam, false),
            Storage::ParamContent(i) if escaped => {
                if !sol.escaped[body.params[i].pointee].is_empty() {
                    continue;
                }
                (Verdict::LeakingParam, true)
            }
            Storage::ParamContent(_) => continue,
            _ if escaped => (Verdict::MovedToHeap, false),
            _ => (Verdict::DoesNotEscape, false),
        };
        let sinks = if escaped {
            &sol.escaped[o]
        } else {
            &sol.reached[o]
        };
        let mut via: Vec<String> = Vec::new();
        for &s in sinks {
            for name in &sol.sinks[s].via {
                if !via.contains(name) {
                    via.push(name.clone());
                }
            }
        }
        // Reached C only as an out-parameter (the rule, not a contract, kept it from escaping).
        let out_param_of: Vec<String> = if escaped || !sinks.iter().all(|&s| sol.sinks[s].out_param)
        {
            Vec::new()
        } else {
            via.clone()
        };
        let name = match obj.storage {
            Storage::ParamContent(i) => body.params[i].name.clone(),
            _ => obj.name.clone(),
        };
        out.push(EscapeRecord {
            out_param_of,
            span: obj.decl,
            name,
            function: function.clone(),
            verdict,
            content,
            via,
        });
    }
}
