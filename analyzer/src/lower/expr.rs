//! Expressions and places.
//!
//! `expr` gives the value of an expression (what it may point to); `place` gives the objects a
//! place expression denotes (what `&place` points to); `autoderef` gives what a field access,
//! an index or a method's auto-reference reaches through the base (the slot of a stack value,
//! the buffer of a heap owner, the pointee of a reference).

use syn::spanned::Spanned;

use super::pat::{is_constant, strip};
use super::span::{closure_span, expr_span};
use super::{Constraint, Kind, Lower, ObjId, Storage, Val, VarId};
use crate::items::{Item, segments};

impl Lower<'_, '_> {
    /// The value of an expression.
    pub(super) fn expr(&mut self, e: &syn::Expr) -> Val {
        match e {
            syn::Expr::Array(a) => self.aggregate(&a.elems),
            syn::Expr::Tuple(t) => self.aggregate(&t.elems),
            syn::Expr::Repeat(r) => {
                // `[Vec::new(); 4]`: the array owns the buffers of its elements.
                let x = self.expr(&r.expr);
                let owned = self.merge_groups_as(&[x.owned], false);
                Val {
                    var: x.var,
                    owned,
                    closure_ret: None,
                }
            }
            syn::Expr::Assign(a) => {
                self.assign(&a.left, &a.right);
                self.empty()
            }
            syn::Expr::Async(a) => {
                self.block(&a.block);
                self.empty()
            }
            syn::Expr::Await(a) => {
                self.expr(&a.base);
                self.empty()
            }
            syn::Expr::Binary(b) => {
                let l = self.expr(&b.left);
                let r = self.expr(&b.right);
                if matches!(
                    b.op,
                    syn::BinOp::Add(_)
                        | syn::BinOp::Sub(_)
                        | syn::BinOp::BitOr(_)
                        | syn::BinOp::BitAnd(_)
                ) {
                    let v = self.fresh();
                    self.copy(v, l.var);
                    self.copy(v, r.var);
                    Self::val(v)
                } else if let syn::BinOp::AddAssign(_) | syn::BinOp::SubAssign(_) = b.op {
                    if let Some(p) = self.place(&b.left) {
                        self.push(Constraint::Store(p, r.var));
                    }
                    self.empty()
                } else {
                    self.empty()
                }
            }
            syn::Expr::Block(b) => self.block(&b.block),
            syn::Expr::Unsafe(u) => self.block(&u.block),
            syn::Expr::Const(c) => self.block(&c.block),
            syn::Expr::TryBlock(t) => self.block(&t.block),
            syn::Expr::Loop(l) => {
                self.block(&l.body);
                self.empty()
            }
            syn::Expr::While(w) => {
                let end = self.span(w.body.brace_token.span.close());
                self.frames.push(super::Frame {
                    names: Vec::new(),
                    end,
                });
                self.cond(&w.cond);
                self.block(&w.body);
                self.frames.pop();
                self.empty()
            }
            syn::Expr::ForLoop(f) => {
                let it = self.expr(&f.expr);
                let end = self.span(f.body.brace_token.span.close());
                self.frames.push(super::Frame {
                    names: Vec::new(),
                    end,
                });
                let elem = self.fresh();
                self.copy(elem, it.var);
                self.push(Constraint::Load(elem, it.var));
                self.bind_pat(&f.pat, Self::val(elem), None);
                self.block(&f.body);
                self.frames.pop();
                self.empty()
            }
            syn::Expr::Break(b) => {
                if let Some(e) = &b.expr {
                    self.expr(e);
                }
                self.empty()
            }
            syn::Expr::Return(r) => {
                if let Some(e) = &r.expr {
                    let v = self.expr(e);
                    let ret = self.body.ret;
                    self.flow_out(v, ret, Some(e));
                }
                self.empty()
            }
            syn::Expr::Yield(y) => {
                if let Some(e) = &y.expr {
                    self.expr(e);
                }
                self.empty()
            }
            syn::Expr::Call(c) => self.call(c),
            syn::Expr::MethodCall(m) => self.method_call(m),
            syn::Expr::Cast(c) => {
                // `&mut s as *mut String`: a cast never deref-coerces, so this is the address of
                // the owner itself (its stack slot), not of its buffer.
                if let syn::Expr::Reference(r) = strip(&c.expr)
                    && let Some(b) = self
                        .binding_of(&r.expr)
                        .filter(|&b| self.body.bindings[b].kind == Kind::Heap)
                {
                    let obj = self.body.bindings[b].obj;
                    let v = self.addr(obj);
                    return Self::val(v);
                }
                // `Box::new(cb) as Box<dyn Fn()>` is still the same owner.
                let v = self.expr(&c.expr);
                Val {
                    closure_ret: None,
                    ..v
                }
            }
            syn::Expr::Closure(c) => {
                // What the closure allocates and returns belongs to each caller, not to the
                // closure's frame: it outlives the closure body (`|c| Box::new(S { c })`).
                let (closure, body) = self.closure(c, None);
                let span = self.span(closure_span(c));
                for h in self.group(body.owned) {
                    self.body.objects[h].leaked.get_or_insert(span);
                }
                closure
            }
            syn::Expr::Field(f) => {
                let base = self.autoderef(&f.base);
                let v = self.fresh();
                self.push(Constraint::Load(v, base));
                Self::val(v)
            }
            syn::Expr::Index(i) => {
                self.expr(&i.index);
                let base = self.autoderef(&i.expr);
                let v = self.fresh();
                self.push(Constraint::Load(v, base));
                Self::val(v)
            }
            syn::Expr::Group(g) => self.expr(&g.expr),
            syn::Expr::Paren(p) => self.expr(&p.expr),
            syn::Expr::Try(t) => self.expr(&t.expr),
            syn::Expr::If(i) => {
                let end = self.span(i.then_branch.brace_token.span.close());
                self.frames.push(super::Frame {
                    names: Vec::new(),
                    end,
                });
                self.cond(&i.cond);
                let then = self.block(&i.then_branch);
                self.frames.pop();
                let v = self.fresh();
                self.copy(v, then.var);
                let mut groups = vec![then.owned];
                if let Some((_, e)) = &i.else_branch {
                    let x = self.expr(e);
                    self.copy(v, x.var);
                    groups.push(x.owned);
                }
                let owned = self.merge_groups(&groups);
                Val {
                    var: v,
                    owned,
                    closure_ret: None,
                }
            }
            syn::Expr::Let(l) => {
                let v = self.expr(&l.expr);
                self.bind_pat(&l.pat, Self::val(v.var), None);
                self.empty()
            }
            syn::Expr::Lit(l) => match &l.lit {
                syn::Lit::Str(_) | syn::Lit::ByteStr(_) | syn::Lit::CStr(_) => {
                    let span = self.span(l.span());
                    self.static_value(span)
                }
                _ => self.empty(),
            },
            syn::Expr::Macro(m) => self.mac(&m.mac),
            syn::Expr::Match(m) => {
                let scrutinee = self.expr(&m.expr);
                let v = self.fresh();
                // `match CString::new(s) { Ok(s) => s, .. }` moves the buffer out of the
                // scrutinee: the result may own what the scrutinee owned.
                let mut groups = vec![scrutinee.owned];
                for arm in &m.arms {
                    let end = self.span(expr_span(&arm.body)).at_end();
                    self.frames.push(super::Frame {
                        names: Vec::new(),
                        end,
                    });
                    self.temp_ends.push(end);
                    self.bind_pat(&arm.pat, Self::val(scrutinee.var), None);
                    let body = self.expr(&arm.body);
                    self.copy(v, body.var);
                    groups.push(body.owned);
                    self.temp_ends.pop();
                    self.frames.pop();
                }
                let owned = self.merge_groups(&groups);
                Val {
                    var: v,
                    owned,
                    closure_ret: None,
                }
            }
            syn::Expr::Path(p) => self.path_value(p),
            syn::Expr::Range(r) => {
                if let Some(s) = &r.start {
                    self.expr(s);
                }
                if let Some(e) = &r.end {
                    self.expr(e);
                }
                self.empty()
            }
            syn::Expr::RawAddr(r) => {
                let span = self.span(expr_span(e));
                self.addr_of(&r.expr, span)
            }
            syn::Expr::Reference(r) => {
                let span = self.span(expr_span(e));
                self.addr_of(&r.expr, span)
            }
            syn::Expr::Struct(s) => {
                let v = self.fresh();
                let mut groups = Vec::new();
                for f in &s.fields {
                    let x = self.expr(&f.expr);
                    self.copy(v, x.var);
                    self.note_move(&f.expr, false);
                    groups.push(x.owned);
                }
                if let Some(rest) = &s.rest {
                    let x = self.expr(rest);
                    self.copy(v, x.var);
                }
                // The struct owns the buffers moved into its fields.
                let owned = self.merge_groups_as(&groups, false);
                Val {
                    var: v,
                    owned,
                    closure_ret: None,
                }
            }
            syn::Expr::Unary(u) => {
                let x = self.expr(&u.expr);
                match u.op {
                    syn::UnOp::Deref(_) => {
                        let v = self.fresh();
                        self.push(Constraint::Load(v, x.var));
                        Self::val(v)
                    }
                    _ => self.empty(),
                }
            }
            _ => self.empty(),
        }
    }

