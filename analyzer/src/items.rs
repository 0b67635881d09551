//! The crate's items and name resolution: which Rust function, FFI function or static a path
//! or a method call names.
//!
//! Paths are resolved through the module tree (`crate::`, `self::`, `super::`, child modules),
//! `use` imports (with aliases and globs) and `Type::method` / `Self::method`. Method calls
//! resolve by name, narrowed by the receiver type where it is visible. Anything else is
//! unresolved, and the caller treats it as a callee that does not leak.
//!
//! Architecture invariant: resolution is purely syntactic; no type inference beyond the
//! receiver type names that the lowering passes in.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use syn::visit::Visit;

use crate::ffi::FfiFn;
use crate::source::{FileId, Lines, SourceDb, Span};
use crate::workspace::ParsedFile;

/// Index of a Rust function in [`Index::fns`].
pub type FnId = usize;

/// A Rust function with a body.
pub struct FnDef<'a> {
    /// The function's name.
    pub name: String,
    /// Its display name: `f`, `module::f` or `Type::method`.
    pub display: String,
    /// The module it is defined in.
    pub module: Vec<String>,
    /// The `impl` self type name, for methods.
    pub self_ty: Option<String>,
    /// The signature.
    pub sig: &'a syn::Signature,
    /// The body.
    pub block: &'a syn::Block,
    /// The body's byte range in its file.
    pub body: std::ops::Range<usize>,
    /// The file it is in.
    pub file: FileId,
}

/// What a path resolves to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Item {
    /// A Rust function.
    Fn(FnId),
    /// An FFI function (index into [`Index::ffi`]).
    Ffi(usize),
    /// A `static` (index into [`Index::statics`]).
    Static(usize),
}

/// A `static` item.
pub struct StaticDef {
    /// Its name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
}

#[derive(Default)]
struct Scope {
    /// `use` imports: local name -> path as written (made absolute where it can be).
    uses: FxHashMap<String, Vec<String>>,
    /// Glob imports.
    globs: Vec<Vec<String>>,
}

/// All items of a crate.
pub struct Index<'a> {
    /// Rust functions with bodies.
    pub fns: Vec<FnDef<'a>>,
    /// FFI functions.
    pub ffi: Vec<FfiFn>,
    /// Statics.
    pub statics: Vec<StaticDef>,
    by_path: FxHashMap<Vec<String>, Item>,
    scopes: FxHashMap<Vec<String>, Scope>,
    methods: FxHashMap<String, Vec<FnId>>,
    lib_name: Option<String>,
    /// Memo of [`Index::resolve`]: the same paths recur in every function of a module.
    resolved: RefCell<FxHashMap<ResolveKey, Option<Item>>>,
    /// Memo of [`Index::walk`]: it depends on the imports alone, which are all known before
    /// the first lookup.
    walks: RefCell<FxHashMap<(Vec<String>, usize), SharedWalk>>,
    /// FFI functions by Rust name, for the bare-name fallback.
    ffi_by_name: FxHashMap<String, Vec<usize>>,
    /// Calls inside macro arguments count (see [`crate::macros::args`]).
    macro_args: bool,
    /// Macros that call the function their first argument names under a path of their own.
    call_wrappers: HashMap<String, Vec<String>>,
    /// Paths of the crate's structs, enums, unions, traits and type aliases.
    types: FxHashSet<Vec<String>>,
    /// The type name of each field of the tuple structs of each file (the newtype wrappers of
    /// C objects: `struct SslContextBuilder(SslContext);`): (file, struct, index) -> type,
    /// `None` when two structs of that name in the file disagree. Read only within the file
    /// (an `impl` next to its struct), so that the function view and the full parse, which read
    /// different sets of files, know the same fields; structs with named fields are hollowed in
    /// the function view, so they are not read at all.
    fields: FxHashMap<(FileId, String, String), Option<String>>,
    /// The `use` declarations inside each function's body (`fn shutdown() { use
    /// libc::shutdown; shutdown(..) }`): in the body they shadow the module's items of the same
    /// name, and outside it they do not exist. (A glob import in a body is still taken as the
    /// module's.)
    block_uses: FxHashMap<FnId, FxHashMap<String, Vec<String>>>,
    /// The function whose body each block is, by the block's address: [`Index::fns`] read
    /// backwards. The trees do not move while the index borrows them, and the visitors that
    /// walk them meet a body as a block, whatever kind of function it belongs to.
    fn_at: FxHashMap<*const syn::Block, FnId>,
    /// The FFI functions declared inside a function's body, by name (see [`FfiFn::nested`]).
    nested_ffi: FxHashMap<String, Vec<usize>>,
    /// The last segment of every path that can resolve: the names of the functions, FFI
    /// functions and statics, and the local names of renaming imports (`use ffi::f as g`).
    /// Expansion through aliases and globs keeps a path's last segment unless an import
    /// renames it, so a path ending in any other name resolves to nothing, and most paths a
    /// body names (constants, types, variants) are answered without building a candidate.
    resolvable: FxHashSet<String>,
}

type ResolveKey = (Vec<String>, Option<String>, Vec<String>);

