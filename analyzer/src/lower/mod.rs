//! Lowering: one Rust function body to points-to constraints (Andersen style, field-insensitive).
//!
//! The IR has *variables* (the value of a binding or of an expression: a set of objects it may
//! point to) and *objects* (allocation sites: each `let` binding's stack slot, each temporary,
//! each heap buffer, each parameter's pointee). Every object has a content variable (what is
//! stored in it). Constraints are `Addr` (`v ∋ o`), `Copy` (`dst ⊇ src`), `Load` and `Store`
//! (through the objects a pointer points to). Calls of FFI functions, of Rust functions and
//! stores into statics are recorded as [`Call`]s; the solver turns them into sinks and summary
//! edges.
//!
//! The split follows the syntax: this file holds the IR and the driver (scopes, bindings,
//! parameters); `expr.rs` expressions and places; `calls.rs` calls, method calls and the
//! built-in knowledge of std (`as_ptr`, `Box::into_raw`, ...); `pat.rs` patterns and the kind of
//! a binding (value, reference, heap owner).
//!
//! Macro invocations are not expanded ([`crate::macros`] says what is read): the arguments of
//! one in expression or statement position are lowered as expressions when they parse as
//! comma-separated expressions (`try_call!(raw::f(&mut out))`, `assert!`, `format!`), with a
//! call-wrapping macro's path put before the function it calls; a `cfg_if!` of statements is
//! lowered branch by branch into the enclosing block; any other invocation is recorded in
//! [`Body::skipped_macros`] for `--verbose`.
//!
//! Architecture invariant: lowering knows the syntax and the item index; it knows nothing of
//! summaries, verdicts or lints. Storage and lifetimes are recorded as facts (where an object
//! dies, whether its owner is moved or leaked); deciding what is a bug is the lints' job.

mod calls;
mod expr;
mod pat;
mod span;

use crate::items::{FnId, Index, Item};
use crate::source::{FileId, SourceDb, Span};

/// A value node of the constraint graph.
pub type VarId = usize;
/// An object (allocation site).
pub type ObjId = usize;
/// A binding (`let`, parameter, pattern identifier).
pub type BindingId = usize;

/// Where an object lives, which decides whether a pointer to it may outlive the frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Storage {
    /// A stack slot: dies at the end of its scope.
    Stack,
    /// A temporary: dies at the end of its temporary scope (statement, match arm, closure).
    Temporary,
    /// A heap buffer owned by a binding: freed when the owner drops.
    Heap,
    /// A static or a literal: never dies.
    Static,
    /// The pointee of parameter N: owned by the caller.
    Param(usize),
    /// What the pointee of parameter N points to: owned by the caller.
    ParamContent(usize),
}

/// An allocation site.
#[derive(Clone, Debug)]
pub struct Object {
    /// Binding name, or the source of a temporary.
    pub name: String,
    /// Its storage.
    pub storage: Storage,
    /// Where it is declared.
    pub decl: Span,
    /// Where it dies (the closing brace or semicolon ending its scope), if it dies in this frame.
    pub dies: Option<Span>,
    /// The binding that owns a heap buffer, or whose stack slot this is.
    pub owner: Option<BindingId>,
    /// Leaked on purpose (`Box::into_raw`, `mem::forget`, ...).
    pub leaked: Option<Span>,
    /// What the object contains.
    pub content: VarId,
    /// The object is the receiver `self`.
    pub is_self: bool,
}

/// How a binding holds its value, which decides what `&b[..]`, `b.as_ptr()` and auto-ref point to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A value stored in the binding's own slot (struct, array, integer).
    Value,
    /// A reference or raw pointer.
    Ref,
    /// An owner of a heap buffer (`Box`, `Vec`, `String`, `CString`).
    Heap,
    /// Not known: treated like a reference for dereferences, never assumed to be a stack value.
    Unknown,
}

