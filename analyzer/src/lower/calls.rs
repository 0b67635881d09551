//! Calls: FFI functions, Rust functions (recorded for their summaries), closures, and what
//! the analyzer knows of std without reading it: allocation (`Box::new`, `CString::new`,
//! `to_vec`, ...), deliberate leaks (`Box::into_raw`, `mem::forget`, ...), identities
//! (`ptr::from_ref`, `NonNull::new`, `Some`), and consuming `Option` combinators whose closure
//! takes ownership of the value (`opt.map_or(null, |s| s.as_ptr())` drops `s` in the closure).

use super::pat::{IDENTITY_METHODS, PLACE_METHODS, std_arity, strip};
use super::span::{call_span, expr_span, method_call_span};
use super::{Arg, Call, Callee, Constraint, Frame, Kind, Lower, ObjId, Storage, Val, VarId};
use crate::items::{Item, segments};

const ALLOC_TYPES: [&str; 8] = [
    "Box", "Vec", "String", "CString", "Rc", "Arc", "OsString", "PathBuf",
];
const ALLOC_FNS: [&str; 7] = [
    "new",
    "from",
    "with_capacity",
    "from_vec_unchecked",
    "from_vec_with_nul",
    "pin",
    "new_zeroed",
];
const STRING_TYPES: [&str; 4] = ["String", "CString", "OsString", "PathBuf"];
/// Allocating methods whose result holds copies of the receiver's elements (which may be
/// pointers); the other allocating methods make strings.
const COPYING_METHODS: [&str; 2] = ["to_vec", "collect"];
const ALLOC_METHODS: [&str; 9] = [
    "to_vec",
    "to_owned",
    "to_string",
    "into_owned",
    "collect",
    "concat",
    "join",
    "repeat",
    "to_os_string",
];
const LEAK_METHODS: [&str; 4] = ["into_raw", "leak", "into_non_null", "into_raw_parts"];
const COMBINATORS: [&str; 10] = [
    "map",
    "map_or",
    "map_or_else",
    "and_then",
    "unwrap_or_else",
    "then",
    "for_each",
    "inspect",
    "filter_map",
    "is_some_and",
];

/// The std types whose `as_ptr`/`as_mut_ptr` point into the value (or are the pointer itself).
const STD_POINTER_TYPES: [&str; 22] = [
    "Vec",
    "String",
    "CString",
    "CStr",
    "str",
    "OsString",
    "OsStr",
    "Path",
    "PathBuf",
    "Box",
    "Rc",
    "Arc",
    "Cell",
    "UnsafeCell",
    "RefCell",
    "MaybeUninit",
    "NonNull",
    "ManuallyDrop",
    "VecDeque",
    "SmallVec",
    "ArrayVec",
    "Pin",
];

/// What a closure's first parameter is bound to, for combinators.
pub(super) struct ClosureInput {
    value: VarId,
    /// Heap buffers the closure takes ownership of (they die at its end unless returned).
    consumed: Vec<ObjId>,
    /// The parameter's kind and type name, when the receiver is a binding declared
    /// `Option<&T>` (`signcert.map_or(null, |p| p.as_ptr())` with `signcert: Option<&X509Ref>`).
    kind: Option<(Kind, Option<String>)>,
}

impl Lower<'_, '_> {
    fn arg(&mut self, e: &syn::Expr) -> Arg {
        self.arg_owned(e).0
    }

    /// An argument, and the buffers its value owns.
    fn arg_owned(&mut self, e: &syn::Expr) -> (Arg, Option<usize>) {
        let v = self.expr(e);
        let deep = self.fresh();
        self.push(Constraint::Load(deep, v.var));
        let arg = Arg {
            var: v.var,
            deep,
            span: self.span(expr_span(e)),
            key: arg_key(e),
            out_param: self.out_param(e),
        };
        (arg, v.owned)
    }