/// The modules a lookup visits, in order, with the depth of each visit (see [`Index::walk`]).
type Walk = Vec<(Vec<String>, usize)>;

/// A [`Walk`] in [`Index::walks`]: every lookup of a name from its start reads it, pushing the
/// name onto each module's path in turn (see [`Index::lookup`]).
type SharedWalk = Rc<RefCell<Walk>>;

/// How many re-exports deep [`Index::lookup`] follows a path.
const MAX_LOOKUP_DEPTH: usize = 4;

/// How many `use` aliases deep a path is followed.
const MAX_DEPTH: usize = 3;

const STD_ROOTS: [&str; 3] = ["std", "core", "alloc"];

impl<'a> Index<'a> {
    /// Indexes every item of the parsed files.
    /// `sys_crates` are the names under which `-sys` dependencies are used; with `macro_args`,
    /// calls into them inside macro arguments are FFI calls too, and `call_wrappers` are the
    /// macros that call their first argument's function under a path (see
    /// [`crate::prefilter::Scan::call_wrappers`]).
    pub fn build(
        db: &SourceDb,
        files: &'a [ParsedFile],
        ffi: Vec<FfiFn>,
        lib_name: Option<String>,
        sys_crates: &HashSet<String>,
        macro_args: bool,
        call_wrappers: HashMap<String, Vec<String>>,
    ) -> Self {
        let mut index = Index {
            fns: Vec::new(),
            ffi,
            statics: Vec::new(),
            by_path: FxHashMap::default(),
            scopes: FxHashMap::default(),
            methods: FxHashMap::default(),
            lib_name,
            resolved: RefCell::new(FxHashMap::default()),
            ffi_by_name: FxHashMap::default(),
            walks: RefCell::new(FxHashMap::default()),
            macro_args,
            call_wrappers,
            types: FxHashSet::default(),
            fields: FxHashMap::default(),
            block_uses: FxHashMap::default(),
            fn_at: FxHashMap::default(),
            nested_ffi: FxHashMap::default(),
            resolvable: FxHashSet::default(),
        };
        for (i, f) in index.ffi.iter().enumerate() {
            if f.nested {
                index.nested_ffi.entry(f.name.clone()).or_default().push(i);
                continue;
            }
            let mut p = f.module.clone();
            p.push(f.name.clone());
            index.by_path.entry(p).or_insert(Item::Ffi(i));
        }
        for f in files {
            if let Some(ast) = &f.ast {
                let mut c = Collector {
                    index: &mut index,
                    file: f.file,
                    db,
                    module: f.module.clone(),
                    self_ty: None,
                    body_of: None,
                };
                c.visit_file(ast);
            }
        }
        index.note_resolvable();
        index.add_sys_calls(db, files, sys_crates);
        for (i, f) in index.ffi.iter().enumerate().filter(|(_, f)| !f.nested) {
            index.ffi_by_name.entry(f.name.clone()).or_default().push(i);
        }
        index
    }

    /// Fills [`Index::resolvable`] from the item table and the imports.
    fn note_resolvable(&mut self) {
        let items = self.by_path.keys().filter_map(|p| p.last());
        let renames = self.scopes.values().flat_map(|s| {
            s.uses
                .iter()
                .filter(|(local, target)| target.last() != Some(local))
                .map(|(local, _)| local)
        });
        let names: Vec<String> = items.chain(renames).cloned().collect();
        self.resolvable.extend(names);
    }