    /// An array or tuple: holds (and moves in) its elements, and owns their buffers.
    fn aggregate<'e>(&mut self, elems: impl IntoIterator<Item = &'e syn::Expr>) -> Val {
        let v = self.fresh();
        let mut groups = Vec::new();
        for el in elems {
            let x = self.expr(el);
            self.copy(v, x.var);
            self.note_move(el, false);
            groups.push(x.owned);
        }
        let owned = self.merge_groups_as(&groups, false);
        Val {
            var: v,
            owned,
            closure_ret: None,
        }
    }

    /// The condition of an `if`/`while`, binding `let` patterns into the current frame.
    fn cond(&mut self, c: &syn::Expr) {
        match strip(c) {
            syn::Expr::Let(l) => {
                let v = self.expr(&l.expr);
                self.bind_pat(&l.pat, Self::val(v.var), None);
            }
            syn::Expr::Binary(b) if matches!(b.op, syn::BinOp::And(_)) => {
                self.cond(&b.left);
                self.cond(&b.right);
            }
            other => {
                self.expr(other);
            }
        }
    }

    /// A value pointing to a static or literal object.
    fn static_value(&mut self, span: super::Span) -> Val {
        let o = self.new_object("literal".into(), Storage::Static, span, None);
        let v = self.addr(o);
        Self::val(v)
    }

    pub(super) fn static_object(&mut self, id: usize) -> ObjId {
        if let Some(&o) = self.statics.get(&id) {
            return o;
        }
        let def = &self.index.statics[id];
        let o = self.new_object(def.name.clone(), Storage::Static, def.span, None);
        self.statics.insert(id, o);
        o
    }

    fn path_value(&mut self, p: &syn::ExprPath) -> Val {
        if let Some(ident) = p.path.get_ident()
            && let Some(b) = self.lookup(&ident.to_string())
        {
            let b = &self.body.bindings[b];
            return Val {
                var: b.var,
                owned: None,
                closure_ret: b.closure_ret,
            };
        }
        let segs = segments(&p.path);
        if let Some(Item::Static(id)) = self.resolve(&segs) {
            let o = self.static_object(id);
            let content = self.body.objects[o].content;
            return Self::val(content);
        }
        self.empty()
    }

    /// The objects a place expression denotes, or `None` when `e` is not a place.
    pub(super) fn place(&mut self, e: &syn::Expr) -> Option<VarId> {
        match strip(e) {
            syn::Expr::Path(p) => {
                if let Some(ident) = p.path.get_ident()
                    && let Some(b) = self.lookup(&ident.to_string())
                {
                    // `&v` of a heap owner is nearly always deref-coerced (`&Vec<u8>` to
                    // `&[u8]`, `&CString` to `&CStr`): it points into the buffer.
                    if self.body.bindings[b].kind == Kind::Heap {
                        return Some(self.body.bindings[b].var);
                    }
                    let obj = self.body.bindings[b].obj;
                    let v = self.addr(obj);
                    return Some(v);
                }
                let segs = segments(&p.path);
                match self.resolve(&segs) {
                    Some(Item::Static(id)) => {
                        let o = self.static_object(id);
                        let v = self.addr(o);
                        Some(v)
                    }
                    _ => None,
                }
            }
            syn::Expr::Field(f) => Some(self.autoderef(&f.base)),
            syn::Expr::Index(i) => {
                self.expr(&i.index);
                Some(self.autoderef(&i.expr))
            }
            syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Deref(_)) => {
                Some(self.expr(&u.expr).var)
            }
            _ => None,
        }
    }

    /// What `base.field`, `base[i]`, `base.as_ptr()` and auto-referencing reach through `base`.
    pub(super) fn autoderef(&mut self, base: &syn::Expr) -> VarId {
        match strip(base) {
            syn::Expr::Path(p) if p.path.get_ident().is_some() => {
                let name = p
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                match self.lookup(&name) {
                    Some(b) if self.body.bindings[b].kind == Kind::Value => {
                        let obj = self.body.bindings[b].obj;

                        self.addr(obj)
                    }
                    Some(b) => self.body.bindings[b].var,
                    None => self.place(base).unwrap_or_else(|| self.fresh()),
                }
            }
            e @ (syn::Expr::Field(_)
            | syn::Expr::Index(_)
            | syn::Expr::Unary(_)
            | syn::Expr::Path(_)) => match self.place(e) {
                Some(v) => v,
                None => self.expr(e).var,
            },
            e @ (syn::Expr::Array(_) | syn::Expr::Repeat(_) | syn::Expr::Struct(_)) => {
                // `&[0u8; 4][..]`: a constant array is promoted to a `'static`.
                if is_constant(e) {
                    let span = self.span(expr_span(e));
                    return self.static_value(span).var;
                }
                let span = self.span(expr_span(e));
                let x = self.expr(e);
                let t = self.temporary(span);
                let content = self.body.objects[t].content;
                self.copy(content, x.var);

                self.addr(t)
            }
            e => self.expr(e).var,
        }
    }

    /// `&e`, `&mut e`, `&raw const e`, `addr_of!(e)`.
    pub(super) fn addr_of(&mut self, e: &syn::Expr, span: super::Span) -> Val {
        if let Some(v) = self.place(e) {
            return Self::val(v);
        }
        if is_constant(e) || matches!(strip(e), syn::Expr::Path(_)) {
            return self.static_value(span);
        }
        let inner_span = self.span(expr_span(e));
        let x = self.expr(e);
        if x.owned.is_some() {
            // `&CString::new(..)?` is deref-coerced like `&owner`: it points into the buffer.
            return Self::val(x.var);
        }
        let t = self.temporary(inner_span);
        let content = self.body.objects[t].content;
        self.copy(content, x.var);
        let v = self.addr(t);
        Self::val(v)
    }

    fn assign(&mut self, left: &syn::Expr, right: &syn::Expr) {
        let r = self.expr(right);
        self.note_move(right, false);
        let span = self.span(expr_span(right));
        if let syn::Expr::Path(p) = strip(left)
            && let Some(ident) = p.path.get_ident()
            && let Some(b) = self.lookup(&ident.to_string())
        {
            let var = self.body.bindings[b].var;
            self.copy(var, r.var);
            let decl = self.span(ident.span());
            for h in self.group(r.owned) {
                self.adopt(h, b, decl);
            }
            return;
        }
        // A buffer moved into a static or a field is owned there now: it outlives this frame
        // (as far as a syntactic analysis can tell).
        for h in self.group(r.owned) {
            self.body.objects[h].leaked.get_or_insert(span);
        }
        if let Some(id) = self.static_root(left) {
            let call_span = self.span(expr_span(left)).join(span);
            self.static_store(id, r.var, span, call_span);
            return;
        }
        if let Some(p) = self.place(left) {
            self.push(Constraint::Store(p, r.var));
        }
    }

    /// The static a place expression is rooted in (`G`, `G.field`, `G[i]`).
    pub(super) fn static_root(&self, e: &syn::Expr) -> Option<usize> {
        match strip(e) {
            syn::Expr::Path(p) => {
                if p.path
                    .get_ident()
                    .is_some_and(|i| self.lookup(&i.to_string()).is_some())
                {
                    return None;
                }
                let segs = segments(&p.path);
                match self.resolve(&segs) {
                    Some(Item::Static(id)) => Some(id),
                    _ => None,
                }
            }
            syn::Expr::Field(f) => self.static_root(&f.base),
            syn::Expr::Index(i) => self.static_root(&i.expr),
            _ => None,
        }
    }

    /// Records that `e` is used by value: a binding named by it is moved (or returned).
    pub(super) fn note_move(&mut self, e: &syn::Expr, returned: bool) {
        let e = strip(e);
        if returned {
            // `(window, counter)`, `Handle { state }`, `Some(x)`: each part is moved out too.
            let parts: Vec<&syn::Expr> = match e {
                syn::Expr::Tuple(t) => t.elems.iter().collect(),
                syn::Expr::Array(a) => a.elems.iter().collect(),
                syn::Expr::Struct(s) => s.fields.iter().map(|f| &f.expr).collect(),
                syn::Expr::Call(c) => c.args.iter().collect(),
                _ => Vec::new(),
            };
            for p in parts {
                self.note_move(p, true);
            }
        }
        let syn::Expr::Path(p) = e else { return };
        let Some(ident) = p.path.get_ident() else {
            return;
        };
        let Some(b) = self.lookup(&ident.to_string()) else {
            return;
        };
        let span = self.span(ident.span());
        let binding = &mut self.body.bindings[b];
        if binding.moved.is_none() {
            binding.moved = Some(span);
        }
        if returned && binding.returned.is_none() {
            binding.returned = Some(span);
        }
    }

    /// A macro invocation: `addr_of!`, `vec!`, `format!` are understood (a place, heap
    /// allocations); the arguments of every invocation are lowered when they parse as
    /// comma-separated expressions (see [`crate::macros`]) and macro arguments are on. The
    /// others are recorded as skipped.
    pub(super) fn mac(&mut self, m: &syn::Macro) -> Val {
        let name = m
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let span = self.span(m.span());
        if matches!(name.as_str(), "addr_of" | "addr_of_mut") {
            return match m.parse_body::<syn::Expr>() {
                Ok(e) => self.addr_of(&e, span),
                Err(_) => self.empty(),
            };
        }
        let content = self.fresh();
        let mut groups = Vec::new();
        if self.macro_args {
            match crate::macros::args(m, self.index.call_wrapper(&name)) {
                Some(args) => {
                    for a in &args {
                        let x = self.expr(a);
                        self.copy(content, x.var);
                        groups.push(x.owned);
                    }
                }
                None => match crate::macros::branch_stmts(m) {
                    // A `cfg_if!` of statements: every branch, in the enclosing block.
                    Some(branches) => {
                        let end = self.temp_ends.last().copied().unwrap_or(span);
                        for b in &branches {
                            if let Some(v) = self.stmts(b, end, false) {
                                self.copy(content, v.var);
                            }
                        }
                    }
                    None => self.body.skipped_macros.push((name.clone(), span)),
                },
            }
        }
        match name.as_str() {
            // `vec![vec![]; n]` owns the inner vectors' buffers too.
            "vec" => {
                let v = self.heap_temp(span, content);
                groups.push(v.owned);
                let owned = self.merge_groups(&groups);
                Val { owned, ..v }
            }
            // `format!` copies its arguments' text.
            "format" => {
                let text = self.fresh();
                self.heap_temp(span, text)
            }
            _ => self.empty(),
        }
    }

    /// A freshly allocated heap buffer holding `content`; a temporary until a `let` adopts it.
    pub(super) fn heap_temp(&mut self, span: super::Span, content: VarId) -> Val {
        let h = self.temporary(span);
        let c = self.body.objects[h].content;
        self.copy(c, content);
        let v = self.addr(h);
        self.groups.push((vec![h], true));
        Val {
            var: v,
            owned: Some(self.groups.len() - 1),
            closure_ret: None,
        }
    }
}