/// A binding.
#[derive(Clone, Debug)]
pub struct Binding {
    /// Its name.
    pub name: String,
    /// Its stack slot.
    pub obj: ObjId,
    /// Its value (the content of its slot).
    pub var: VarId,
    /// How it holds its value.
    pub kind: Kind,
    /// Its type name when visible.
    pub ty: Option<String>,
    /// Where it is moved out by value, first occurrence.
    pub moved: Option<Span>,
    /// Where it is returned by value (tail expression or `return`), first occurrence.
    pub returned: Option<Span>,
    /// Where it is dropped explicitly (`drop(b)`).
    pub dropped: Option<Span>,
    /// The return value of the closure it is bound to.
    pub closure_ret: Option<VarId>,
    /// It holds a raw pointer, an integer, a float, a bool, or a `MaybeUninit` of those:
    /// `&mut` of it handed to C is an out-parameter.
    pub scalar: bool,
    /// Its declared type is `Option<T>`, and `kind` and `ty` are `T`'s: the closure of
    /// `b.map_or(.., |p| ..)` gets a `T`.
    pub option: bool,
}

/// A points-to constraint.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Constraint {
    /// `var ∋ obj`.
    Addr(VarId, ObjId),
    /// `dst ⊇ src`.
    Copy(VarId, VarId),
    /// `dst ⊇ content(o)` for each `o` in `ptr`.
    Load(VarId, VarId),
    /// `content(o) ⊇ src` for each `o` in `ptr`.
    Store(VarId, VarId),
}

/// What a call calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callee {
    /// An FFI function (index into the item index's `ffi`).
    Ffi(usize),
    /// A Rust function with a summary.
    Rust(FnId),
    /// A store into a static (index into the item index's `statics`).
    Static(usize),
}

/// An argument of a call.
#[derive(Clone, Debug)]
pub struct Arg {
    /// Its value.
    pub var: VarId,
    /// What its pointees contain (for summaries that leak a parameter's content).
    pub deep: VarId,
    /// The argument expression.
    pub span: Span,
    /// The scalar local whose address this argument is (`&mut n`, `out.as_mut_ptr()`): an
    /// out-parameter, unless a contract says otherwise.
    pub out_param: Option<String>,
    /// The constant the argument names, for value-dependent contracts: the last segment of a
    /// path (`SQLITE_STATIC`, `CURLOPT_POSTFIELDS`, `None`) or of a called function's path
    /// (`SQLITE_TRANSIENT()`), or a literal's text (`0`, `-1`); casts and parentheses are seen
    /// through.
    pub key: Option<String>,
}

/// A call of interest to the solver.
#[derive(Clone, Debug)]
pub struct Call {
    /// The callee.
    pub callee: Callee,
    /// The whole call expression.
    pub span: Span,
    /// The arguments (the receiver first for methods).
    pub args: Vec<Arg>,
    /// The call's value.
    pub result: VarId,
    /// Arguments that are Rust functions or closures (callbacks), with their names.
    pub callbacks: Vec<(usize, String)>,
}

/// A parameter of the function.
#[derive(Clone, Debug)]
pub struct Param {
    /// Its name (`self` for the receiver).
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// The caller-owned object its value points to.
    pub pointee: ObjId,
    /// What that object points to.
    pub content: ObjId,
}

/// A lowered function.
#[derive(Clone, Debug)]
pub struct Body {
    /// The function.
    pub func: FnId,
    /// Its file.
    pub file: FileId,
    /// Objects.
    pub objects: Vec<Object>,
    /// Bindings.
    pub bindings: Vec<Binding>,
    /// Number of variables.
    pub nvars: usize,
    /// Constraints.
    pub constraints: Vec<Constraint>,
    /// Calls of FFI and Rust functions, stores into statics.
    pub calls: Vec<Call>,
    /// The return value.
    pub ret: VarId,
    /// Parameters.
    pub params: Vec<Param>,
    /// Calls that resolved to nothing (name, call span), for `--verbose`.
    pub unresolved: Vec<(String, Span)>,
    /// Macro invocations whose tokens do not parse as expressions (name, span), for
    /// `--verbose`: their arguments are not analyzed.
    pub skipped_macros: Vec<(String, Span)>,
}