    /// Calls into a `-sys`/`_sys` crate (or a dependency whose FFI was read) that resolve to
    /// no known function are still FFI calls, with no contract: registers a function for each.
    fn add_sys_calls(&mut self, db: &SourceDb, files: &[ParsedFile], sys_crates: &HashSet<String>) {
        // `libc` is a bindings crate without the suffix.
        let is_sys =
            |name: &str| name.ends_with("_sys") || name == "libc" || sys_crates.contains(name);
        let mut calls = CallPaths {
            file: 0,
            module: Vec::new(),
            func: None,
            out: Vec::new(),
            macro_args: self.macro_args,
            wrappers: &self.call_wrappers,
            fn_at: &self.fn_at,
            db,
        };
        for f in files {
            if let Some(ast) = &f.ast {
                calls.file = f.file;
                calls.module = f.module.clone();
                calls.visit_file(ast);
            }
        }
        let mut found: Vec<(Vec<String>, FfiFn)> = Vec::new();
        for (module, func, segs, span) in calls.out {
            // `use libc::shutdown;` in the calling function's body: `shutdown(..)` is libc's.
            let segs = func
                .and_then(|f| self.block_import(f, &segs))
                .unwrap_or(segs);
            // Cheap test first: only a path whose first segment is a -sys name, an alias (of
            // this module or the root) or `crate`/`self`/`super` can reach a -sys crate.
            let first = segs[0].as_str();
            // (A glob import may bring an alias in: `use super::*;` then `sys::f()`.)
            let aliased = |m: &[String]| {
                self.scopes
                    .get(m)
                    .is_some_and(|s| s.uses.contains_key(first) || !s.globs.is_empty())
            };
            let plausible = is_sys(first)
                || matches!(first, "crate" | "self" | "super")
                || aliased(&module)
                || aliased(&Self::root_of(&module));
            // An explicit import of the first segment shadows the module's glob imports
            // (`use std::collections::HashMap;` next to `use sys::*;`); a bare name imported
            // from the bindings is a call into them (`use ffi::DH_get0_key;`).
            let import = self
                .scopes
                .get(&module)
                .and_then(|s| s.uses.get(first))
                .filter(|target| target.first().map(String::as_str) != Some(first));
            if (segs.len() < 2 && import.is_none())
                || !plausible
                || self.resolve(&module, None, &segs).is_some()
            {
                continue;
            }
            let root = Self::root_of(&module);
            let candidates = match import {
                Some(target) => {
                    let aliased: Vec<String> = target.iter().chain(&segs[1..]).cloned().collect();
                    self.candidates(&module, &aliased, 1)
                }
                None => self.candidates(&module, &segs, 0),
            };
            let expanded = candidates.into_iter().map(|c| {
                // `crate::raw::f` with `extern crate libgit2_sys as raw;` in the root.
                match c
                    .first()
                    .and_then(|first| self.scopes.get(&root)?.uses.get(first))
                {
                    Some(target) => target.iter().chain(&c[1..]).cloned().collect(),
                    None => c,
                }
            });
            // A local type's item (`AudioDeviceID::PlaybackDevice`) is never the bindings'.
            let local: Vec<String> = module.iter().chain(&segs[..1]).cloned().collect();
            if segs.len() >= 2 && self.types.contains(&local) {
                continue;
            }
            // `libc::c_int::try_from`, `ffi::Error::new`: a method of a type of the bindings
            // (a type by C and Rust naming conventions, a method by Rust's), not a C function.
            // (`windows_sys::Win32::Foundation::CloseHandle`: modules and functions are
            // capitalized there.)
            let method_of_type = |c: &[String]| {
                c.last()
                    .is_some_and(|l| l.starts_with(|ch: char| ch.is_ascii_lowercase()))
                    && c[1..c.len() - 1].iter().any(|s| type_like(s))
            };
            let Some(path) = expanded
                .into_iter()
                .find(|c| c.len() >= 2 && is_sys(&c[0]) && !method_of_type(c))
            else {
                continue;
            };
            let (name, module) = path.split_last().expect("at least two segments");
            let f = FfiFn {
                symbol: name.clone(),
                name: name.clone(),
                params: Vec::new(),
                module: module.to_vec(),
                span,
                nested: false,
            };
            found.push((path.clone(), f));
        }
        // Resolutions made so far hold unless a function was added (151 of the corpus's 175
        // crates add none).
        if !found.is_empty() {
            self.resolved.borrow_mut().clear();
        }
        for (path, f) in found {
            if !self.by_path.contains_key(&path) {
                self.by_path.insert(path, Item::Ffi(self.ffi.len()));
                self.resolvable.insert(f.name.clone());
                self.ffi.push(f);
            }
        }
    }

    /// The path under which macro `name` calls the function its first argument names.
    pub fn call_wrapper(&self, name: &str) -> Option<&[String]> {
        self.call_wrappers.get(name).map(Vec::as_slice)
    }

    /// The type name of field `member` (a tuple index) of tuple struct `ty` as declared in
    /// `file`, when it is declared there once.
    pub fn field_type(&self, file: FileId, ty: &str, member: &str) -> Option<&str> {
        self.fields
            .get(&(file, ty.to_owned(), member.to_owned()))?
            .as_deref()
    }

    /// The root module of the target `module` belongs to (empty for the library).
    fn root_of(module: &[String]) -> Vec<String> {
        module
            .first()
            .filter(|s| s.starts_with('{'))
            .map(|s| vec![s.clone()])
            .unwrap_or_default()
    }

    /// [`Index::resolve`] of a path used in the body of `func`: a first segment that a `use`
    /// in that body imports is read through that import, which shadows the module's items.
    pub fn resolve_in(
        &self,
        func: FnId,
        module: &[String],
        self_ty: Option<&str>,
        segs: &[String],
    ) -> Option<Item> {
        if let [name] = segs
            && let Some(f) = self.nested_ffi(func, name)
        {
            return Some(Item::Ffi(f));
        }
        match self.block_import(func, segs) {
            Some(expanded) => self.resolve(module, self_ty, &expanded),
            None => self.resolve(module, self_ty, segs),
        }
    }

    /// The FFI function `name` declared in an `extern` block inside the body of `func`.
    fn nested_ffi(&self, func: FnId, name: &str) -> Option<usize> {
        let candidates = self.nested_ffi.get(name)?;
        let def = &self.fns[func];
        let body = &def.body;
        candidates.iter().copied().find(|&i| {
            let span = self.ffi[i].span;
            span.file == def.file && body.start <= span.start && span.end <= body.end
        })
    }

    /// `segs` with its first segment expanded through a `use` in the body of `func`.
    fn block_import(&self, func: FnId, segs: &[String]) -> Option<Vec<String>> {
        let target = self.block_uses.get(&func)?.get(segs.first()?)?;
        (target.len() > 1 || target.first() != segs.first())
            .then(|| target.iter().chain(&segs[1..]).cloned().collect())
    }