    /// The scalar local an argument points to mutably (`&mut n`, `&raw mut n`,
    /// `addr_of_mut!(n)`, `n.as_mut_ptr()`, through casts): a candidate out-parameter. A cast
    /// to `*mut c_void` makes it opaque user data for C, not an out-parameter.
    fn out_param(&self, e: &syn::Expr) -> Option<String> {
        let place = match strip(e) {
            syn::Expr::Cast(c) if points_to_c_void(&c.ty) => return None,
            syn::Expr::Cast(c) => return self.out_param(&c.expr),
            syn::Expr::Reference(r) if r.mutability.is_some() => (*r.expr).clone(),
            syn::Expr::RawAddr(r) if matches!(r.mutability, syn::PointerMutability::Mut(_)) => {
                (*r.expr).clone()
            }
            syn::Expr::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "addr_of_mut") =>
            {
                m.mac.parse_body::<syn::Expr>().ok()?
            }
            syn::Expr::MethodCall(mc) if mc.method == "as_mut_ptr" => (*mc.receiver).clone(),
            _ => return None,
        };
        let b = self.binding_of(&place)?;
        let binding = &self.body.bindings[b];
        binding.scalar.then(|| binding.name.clone())
    }

    /// Lowers arguments; their values flow into `result` when given.
    fn lower_args<'e>(
        &mut self,
        args: impl Iterator<Item = &'e syn::Expr>,
        result: Option<VarId>,
        moved: bool,
    ) {
        for a in args {
            let x = self.expr(a);
            if let Some(r) = result {
                self.copy(r, x.var);
            }
            if moved {
                self.note_move(a, false);
                self.give_away(x.owned, a);
            }
        }
    }

    /// Buffers owned by a value passed by value to a function belong to the callee now: the
    /// caller no longer drops them (`add_timer(Box::new(cb))` keeps the box in its result).
    fn give_away(&mut self, owned: Option<usize>, e: &syn::Expr) {
        let span = self.span(expr_span(e));
        for h in self.group(owned) {
            self.body.objects[h].leaked.get_or_insert(span);
        }
    }

    pub(super) fn call(&mut self, c: &syn::ExprCall) -> Val {
        let span = self.span(call_span(c));
        let syn::Expr::Path(p) = strip(&c.func) else {
            let f = self.expr(&c.func);
            let result = self.fresh();
            self.lower_args(c.args.iter(), None, true);
            if let Some(r) = f.closure_ret {
                self.copy(result, r);
            }
            return Self::val(result);
        };
        let segs = segments(&p.path);
        if let [name] = segs.as_slice()
            && let Some(b) = self.lookup(name)
        {
            let ret = self.body.bindings[b].closure_ret;
            let result = self.fresh();
            self.lower_args(c.args.iter(), None, true);
            if let Some(r) = ret {
                self.copy(result, r);
            }
            return Self::val(result);
        }
        let last = segs.last().map(String::as_str).unwrap_or("");
        let ty = segs
            .len()
            .checked_sub(2)
            .map(|i| segs[i].as_str())
            .unwrap_or("");
        let first_arg = c.args.first();

        // Allocation: the value owns a fresh heap buffer.
        if ALLOC_TYPES.contains(&ty) && ALLOC_FNS.contains(&last) {
            let content = self.fresh();
            let mut groups = Vec::new();
            // Strings copy bytes: their buffer holds no pointer to what the argument points to.
            let holds_values = !STRING_TYPES.contains(&ty);
            for a in &c.args {
                let x = self.expr(a);
                if holds_values {
                    self.copy(content, x.var);
                }
                self.note_move(a, false);
                groups.push(x.owned);
            }
            // `Box::new(String::new())`: the new owner also owns what its argument owned.
            let v = self.heap_temp(span, content);
            groups.push(v.owned);
            let owned = self.merge_groups(&groups);
            return Val { owned, ..v };
        }
        // Deliberate leaks: ownership is given up, the buffer lives forever.
        let leak = matches!(
            (ty, last),
            (
                "Box" | "CString" | "Rc" | "Arc",
                "into_raw" | "leak" | "into_non_null"
            )
        ) || matches!(
            (ty, last),
            ("Vec" | "String", "leak")
                | ("mem" | "", "forget" | "transmute")
                | ("ManuallyDrop", "new")
        );
        if leak && let Some(a) = first_arg {
            return self.leak(a, span);
        }
        if matches!((ty, last), ("mem" | "", "drop")) {
            if let Some(a) = first_arg {
                self.expr(a);
                if let Some(b) = self.binding_of(a) {
                    self.body.bindings[b].dropped.get_or_insert(span);
                }
            }
            return self.empty();
        }
        // Null and uninitialized values point nowhere.
        if matches!(
            (ty, last),
            (
                "ptr" | "",
                "null" | "null_mut" | "dangling" | "dangling_mut"
            ) | ("mem" | "", "zeroed")
                | ("MaybeUninit", "uninit" | "zeroed")
        ) {
            self.lower_args(c.args.iter(), None, false);
            return self.empty();
        }
        if matches!(
            (ty, last),
            ("ptr", "write" | "write_unaligned" | "write_volatile")
        ) && c.args.len() == 2
        {
            let dst = self.expr(&c.args[0]);
            let val = self.expr(&c.args[1]);
            self.push(Constraint::Store(dst.var, val.var));
            return self.empty();
        }
        let identity = matches!(
            (ty, last),
            (
                "ptr",
                "from_ref" | "from_mut" | "read" | "read_unaligned" | "with_exposed_provenance"
            ) | ("NonNull", "new" | "new_unchecked" | "from")
                | ("mem" | "", "transmute_copy")
                | ("hint" | "", "black_box")
                | ("Pin", "new" | "new_unchecked")
        );
        if identity {
            let result = self.fresh();
            self.lower_args(c.args.iter(), Some(result), false);
            return Self::val(result);
        }
        match self.resolve(&segs) {
            Some(Item::Ffi(id)) => {
                let args: Vec<Arg> = c.args.iter().map(|a| self.arg(a)).collect();
                let callbacks = c
                    .args
                    .iter()
                    .enumerate()
                    .filter_map(|(i, a)| Some((i, self.callback_name(a)?)))
                    .collect();
                let result = self.fresh();
                self.body.calls.push(Call {
                    callee: Callee::Ffi(id),
                    span,
                    args,
                    result,
                    callbacks,
                });
                Self::val(result)
            }
            Some(Item::Fn(id)) => self.rust_call(id, span, Vec::new(), &c.args),
            _ => {
                let result = self.fresh();
                // Only a lone capitalized name is taken for a tuple struct or variant: with a
                // path, `ffi::CreateFontIndirectW(..)` is as likely a function as a variant.
                let ctor = segs.len() == 1 && last.starts_with(|c: char| c.is_ascii_uppercase());
                if ctor {
                    // `Some(p)`, `Ok(p)`, `Wrapper(p)`: the value holds its arguments (and owns
                    // what they own).
                    let mut groups = Vec::new();
                    for a in &c.args {
                        let x = self.expr(a);
                        self.copy(result, x.var);
                        self.note_move(a, false);
                        groups.push(x.owned);
                    }
                    let owned = self.merge_groups(&groups);
                    return Val {
                        var: result,
                        owned,
                        closure_ret: None,
                    };
                } else {
                    self.lower_args(c.args.iter(), None, true);
                    self.body.unresolved.push((segs.join("::"), span));
                }
                Self::val(result)
            }
        }
    }

    /// A call of Rust function `id`: `args` holds the lowered receiver, if any, and `rest` the
    /// other arguments. Arguments passed to by-value parameters are moved.
    fn rust_call<'e>(
        &mut self,
        id: crate::items::FnId,
        span: super::Span,
        mut args: Vec<Arg>,
        rest: impl IntoIterator<Item = &'e syn::Expr>,
    ) -> Val {
        let by_value = self.by_value_params(id);
        let offset = args.len();
        for (i, a) in rest.into_iter().enumerate() {
            let (arg, owned) = self.arg_owned(a);
            args.push(arg);
            if by_value.get(i + offset).copied().unwrap_or(true) {
                self.note_move(a, false);
                self.give_away(owned, a);
            }
        }
        let result = self.fresh();
        let callbacks = Vec::new();
        self.body.calls.push(Call {
            callee: Callee::Rust(id),
            span,
            args,
            result,
            callbacks,
        });
        Self::val(result)
    }

    /// For each declared parameter of `f` (receiver first), whether it takes its argument by value.
    fn by_value_params(&self, f: crate::items::FnId) -> Vec<bool> {
        self.index.fns[f]
            .sig
            .inputs
            .iter()
            .map(|i| match i {
                syn::FnArg::Receiver(r) => !matches!(r.kind, syn::ReceiverKind::Reference(..)),
                syn::FnArg::Typed(pt) => {
                    !matches!(*pt.ty, syn::Type::Reference(_) | syn::Type::Ptr(_))
                }
            })
            .collect()
    }

    /// The binding a (parenthesized) path expression names.
    pub(super) fn binding_of(&self, e: &syn::Expr) -> Option<super::BindingId> {
        match strip(e) {
            syn::Expr::Path(p) => p.path.get_ident().and_then(|i| self.lookup(&i.to_string())),
            _ => None,
        }
    }

    /// Heap buffers owned by the value of `e` (a heap-owning binding, or an allocation).
    fn owned_by(&self, e: &syn::Expr, v: &Val) -> Vec<ObjId> {
        if v.owned.is_some() {
            return self.group(v.owned);
        }
        match self.binding_of(e) {
            Some(b) if self.body.bindings[b].kind == Kind::Heap => self
                .body
                .objects
                .iter()
                .enumerate()
                .filter(|(_, o)| o.owner == Some(b) && o.storage == Storage::Heap)
                .map(|(i, _)| i)
                .collect(),
            _ => Vec::new(),
        }
    }

    fn leak(&mut self, e: &syn::Expr, span: super::Span) -> Val {
        let v = self.expr(e);
        for h in self.owned_by(e, &v) {
            self.body.objects[h].leaked.get_or_insert(span);
        }
        // `ManuallyDrop::new(CString::new(..)?)` still owns (and derefs to) the buffer.
        Val {
            var: v.var,
            owned: v.owned,
            closure_ret: None,
        }
    }

    pub(super) fn method_call(&mut self, mc: &syn::ExprMethodCall) -> Val {
        let m = mc.method.to_string();
        let span = self.span(method_call_span(mc));
        let recv = &*mc.receiver;
        let std_arity = std_arity(&m, mc.args.len());
        // `group.as_ptr()` where `group: &EcGroupRef` (a wrapper of a C object) returns the C
        // pointer the wrapper holds, not an address inside the Rust value: on a receiver of a
        // visible type that is not std's, a method of the crate for that type is called, or
        // else (a trait method from another crate, foreign-types' `as_ptr`) the result is what
        // the value holds.
        let wrapper_ty = match m.as_str() {
            "as_ptr" | "as_mut_ptr" => self
                .receiver_type(recv)
                .filter(|t| !STD_POINTER_TYPES.contains(&t.as_str())),
            _ => None,
        };
        let wrapper = wrapper_ty.is_some();
        if let Some(ty) = &wrapper_ty
            && self
                .index
                .resolve_method(&m, Some(ty))
                .is_none_or(|f| self.index.fns[f].self_ty.as_deref() != Some(ty.as_str()))
        {
            let base = self.autoderef(recv);
            let v = self.fresh();
            self.push(Constraint::Load(v, base));
            return Self::val(v);
        }
        if std_arity && !wrapper && PLACE_METHODS.contains(&m.as_str()) {
            let v = self.autoderef(recv);
            self.lower_args(mc.args.iter(), None, false);
            return Self::val(v);
        }
        if LEAK_METHODS.contains(&m.as_str()) {
            return self.leak(recv, span);
        }
        if ALLOC_METHODS.contains(&m.as_str())
            || (m == "clone"
                && self
                    .binding_of(recv)
                    .is_some_and(|b| self.body.bindings[b].kind == Kind::Heap))
        {
            let r = self.expr(recv);
            let content = self.fresh();
            if COPYING_METHODS.contains(&m.as_str()) || m == "clone" {
                self.push(Constraint::Load(content, r.var));
            }
            return self.heap_temp(span, content);
        }
        if COMBINATORS.contains(&m.as_str())
            && mc
                .args
                .iter()
                .any(|a| matches!(strip(a), syn::Expr::Closure(_)))
        {
            let r = self.expr(recv);
            let consumed = self.owned_by(recv, &r);
            let result = self.fresh();
            let mut owned = None;
            for a in &mc.args {
                if let syn::Expr::Closure(c) = strip(a) {
                    let input = ClosureInput {
                        value: r.var,
                        consumed: consumed.clone(),
                        kind: self.option_binding(recv),
                    };
                    let (_, body) = self.closure(c, Some(input));
                    self.copy(result, body.var);
                    if body.owned.is_some() {
                        // The allocation is returned out of the closure: it lives on in the result.
                        owned = self.merge_groups(&[body.owned]);
                    }
                } else {
                    let x = self.expr(a);
                    self.copy(result, x.var);
                }
            }
            return Val {
                var: result,
                owned,
                closure_ret: None,
            };
        }
        if std_arity && IDENTITY_METHODS.contains(&m.as_str()) {
            let r = self.expr(recv);
            let result = self.fresh();
            self.copy(result, r.var);
            self.lower_args(mc.args.iter(), Some(result), false);
            let keeps_ownership = !matches!(
                m.as_str(),
                "cast" | "cast_mut" | "cast_const" | "add" | "offset" | "clone"
            );
            return Val {
                var: result,
                owned: if keeps_ownership { r.owned } else { None },
                closure_ret: None,
            };
        }
        if let Some(id) = self.static_root(recv)
            && matches!(
                m.as_str(),
                "store" | "swap" | "set" | "replace" | "compare_exchange" | "compare_exchange_weak"
            )
        {
            if let Some(a) = mc
                .args
                .last()
                .filter(|_| m.starts_with("compare"))
                .or(mc.args.first())
            {
                let x = self.expr(a);
                let arg_span = self.span(expr_span(a));
                // `STATIC.set(Box::new(..))`: the buffer moves into the static, which owns it.
                for h in self.group(x.owned) {
                    self.body.objects[h].leaked.get_or_insert(arg_span);
                }
                self.static_store(id, x.var, arg_span, span);
            }
            return self.empty();
        }
        let receiver_ty = self.receiver_type(recv);
        if let Some(id) = self.index.resolve_method(&m, receiver_ty.as_deref()) {
            let by_value = self.by_value_params(id);
            let has_self = matches!(
                self.index.fns[id].sig.inputs.first(),
                Some(syn::FnArg::Receiver(_))
            );
            let mut args = Vec::new();
            if has_self {
                let var = if by_value[0] {
                    self.note_move(recv, false);
                    self.expr(recv).var
                } else {
                    self.autoderef(recv)
                };
                let deep = self.fresh();
                self.push(Constraint::Load(deep, var));
                args.push(Arg {
                    var,
                    deep,
                    span: self.span(expr_span(recv)),
                    key: None,
                    out_param: None,
                });
            }
            return self.rust_call(id, span, args, &mc.args);
        }
        self.expr(recv);
        self.lower_args(mc.args.iter(), None, true);
        self.body.unresolved.push((format!(".{m}()"), span));
        self.empty()
    }

    /// The name of the Rust function or closure an argument passes to C, if it is one:
    /// `f`, `Some(f)`, `f as extern "C" fn()`, `|..| ..`, a binding holding a closure.
    fn callback_name(&self, e: &syn::Expr) -> Option<String> {
        match strip(e) {
            syn::Expr::Cast(c) => self.callback_name(&c.expr),
            syn::Expr::Closure(_) => Some("closure".to_owned()),
            syn::Expr::Call(c) if matches!(strip(&c.func), syn::Expr::Path(p) if p.path.is_ident("Some")) => {
                c.args.first().and_then(|a| self.callback_name(a))
            }
            syn::Expr::Path(p) => {
                if let Some(b) = p.path.get_ident().and_then(|i| self.lookup(&i.to_string())) {
                    let b = &self.body.bindings[b];
                    return b.closure_ret.map(|_| format!("closure `{}`", b.name));
                }
                let segs = segments(&p.path);
                match self.resolve(&segs) {
                    Some(Item::Fn(f)) => Some(format!("`{}`", self.index.fns[f].display)),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// The kind and type name of `T` when `recv` is a binding declared `Option<T>` and `T` is a
    /// reference or pointer. (A `T` held by value stays of unknown kind: its methods' results
    /// are often values, `NonZeroUsize::get`, not addresses inside it.)
    fn option_binding(&self, recv: &syn::Expr) -> Option<(Kind, Option<String>)> {
        let syn::Expr::Path(p) = strip(recv) else {
            return None;
        };
        let b = &self.body.bindings[self.lookup(&p.path.get_ident()?.to_string())?];
        (b.option && b.kind == Kind::Ref).then(|| (Kind::Ref, b.ty.clone()))
    }

    /// The type name of a method receiver, where it is visible.
    fn receiver_type(&self, recv: &syn::Expr) -> Option<String> {
        match strip(recv) {
            syn::Expr::Path(p) => {
                let ident = p.path.get_ident()?;
                if ident == "self" {
                    return self.self_ty.map(str::to_owned);
                }
                self.lookup(&ident.to_string())
                    .and_then(|b| self.body.bindings[b].ty.clone())
            }
            syn::Expr::Reference(r) => self.receiver_type(&r.expr),
            syn::Expr::Struct(s) => s.path.segments.last().map(|s| s.ident.to_string()),
            // `self.0`: a field of a tuple struct declared in this file.
            syn::Expr::Field(f) => {
                let base = self.receiver_type(&f.base)?;
                let member = match &f.member {
                    syn::Member::Named(n) => n.to_string(),
                    syn::Member::Unnamed(i) => i.index.to_string(),
                };
                self.index
                    .field_type(self.file, &base, &member)
                    .map(str::to_owned)
            }
            _ => None,
        }
    }

    /// A pointer stored into a static escapes for good.
    pub(super) fn static_store(
        &mut self,
        id: usize,
        var: VarId,
        arg_span: super::Span,
        span: super::Span,
    ) {
        let deep = self.fresh();
        self.push(Constraint::Load(deep, var));
        let result = self.fresh();
        self.body.calls.push(Call {
            callee: Callee::Static(id),
            span,
            args: vec![Arg {
                var,
                deep,
                span: arg_span,
                key: None,
                out_param: None,
            }],
            result,
            callbacks: Vec::new(),
        });
    }

    /// Lowers a closure. With `input`, its first parameter is bound to a combinator's receiver
    /// and takes ownership of `input.consumed`. Returns the closure value and its body's value.
    pub(super) fn closure(
        &mut self,
        c: &syn::ExprClosure,
        input: Option<ClosureInput>,
    ) -> (Val, Val) {
        let end = self.span(expr_span(&c.body)).at_end();
        self.frames.push(Frame {
            names: Vec::new(),
            end,
        });
        self.temp_ends.push(end);
        for (i, pat) in c.inputs.iter().enumerate() {
            match (&input, i, pat) {
                (Some(input), 0, syn::Pat::Ident(id)) if !input.consumed.is_empty() => {
                    let decl = self.span(id.ident.span());
                    let b = self.new_binding(id.ident.to_string(), decl, Kind::Heap, None);
                    let var = self.body.bindings[b].var;
                    self.copy(var, input.value);
                    for &h in &input.consumed {
                        // Moved into the closure's parameter: dropped when the closure returns.
                        self.adopt(h, b, decl);
                        self.body.objects[h].storage = Storage::Temporary;
                    }
                }
                (Some(input), 0, _) => {
                    let v = Self::val(input.value);
                    self.bind_pat(pat, v, input.kind.clone());
                }
                _ => {
                    let v = self.empty();
                    self.bind_pat(pat, v, None);
                }
            }
        }
        let body = self.expr(&c.body);
        self.temp_ends.pop();
        self.frames.pop();
        let v = self.fresh();
        (
            Val {
                var: v,
                owned: None,
                closure_ret: Some(body.var),
            },
            body,
        )
    }
}

/// The constant an argument names (see [`Arg::key`]).
fn arg_key(e: &syn::Expr) -> Option<String> {
    match strip(e) {
        syn::Expr::Cast(c) => arg_key(&c.expr),
        syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Expr::Call(c) => match strip(&c.func) {
            syn::Expr::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        },
        syn::Expr::Lit(l) => match &l.lit {
            syn::Lit::Int(i) => Some(i.base10_digits().to_owned()),
            syn::Lit::Bool(b) => Some(b.value.to_string()),
            _ => None,
        },
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => {
            arg_key(&u.expr).map(|k| format!("-{k}"))
        }
        _ => None,
    }
}

/// Whether a type is a pointer to `c_void` (opaque user data).
fn points_to_c_void(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Ptr(p) => {
            matches!(&*p.elem, syn::Type::Path(t) if t.path.segments.last().is_some_and(|s| s.ident == "c_void"))
        }
        _ => false,
    }
}