impl Body {
    /// A body with nothing in it yet.
    fn empty(func: FnId, file: FileId) -> Body {
        Body {
            func,
            file,
            objects: Vec::new(),
            bindings: Vec::new(),
            nvars: 0,
            constraints: Vec::new(),
            calls: Vec::new(),
            ret: 0,
            params: Vec::new(),
            unresolved: Vec::new(),
            skipped_macros: Vec::new(),
        }
    }
}

/// The value of an expression.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Val {
    var: VarId,
    /// The heap buffers this expression allocates (temporaries until a `let` adopts them):
    /// an index into `Lower::groups`. Several when arms of a `match` or `if` each allocate.
    owned: Option<usize>,
    /// For a closure: its return value.
    closure_ret: Option<VarId>,
}

struct Frame {
    names: Vec<(String, BindingId)>,
    end: Span,
}

pub(crate) struct Lower<'i, 'a> {
    index: &'i Index<'a>,
    module: &'i [String],
    self_ty: Option<&'i str>,
    file: FileId,
    text: &'i str,
    /// The file's line starts (see [`crate::source::byte_range`]).
    lines: Option<crate::source::Lines<'i>>,
    body: Body,
    frames: Vec<Frame>,
    temp_ends: Vec<Span>,
    statics: std::collections::HashMap<usize, ObjId>,
    /// Ownership groups: buffers, and whether the value is itself a pointer to them (a `Box`,
    /// `Vec`, `String`...) rather than a value holding owners (a struct literal).
    groups: Vec<(Vec<ObjId>, bool)>,
    /// Lower the arguments of macro invocations (see [`crate::macros::args`]).
    macro_args: bool,
}

/// The body of a function that is not lowered (it cannot reach C, see
/// [`crate::prefilter`]): no objects, no calls, nothing flows.
pub fn skipped(func: FnId, file: FileId) -> Body {
    // One variable: the return value.
    Body {
        nvars: 1,
        ..Body::empty(func, file)
    }
}

/// Lowers function `func` of the index.
/// `db` holds the function's file (its text, and its line table for spans); `macro_args`:
/// lower the arguments of macro invocations that parse as expressions.
pub fn lower_fn(index: &Index<'_>, func: FnId, db: &SourceDb, macro_args: bool) -> Body {
    let def = &index.fns[func];
    let file = def.file;
    let (text, lines) = (db.text(file), db.lines(file));
    let end = Span::in_file(file, lines, def.block.brace_token.span.close());
    let mut l = Lower {
        index,
        module: &def.module,
        self_ty: def.self_ty.as_deref(),
        file,
        text,
        lines,
        body: Body::empty(func, file),
        frames: vec![Frame {
            names: Vec::new(),
            end,
        }],
        temp_ends: vec![end],
        statics: std::collections::HashMap::new(),
        groups: Vec::new(),
        macro_args,
    };
    l.body.ret = l.fresh();
    for (i, input) in def.sig.inputs.iter().enumerate() {
        l.param(i, input);
    }
    let tail = l.block_inner(def.block, true);
    let ret = l.body.ret;
    l.copy(ret, tail.var);
    l.body
}

impl<'i, 'a> Lower<'i, 'a> {
    fn span(&self, s: proc_macro2::Span) -> Span {
        Span::in_file(self.file, self.lines, s)
    }

    /// What a path named in this body resolves to (the body's own `use` items and `extern`
    /// blocks first, see [`Index::resolve_in`]).
    fn resolve(&self, segs: &[String]) -> Option<Item> {
        self.index
            .resolve_in(self.body.func, self.module, self.self_ty, segs)
    }

    fn fresh(&mut self) -> VarId {
        self.body.nvars += 1;
        self.body.nvars - 1
    }

    fn push(&mut self, c: Constraint) {
        self.body.constraints.push(c);
    }

    fn copy(&mut self, dst: VarId, src: VarId) {
        if dst != src {
            self.push(Constraint::Copy(dst, src));
        }
    }