    /// Resolves a path used in `module`, inside an `impl` of `self_ty` if any.
    pub fn resolve(
        &self,
        module: &[String],
        self_ty: Option<&str>,
        segs: &[String],
    ) -> Option<Item> {
        if !self.resolvable.contains(segs.last()?) {
            return None;
        }
        let key = (module.to_vec(), self_ty.map(str::to_owned), segs.to_vec());
        if let Some(hit) = self.resolved.borrow().get(&key) {
            return *hit;
        }
        let item = self.resolve_uncached(module, self_ty, segs);
        self.resolved.borrow_mut().insert(key, item);
        item
    }

    fn resolve_uncached(
        &self,
        module: &[String],
        self_ty: Option<&str>,
        segs: &[String],
    ) -> Option<Item> {
        let first = segs.first()?;
        if first == "Self" && segs.len() == 2 {
            return self.method_of(self_ty?, &segs[1]).map(Item::Fn);
        }
        if STD_ROOTS.contains(&first.as_str()) {
            return None;
        }
        for candidate in self.candidates(module, segs, 0) {
            if let Some(item) = self.lookup(&candidate, 0) {
                return Some(item);
            }
        }
        if segs.len() >= 2 {
            let ty = &segs[segs.len() - 2];
            if let Some(f) = self.method_of(ty, &segs[segs.len() - 1]) {
                return Some(Item::Fn(f));
            }
        }
        // A bare name imported in a way we could not follow (a glob of a glob, a macro):
        // match an FFI function by unique name. Never for a qualified path: `ptr::copy` is not
        // some FFI function named `copy`.
        let [last] = segs else { return None };
        match self.ffi_by_name.get(last).map(Vec::as_slice) {
            Some(&[i]) => Some(Item::Ffi(i)),
            _ => None,
        }
    }

    /// Absolute paths `segs` may denote from `module`. `depth` bounds the expansion through
    /// `use` aliases and globs, which may refer to each other (`use Enum::*;`, `use a::a;`).
    fn candidates(&self, module: &[String], segs: &[String], depth: usize) -> Vec<Vec<String>> {
        if segs.is_empty() {
            return Vec::new();
        }
        let root = Self::root_of(module);
        let first = segs[0].as_str();
        let join = |base: &[String], rest: &[String]| -> Vec<String> {
            base.iter().chain(rest).cloned().collect()
        };
        match first {
            // An absolute path into std: no alias, module or glob of the crate applies (the
            // standard library is never reached through one).
            _ if STD_ROOTS.contains(&first) => vec![segs.to_vec()],
            "crate" => vec![join(&root, &segs[1..])],
            "self" => vec![join(module, &segs[1..])],
            "super" => {
                let mut base = module.to_vec();
                let mut rest = segs;
                while rest.first().is_some_and(|s| s == "super") {
                    base.pop();
                    rest = &rest[1..];
                }
                vec![join(&base, rest)]
            }
            // A binary names the package's library by its name; inside the library the name
            // is no path (alsa's `extern crate alsa_sys as alsa;` makes `alsa::` the bindings).
            _ if !root.is_empty() && self.lib_name.as_deref() == Some(first) => {
                vec![segs[1..].to_vec()]
            }
            _ => {
                let mut out = Vec::new();
                let scope = self.scopes.get(module).filter(|_| depth < MAX_DEPTH);
                let imported = scope.and_then(|s| s.uses.get(first));
                if let Some(target) = imported
                    && target.first().map(String::as_str) != Some(first)
                {
                    out.extend(self.candidates(module, &join(target, &segs[1..]), depth + 1));
                }
                out.push(join(module, segs));
                out.push(join(&root, segs));
                // A name imported by name shadows the same name from a glob import.
                let globs = match imported {
                    Some(_) => &[][..],
                    None => scope.map(|s| s.globs.as_slice()).unwrap_or_default(),
                };
                for g in globs {
                    // A glob's own path is taken as written (no further alias or glob expansion):
                    // expanding globs through globs multiplies candidates exponentially.
                    for base in self.candidates(module, g, MAX_DEPTH) {
                        out.push(join(&base, segs));
                    }
                }
                // A handful of candidates: deduplicate in place, keeping the first of each.
                let mut i = 0;
                while i < out.len() {
                    if out[..i].contains(&out[i]) {
                        out.remove(i);
                    } else {
                        i += 1;
                    }
                }
                out
            }
        }
    }