    /// A fresh variable pointing to `obj`.
    fn addr(&mut self, obj: ObjId) -> VarId {
        let v = self.fresh();
        self.push(Constraint::Addr(v, obj));
        v
    }

    fn val(var: VarId) -> Val {
        Val {
            var,
            owned: None,
            closure_ret: None,
        }
    }

    fn empty(&mut self) -> Val {
        let v = self.fresh();
        Self::val(v)
    }

    fn new_object(
        &mut self,
        name: String,
        storage: Storage,
        decl: Span,
        dies: Option<Span>,
    ) -> ObjId {
        let content = self.fresh();
        self.body.objects.push(Object {
            name,
            storage,
            decl,
            dies,
            owner: None,
            leaked: None,
            content,
            is_self: false,
        });
        self.body.objects.len() - 1
    }

    /// A temporary object dying at the end of the current temporary scope.
    fn temporary(&mut self, span: Span) -> ObjId {
        let name = short(&self.snippet(span));
        let dies = self.temp_ends.last().copied();
        self.new_object(name, Storage::Temporary, span, dies)
    }

    fn snippet(&self, span: Span) -> String {
        self.text.get(span.start..span.end).unwrap_or("").to_owned()
    }

    fn frame_end(&self) -> Span {
        self.frames
            .last()
            .map(|f| f.end)
            .expect("a frame is always open")
    }

    /// A new binding in the innermost scope.
    fn new_binding(
        &mut self,
        name: String,
        decl: Span,
        kind: Kind,
        ty: Option<String>,
    ) -> BindingId {
        let dies = Some(self.frame_end());
        let obj = self.new_object(name.clone(), Storage::Stack, decl, dies);
        let var = self.body.objects[obj].content;
        let id = self.body.bindings.len();
        self.body.objects[obj].owner = Some(id);
        self.body.objects[obj].is_self = name == "self";
        self.body.bindings.push(Binding {
            name: name.clone(),
            obj,
            var,
            kind,
            ty,
            moved: None,
            returned: None,
            dropped: None,
            closure_ret: None,
            scalar: false,
            option: false,
        });
        self.frames
            .last_mut()
            .expect("a frame is always open")
            .names
            .push((name, id));
        id
    }

    /// Gives a heap buffer to binding `b`: it now dies with `b`'s scope unless `b` is moved out.
    fn adopt(&mut self, h: ObjId, b: BindingId, decl: Span) {
        // The binding's own scope, which may be outside the current one (`let x; { x = .. }`).
        let dies = self.body.objects[self.body.bindings[b].obj].dies;
        let name = self.body.bindings[b].name.clone();
        let o = &mut self.body.objects[h];
        o.storage = Storage::Heap;
        o.owner = Some(b);
        o.dies = dies;
        o.name = name;
        o.decl = decl;
    }

    /// The buffers of an ownership group.
    fn group(&self, g: Option<usize>) -> Vec<ObjId> {
        g.map(|g| self.groups[g].0.clone()).unwrap_or_default()
    }

    /// Merges ownership groups (the arms of a `match` or `if`). The buffers are moved out of
    /// the arms, so they now die at the end of the enclosing temporary scope.
    fn merge_groups(&mut self, gs: &[Option<usize>]) -> Option<usize> {
        let heap = gs.iter().flatten().any(|&g| self.groups[g].1);
        self.merge_groups_as(gs, heap)
    }

    /// Merges ownership groups into one whose value is a heap pointer when `heap`.
    fn merge_groups_as(&mut self, gs: &[Option<usize>], heap: bool) -> Option<usize> {
        let all: Vec<ObjId> = gs.iter().flat_map(|g| self.group(*g)).collect();
        if all.is_empty() {
            return None;
        }
        let dies = self.temp_ends.last().copied();
        for &h in &all {
            self.body.objects[h].dies = dies;
        }
        self.groups.push((all, heap));
        Some(self.groups.len() - 1)
    }

    /// Whether a value is itself a pointer to the heap buffers it owns.
    fn is_heap(&self, v: &Val) -> bool {
        v.owned.is_some_and(|g| self.groups[g].1)
    }

    fn lookup(&self, name: &str) -> Option<BindingId> {
        self.frames
            .iter()
            .rev()
            .flat_map(|f| f.names.iter().rev())
            .find(|(n, _)| n == name)
            .map(|(_, b)| *b)
    }

    fn param(&mut self, i: usize, input: &syn::FnArg) {
        let (name, span, kind, ty) = match input {
            syn::FnArg::Receiver(r) => {
                let kind = match &r.kind {
                    syn::ReceiverKind::Reference(..) => Kind::Ref,
                    syn::ReceiverKind::Typed(_, ty) => pat::classify_type(ty, self.self_ty).0,
                    _ => Kind::Value,
                };
                (
                    "self".to_owned(),
                    self.span(r.self_token.span),
                    kind,
                    self.self_ty.map(str::to_owned),
                )
            }
            syn::FnArg::Typed(pt) => {
                let name = match &*pt.pat {
                    syn::Pat::Ident(id) => id.ident.to_string(),
                    _ => format!("arg{i}"),
                };
                let (kind, ty) = pat::classify_type(&pt.ty, self.self_ty);
                (
                    name,
                    self.span(syn::spanned::Spanned::span(&pt.pat)),
                    kind,
                    ty,
                )
            }
        };
        let content = self.new_object(format!("*{name}"), Storage::ParamContent(i), span, None);
        let pointee = self.new_object(name.clone(), Storage::Param(i), span, None);
        let pc = self.body.objects[pointee].content;
        self.push(Constraint::Addr(pc, content));
        self.body.params.push(Param {
            name: name.clone(),
            span,
            pointee,
            content,
        });
        let value = self.addr(pointee);
        match input {
            syn::FnArg::Receiver(_) => {
                let b = self.new_binding(name, span, kind, ty);
                self.bind_value(b, Self::val(value), span);
            }
            syn::FnArg::Typed(pt) => {
                self.bind_pat(&pt.pat, Self::val(value), Some((kind, ty)));
                self.mark_option(&pt.pat, &pt.ty);
            }
        }
    }

    /// Notes that the binding `pat` makes has a declared `Option<T>` type.
    fn mark_option(&mut self, pat: &syn::Pat, ty: &syn::Type) {
        if let syn::Pat::Ident(id) = pat
            && pat::is_option(ty)
            && let Some(b) = self.lookup(&id.ident.to_string())
        {
            self.body.bindings[b].option = true;
        }
    }

    /// Sets a fresh binding's value; a heap owner gets its buffer.
    fn bind_value(&mut self, b: BindingId, v: Val, decl: Span) {
        let var = self.body.bindings[b].var;
        let owned = self.group(v.owned);
        if owned.is_empty() && self.body.bindings[b].kind == Kind::Heap {
            let h = self.new_object(String::new(), Storage::Heap, decl, None);
            self.push(Constraint::Addr(var, h));
            self.adopt(h, b, decl);
        }
        // A struct holding a `Box` owns it too: the buffer dies with the binding.
        for h in owned {
            self.adopt(h, b, decl);
        }
        self.body.bindings[b].closure_ret = v.closure_ret;
        self.copy(var, v.var);
    }

    fn block(&mut self, b: &syn::Block) -> Val {
        self.block_inner(b, false)
    }

    /// Lowers a block; its tail expression is moved out of it (out of the function when
    /// `fn_body`), which is noted before the block's bindings go out of scope.
    fn block_inner(&mut self, b: &syn::Block, fn_body: bool) -> Val {
        let end = self.span(b.brace_token.span.close());
        self.frames.push(Frame {
            names: Vec::new(),
            end,
        });
        let tail = self.stmts(&b.stmts, end, fn_body);
        self.frames.pop();
        tail.unwrap_or_else(|| self.empty())
    }