    /// Looks up an absolute path, following re-exports (`pub use`) a few levels deep: the
    /// modules [`Index::walk`] visits, in order, each asked for the path's last segment, as a
    /// definition or as an import of that name (which goes on from where it points).
    fn lookup(&self, path: &[String], depth: usize) -> Option<Item> {
        if let Some(item) = self.by_path.get(path) {
            return Some(*item);
        }
        let (name, prefix) = path.split_last()?;
        // Nothing is named `super`, nor imported as it.
        if depth > MAX_LOOKUP_DEPTH || name == "super" {
            return None;
        }
        let walk = self.walk(prefix, depth);
        // Each module is asked for `module::name` in place: the name is pushed onto the path
        // the walk holds and taken back (thousands of modules in libc: no copies).
        let mut spare = name.clone();
        let visits = walk.borrow().len();
        for i in 0..visits {
            let (module, depth, target) = {
                let mut nodes = walk.borrow_mut();
                let (module, depth) = &mut nodes[i];
                module.push(std::mem::take(&mut spare));
                let item = self.by_path.get(module.as_slice()).copied();
                spare = module.pop().unwrap_or_default();
                if item.is_some() {
                    return item;
                }
                if *depth > MAX_LOOKUP_DEPTH {
                    continue;
                }
                let Some(target) = self.scopes.get(module).and_then(|s| s.uses.get(name)) else {
                    continue;
                };
                if target.len() == 1 && target[0] == *name {
                    continue;
                }
                (module.clone(), *depth, target)
            };
            if let Some(item) = self
                .candidates(&module, target, depth + 1)
                .into_iter()
                .find_map(|c| self.lookup(&c, depth + 1))
            {
                return Some(item);
            }
        }
        None
    }

    /// The modules a lookup of a name in `module` visits at `depth`, in order, whatever the
    /// name: `module` itself, then through the aliases its path goes through (`extern crate
    /// libgit2_sys as raw;` reached as `crate::raw::f`), then through its glob re-exports
    /// (`pub use self::ffi::*;`, as -sys crates do), each a few levels deep. A lookup asks each
    /// for the name; the walk is shared by every name (libc's root glob-imports its platform
    /// modules, which glob-import theirs: a lookup there visits thousands of modules).
    fn walk(&self, module: &[String], depth: usize) -> SharedWalk {
        let key = (module.to_vec(), depth);
        if let Some(walk) = self.walks.borrow().get(&key) {
            return walk.clone();
        }
        let mut nodes = Vec::new();
        self.walk_from(module, depth, &mut nodes, &mut FxHashMap::default());
        let walk = Rc::new(RefCell::new(nodes));
        self.walks.borrow_mut().insert(key, walk.clone());
        walk
    }

    /// [`Index::walk`] from `module` at `depth`, onto `nodes`. A module whose visit at the same
    /// depth or less is over (`done`) is not visited again: that visit found nothing (or the
    /// lookup stopped there), and this one would look at no more. One still under way (a cycle
    /// of glob imports) is: what it reaches next comes before the rest of the first visit.
    fn walk_from(
        &self,
        module: &[String],
        depth: usize,
        nodes: &mut Walk,
        done: &mut FxHashMap<Vec<String>, usize>,
    ) {
        if done.get(module).is_some_and(|&d| d <= depth) {
            return;
        }
        nodes.push((module.to_vec(), depth));
        self.walk_children(module, depth, nodes, done);
        let least = done.entry(module.to_vec()).or_insert(depth);
        *least = (*least).min(depth);
    }

    /// The visits [`Index::walk_from`] makes from `module`.
    fn walk_children(
        &self,
        module: &[String],
        depth: usize,
        nodes: &mut Walk,
        done: &mut FxHashMap<Vec<String>, usize>,
    ) {
        if depth > MAX_LOOKUP_DEPTH {
            return;
        }
        // The candidates of `segs` and a name, without the name (it only ever comes last, and
        // no candidate depends on it but a trailing `super`, which names nothing).
        let next = |scope: &[String], segs: &[String], nodes: &mut Walk, done: &mut _| {
            let named: Vec<String> = segs.iter().cloned().chain([String::new()]).collect();
            for mut c in self.candidates(scope, &named, depth + 1) {
                c.pop();
                self.walk_from(&c, depth + 1, nodes, done);
            }
        };
        // A segment may be an alias made in the module before it.
        for i in (0..module.len()).rev() {
            let (scope, seg, rest) = (&module[..i], &module[i], &module[i + 1..]);
            let Some(target) = self.scopes.get(scope).and_then(|s| s.uses.get(seg)) else {
                continue;
            };
            if target.len() == 1 && target[0] == *seg {
                continue;
            }
            let expanded: Vec<String> = target.iter().chain(rest).cloned().collect();
            next(scope, &expanded, nodes, done);
        }
        if depth > 3 {
            return;
        }
        let globs = self.scopes.get(module).map(|s| s.globs.as_slice());
        for glob in globs.unwrap_or_default() {
            next(module, glob, nodes, done);
        }
    }

    fn method_of(&self, ty: &str, name: &str) -> Option<FnId> {
        self.methods
            .get(name)?
            .iter()
            .copied()
            .find(|&f| self.fns[f].self_ty.as_deref() == Some(ty))
    }

    /// Resolves a method call by name, narrowed to `receiver_ty` when known. Several candidates
    /// and no known receiver type leave it unresolved.
    pub fn resolve_method(&self, name: &str, receiver_ty: Option<&str>) -> Option<FnId> {
        let candidates = self.methods.get(name)?;
        if let Some(ty) = receiver_ty
            && let Some(f) = self.method_of(ty, name)
        {
            return Some(f);
        }
        match candidates.as_slice() {
            [only] => Some(*only),
            _ => None,
        }
    }
}