    /// Lowers statements into the current frame; `end` ends the temporaries of a tail
    /// expression, whose value is returned.
    pub(crate) fn stmts(&mut self, stmts: &[syn::Stmt], end: Span, fn_body: bool) -> Option<Val> {
        let mut tail = None;
        let n = stmts.len();
        for (i, stmt) in stmts.iter().enumerate() {
            match stmt {
                syn::Stmt::Local(l) => self.local(l),
                syn::Stmt::Item(_) => {}
                syn::Stmt::Expr(e, semi) => {
                    let end = semi.map(|s| self.span(s.span)).unwrap_or(end);
                    self.temp_ends.push(end);
                    let v = self.expr(e);
                    self.temp_ends.pop();
                    if i + 1 == n && semi.is_none() {
                        self.note_move(e, fn_body);
                        tail = Some(v);
                    }
                }
                syn::Stmt::Macro(m) => {
                    let end = m.semi_token.map(|s| self.span(s.span)).unwrap_or(end);
                    self.temp_ends.push(end);
                    let v = self.mac(&m.mac);
                    self.temp_ends.pop();
                    if i + 1 == n && m.semi_token.is_none() {
                        tail = Some(v);
                    }
                }
            }
        }
        tail
    }

    fn local(&mut self, l: &syn::Local) {
        let end = self.span(l.semi_token.span);
        self.temp_ends.push(end);
        let init = l.init.as_ref().map(|init| {
            let v = self.let_init(&init.expr);
            if let Some((_, diverge)) = &init.diverge {
                self.expr(diverge);
            }
            v
        });
        self.temp_ends.pop();
        match init {
            Some((v, kind)) => self.bind_pat(&l.pat, v, Some(kind)),
            None => {
                let v = self.empty();
                self.bind_pat(&l.pat, v, None)
            }
        }
        if let Some(init) = &l.init {
            self.note_move(&init.expr, false);
        }
        self.mark_scalars(&l.pat, None, l.init.as_ref().map(|i| &*i.expr));
    }

    /// Marks the bindings of a `let` that hold a scalar: `let mut out = ptr::null_mut();`,
    /// `let mut n: u32 = 0;`, and element by element `let (mut w, mut h) = (0, 0);` or
    /// `let (a, b): (i32, u8);`.
    fn mark_scalars(&mut self, pat: &syn::Pat, ty: Option<&syn::Type>, init: Option<&syn::Expr>) {
        match pat {
            syn::Pat::Type(pt) => self.mark_scalars(&pt.pat, Some(&pt.ty), init),
            syn::Pat::Ident(id) if id.subpat.is_none() => {
                if (ty.is_some_and(pat::is_scalar_type) || init.is_some_and(pat::is_scalar_init))
                    && let Some(b) = self.lookup(&id.ident.to_string())
                {
                    self.body.bindings[b].scalar = true;
                }
            }
            syn::Pat::Tuple(t) => {
                let tys = match ty {
                    Some(syn::Type::Tuple(tt)) if tt.elems.len() == t.elems.len() => {
                        tt.elems.iter().map(Some).collect()
                    }
                    _ => vec![None; t.elems.len()],
                };
                let inits = match init.map(pat::strip) {
                    Some(syn::Expr::Tuple(et)) if et.elems.len() == t.elems.len() => {
                        et.elems.iter().map(Some).collect()
                    }
                    _ => vec![None; t.elems.len()],
                };
                for ((p, ty), init) in t.elems.iter().zip(tys).zip(inits) {
                    self.mark_scalars(p, ty, init);
                }
            }
            _ => {}
        }
    }

    /// Records that `value` flows out of the function (tail or `return`).
    fn flow_out(&mut self, v: Val, ret: VarId, e: Option<&syn::Expr>) {
        self.copy(ret, v.var);
        if let Some(e) = e {
            self.note_move(e, true);
        }
    }
}

/// Shortens source text for a message.
fn short(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 40 {
        let cut: String = one_line.chars().take(37).collect();
        format!("{cut}...")
    } else {
        one_line
    }
}