struct Collector<'i, 'a> {
    index: &'i mut Index<'a>,
    file: FileId,
    /// The files: the file's text, to tell the bodies that may hold items, and its line
    /// starts (see [`crate::source::byte_range`]), asked for only where a position is needed:
    /// a skeleton seldom has one, and building every file's table costs as much as lexing it.
    db: &'i SourceDb,
    module: Vec<String>,
    self_ty: Option<String>,
    /// The function whose body is being walked, for the `use` declarations inside it.
    body_of: Option<FnId>,
}

/// The keywords that start the items [`Collector`] reads (after attributes, visibility and
/// qualifiers such as `unsafe`): a body whose text has none of them as a word holds none.
const ITEM_KEYWORDS: [&str; 11] = [
    "fn", "impl", "trait", "struct", "enum", "union", "type", "static", "use", "extern", "mod",
];

/// Whether `text` has one of [`ITEM_KEYWORDS`] as a word (in a string or a comment too: that
/// only costs a walk).
fn may_hold_items(text: &str) -> bool {
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
    let mut i = 0;
    while i < bytes.len() {
        if !word(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && word(bytes[i]) {
            i += 1;
        }
        if ITEM_KEYWORDS.contains(&&text[start..i]) {
            return true;
        }
    }
    false
}

/// The identifiers of a path, e.g. `["ffi", "register"]` for `ffi::register`.
pub fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// A name that is a type by C and Rust naming conventions: `Error`, `pid_t`, `c_int`.
fn type_like(name: &str) -> bool {
    const PRIMITIVES: [&str; 17] = [
        "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
        "f32", "f64", "bool", "char", "str",
    ];
    name.starts_with(|c: char| c.is_ascii_uppercase())
        || name.ends_with("_t")
        || name.starts_with("c_")
        || PRIMITIVES.contains(&name)
}

/// The last segment's name of a type, e.g. `Window` for `crate::win::Window<'a>`.
pub fn type_name(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => type_name(&r.elem),
        syn::Type::Paren(p) => type_name(&p.elem),
        syn::Type::Group(g) => type_name(&g.elem),
        _ => None,
    }
}

impl<'a> Collector<'_, 'a> {
    /// Walks a function's body for the items inside it (nested functions, `impl`s, imports,
    /// types, statics), unless its text holds none: most bodies do not, and walking every
    /// expression of every body was half of building the index.
    fn body(&mut self, block: &'a syn::Block, range: std::ops::Range<usize>) {
        if self
            .db
            .text(self.file)
            .get(range)
            .is_none_or(may_hold_items)
        {
            self.visit_block(block);
        }
    }

    fn add_fn(&mut self, sig: &'a syn::Signature, block: &'a syn::Block) {
        let name = sig.ident.to_string();
        let display = match &self.self_ty {
            Some(t) => format!("{t}::{name}"),
            None => {
                let mut parts: Vec<&str> = self
                    .module
                    .iter()
                    .filter(|s| !s.starts_with('{'))
                    .map(String::as_str)
                    .collect();
                parts.push(&name);
                parts.join("::")
            }
        };
        let id = self.index.fns.len();
        self.index.fns.push(FnDef {
            name: name.clone(),
            display,
            module: self.module.clone(),
            self_ty: self.self_ty.clone(),
            sig,
            block,
            body: block_range(block, self.db.lines(self.file)),
            file: self.file,
        });
        let mut path = self.module.clone();
        if let Some(t) = &self.self_ty {
            path.push(t.clone());
            self.index.methods.entry(name.clone()).or_default().push(id);
        }
        path.push(name);
        self.index.by_path.entry(path).or_insert(Item::Fn(id));
        self.index.fn_at.insert(block, id);
    }

    /// Walks the body of a function [`Collector::add_fn`] added, as that function's (for the
    /// `use` declarations inside it).
    fn fn_body(&mut self, block: &'a syn::Block) {
        let func = self.index.fn_at.get(&std::ptr::from_ref(block)).copied();
        let range = match func {
            Some(f) => self.index.fns[f].body.clone(),
            None => block_range(block, self.db.lines(self.file)),
        };
        let outer = std::mem::replace(&mut self.body_of, func);
        self.body(block, range);
        self.body_of = outer;
    }

    /// Records an import `local -> target` in the scope of the function whose body holds it, or
    /// else of the module.
    fn add_import(&mut self, local: String, target: Vec<String>) {
        match self.body_of {
            Some(f) => {
                self.index
                    .block_uses
                    .entry(f)
                    .or_default()
                    .insert(local, target);
            }
            None => {
                self.scope().uses.insert(local, target);
            }
        }
    }

    fn add_type(&mut self, ident: &syn::Ident) {
        let mut path = self.module.clone();
        path.push(ident.to_string());
        self.index.types.insert(path);
    }

    fn add_static(&mut self, ident: &syn::Ident) {
        let id = self.index.statics.len();
        self.index.statics.push(StaticDef {
            name: ident.to_string(),
            span: Span::in_file(self.file, self.db.lines(self.file), ident.span()),
        });
        let mut path = self.module.clone();
        path.push(ident.to_string());
        self.index.by_path.entry(path).or_insert(Item::Static(id));
    }

    fn add_use(&mut self, tree: &syn::UseTree, prefix: &mut Vec<String>) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.add_use(&p.tree, prefix);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let name = n.ident.to_string();
                let mut target = prefix.clone();
                if name != "self" {
                    target.push(name.clone());
                }
                let local = if name == "self" {
                    prefix.last().cloned().unwrap_or_default()
                } else {
                    name
                };
                self.add_import(local, target);
            }
            syn::UseTree::Rename(r) => {
                let mut target = prefix.clone();
                if r.ident != "self" {
                    target.push(r.ident.to_string());
                }
                self.add_import(r.rename.to_string(), target);
            }
            syn::UseTree::Glob(_) => {
                let p = prefix.clone();
                self.scope().globs.push(p);
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.add_use(t, prefix);
                }
            }
        }
    }

    fn scope(&mut self) -> &mut Scope {
        self.index.scopes.entry(self.module.clone()).or_default()
    }
}

impl<'ast: 'a, 'a> Visit<'ast> for Collector<'_, 'a> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        let outer = self.self_ty.take();
        self.add_fn(&f.sig, &f.block);
        self.fn_body(&f.block);
        self.self_ty = outer;
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        let outer = std::mem::replace(&mut self.self_ty, type_name(&i.self_ty));
        syn::visit::visit_item_impl(self, i);
        self.self_ty = outer;
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add_fn(&f.sig, &f.block);
        self.fn_body(&f.block);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            self.fn_body(block);
        }
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        let outer = self.self_ty.replace(t.ident.to_string());
        for item in &t.items {
            if let syn::TraitItem::Fn(f) = item
                && let Some(block) = &f.default
            {
                self.add_fn(&f.sig, block);
            }
        }
        syn::visit::visit_item_trait(self, t);
        self.self_ty = outer;
    }

    fn visit_item(&mut self, i: &'ast syn::Item) {
        let ty = match i {
            syn::Item::Struct(s) => Some(&s.ident),
            syn::Item::Enum(e) => Some(&e.ident),
            syn::Item::Union(u) => Some(&u.ident),
            syn::Item::Type(t) => Some(&t.ident),
            syn::Item::Trait(t) => Some(&t.ident),
            _ => None,
        };
        if let Some(ident) = ty {
            self.add_type(ident);
        }
        syn::visit::visit_item(self, i);
    }

    fn visit_item_struct(&mut self, s: &'ast syn::ItemStruct) {
        // Tuple structs only: the function view keeps them whole, and hollows structs with
        // named fields (see `prefilter::functions`).
        let syn::Fields::Unnamed(fields) = &s.fields else {
            return syn::visit::visit_item_struct(self, s);
        };
        for (i, field) in fields.unnamed.iter().enumerate() {
            let ty = type_name(&field.ty);
            self.index
                .fields
                .entry((self.file, s.ident.to_string(), i.to_string()))
                .and_modify(|known| {
                    if *known != ty {
                        *known = None;
                    }
                })
                .or_insert(ty);
        }
        syn::visit::visit_item_struct(self, s);
    }

    fn visit_item_static(&mut self, s: &'ast syn::ItemStatic) {
        self.add_static(&s.ident);
        syn::visit::visit_item_static(self, s);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.add_use(&u.tree, &mut Vec::new());
    }

    fn visit_item_extern_crate(&mut self, e: &'ast syn::ItemExternCrate) {
        // `extern crate libgit2_sys as raw;` makes `raw` an alias of the crate.
        if let Some((_, alias)) = &e.rename {
            let target = vec![e.ident.to_string()];
            self.scope().uses.insert(alias.to_string(), target);
        }
    }

    fn visit_foreign_item_static(&mut self, s: &'ast syn::ForeignItemStatic) {
        self.add_static(&s.ident);
    }
}

/// Every path called as a function, with the module it is called from; inside the arguments
/// of expression and statement macros too, when the lowering reads them.
struct CallPaths<'w> {
    file: FileId,
    module: Vec<String>,
    /// The function whose body is being walked (for its `use` declarations).
    func: Option<FnId>,
    out: Vec<CallPath>,
    macro_args: bool,
    wrappers: &'w HashMap<String, Vec<String>>,
    fn_at: &'w FxHashMap<*const syn::Block, FnId>,
    /// The files, for the file's line starts, asked for only where a call is found (see
    /// [`Collector`]).
    db: &'w SourceDb,
}

/// A path called as a function: the module and function it is called from, the path, and
/// where.
type CallPath = (Vec<String>, Option<FnId>, Vec<String>, Span);

/// The byte range of a block, braces included.
/// `lines`: the file's [`SourceDb::lines`].
fn block_range(block: &syn::Block, lines: Option<Lines<'_>>) -> std::ops::Range<usize> {
    crate::source::byte_range(lines, block.brace_token.span.join())
}

impl CallPaths<'_> {
    fn visit_mac(&mut self, m: &syn::Macro) {
        if !self.macro_args {
            return;
        }
        // A call needs a parenthesis: the arguments of 4,750 of the corpus's 10,960 invocations
        // searched (`println!("{}", x)`, `vec![0; n]`) have none in their text, and are not
        // parsed to learn it.
        let range = crate::source::byte_range(self.db.lines(self.file), m.delimiter.span().join());
        let inner = self
            .db
            .text(self.file)
            .get(range.start + 1..range.end.saturating_sub(1));
        if inner.is_some_and(|t| !t.contains('(')) {
            return;
        }
        let name = m.path.segments.last().map(|s| s.ident.to_string());
        let wrapper = name.and_then(|n| self.wrappers.get(&n));
        let args = crate::macros::args(m, wrapper.map(Vec::as_slice));
        let branches = match args {
            Some(_) => None,
            None => crate::macros::branch_stmts(m),
        };
        // The arguments live here, not in the tree: a visitor of their own lifetime.
        let mut inner = CallPaths {
            file: self.file,
            module: std::mem::take(&mut self.module),
            func: self.func,
            out: std::mem::take(&mut self.out),
            macro_args: true,
            wrappers: self.wrappers,
            fn_at: self.fn_at,
            db: self.db,
        };
        for a in args.iter().flatten() {
            inner.visit_expr(a);
        }
        for s in branches.iter().flatten().flatten() {
            inner.visit_stmt(s);
        }
        self.module = inner.module;
        self.out = inner.out;
    }
}

impl<'ast> Visit<'ast> for CallPaths<'_> {
    fn visit_expr_macro(&mut self, m: &'ast syn::ExprMacro) {
        self.visit_mac(&m.mac);
    }

    fn visit_stmt_macro(&mut self, m: &'ast syn::StmtMacro) {
        self.visit_mac(&m.mac);
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_block(&mut self, b: &'ast syn::Block) {
        // A function's body (of any kind: free, method, trait default) is that function's.
        let outer = self.func;
        if let Some(&f) = self.fn_at.get(&std::ptr::from_ref(b)) {
            self.func = Some(f);
        }
        syn::visit::visit_block(self, b);
        self.func = outer;
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        // `<T as Trait>::f(..)` names a trait's method, never a C function.
        if let syn::Expr::Path(p) = &*c.func
            && p.qself.is_none()
        {
            let span = p
                .path
                .segments
                .last()
                .map(|s| s.ident.span())
                .unwrap_or_else(proc_macro2::Span::call_site);
            self.out.push((
                self.module.clone(),
                self.func,
                segments(&p.path),
                Span::in_file(self.file, self.db.lines(self.file), span),
            ));
        }
        syn::visit::visit_expr_call(self, c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The module of the FFI function `path` resolves to from `module` in a one-file crate.
    fn ffi_module(text: &str, module: &[&str], path: &[&str]) -> Option<String> {
        let mut db = SourceDb::default();
        let ast = syn::parse_file(text).expect("parses");
        let files = [ParsedFile::root(&mut db, "lib.rs", text, ast, true)];
        let ffi = crate::ffi::collect(&db, &files);
        let index = Index::build(
            &db,
            &files,
            ffi,
            None,
            &HashSet::new(),
            false,
            HashMap::new(),
        );
        let strings = |p: &[&str]| p.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        match index.resolve(&strings(module), None, &strings(path))? {
            Item::Ffi(i) => Some(index.ffi[i].module.join("::")),
            _ => None,
        }
    }

    #[test]
    fn glob_re_exports_resolve_to_the_first_definition_met() {
        // libc's root glob-imports every platform module, each of which glob-imports its
        // own: the first glob that leads to the name wins, as written.
        let platforms = "pub use unix::*; pub use windows::*;\n\
             pub mod unix { pub use self::linux::*; pub mod linux { extern \"C\" { pub fn f(); } } }\n\
             pub mod windows { extern \"C\" { pub fn f(); pub fn g(); } }\n\
             mod user { fn call() { unsafe { crate::f(); crate::g() } } }";
        let from = ["user"];
        assert_eq!(
            ffi_module(platforms, &from, &["crate", "f"]).as_deref(),
            Some("unix::linux")
        );
        assert_eq!(
            ffi_module(platforms, &from, &["crate", "g"]).as_deref(),
            Some("windows")
        );
        assert_eq!(ffi_module(platforms, &from, &["crate", "h"]), None);
        // A glob cycle ends; an import renaming the name is followed from where it is met.
        let cycle = "pub mod a { pub use crate::b::*; }\n\
             pub mod b { pub use crate::a::*; pub use crate::sys::g as f; }\n\
             pub mod sys { extern \"C\" { pub fn g(); } }";
        assert_eq!(ffi_module(cycle, &[], &["a", "f"]).as_deref(), Some("sys"));
        assert_eq!(ffi_module(cycle, &[], &["a", "g"]), None);
    }

    #[test]
    fn bodies_without_item_keywords_hold_no_items() {
        assert!(!may_hold_items(
            "{ let typed = unused(x); structure.fnord(modulo) }"
        ));
        for body in [
            "{ fn inner() {} }",
            "{ use std::mem; }",
            "{ struct S; }",
            "{ static N: u8 = 0; }",
            "{ unsafe extern \"C\" { fn f(); } }",
            "{ impl S {} }",
        ] {
            assert!(may_hold_items(body), "{body}");
        }
    }
}
