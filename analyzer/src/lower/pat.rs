//! Patterns, and the kind of a binding: value in its own slot, reference, or heap owner.
//!
//! The kind decides what a dereference means: `&arr[0]` of a stack array points into the
//! binding's own slot, `&v[0]` of a `Vec` into its heap buffer, `&r[0]` of a reference into
//! whatever `r` points to. It comes from a type annotation, else from the initializer's shape.

use super::span::expr_span;
use super::{Kind, Lower, Storage, Val};
use crate::items::{Item, segments, type_name};

const HEAP_TYPES: [&str; 9] = [
    "Box", "Vec", "String", "CString", "OsString", "PathBuf", "Rc", "Arc", "BString",
];

/// Whether `ty` is `Option<T>` (whose kind and type name [`classify_type`] gives as `T`'s).
pub(super) fn is_option(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().is_some_and(|s| {
            s.ident == "Option" && matches!(s.arguments, syn::PathArguments::AngleBracketed(_))
        }),
        syn::Type::Paren(p) => is_option(&p.elem),
        syn::Type::Group(g) => is_option(&g.elem),
        _ => false,
    }
}

/// The kind of a value of type `ty`, and its type name.
pub(super) fn classify_type(ty: &syn::Type, self_ty: Option<&str>) -> (Kind, Option<String>) {
    match ty {
        syn::Type::Reference(r) => (Kind::Ref, type_name(&r.elem)),
        syn::Type::Ptr(p) => (Kind::Ref, type_name(&p.elem)),
        syn::Type::Array(_) | syn::Type::Tuple(_) => (Kind::Value, None),
        syn::Type::Paren(p) => classify_type(&p.elem, self_ty),
        syn::Type::Group(g) => classify_type(&g.elem, self_ty),
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return (Kind::Unknown, None);
            };
            let name = last.ident.to_string();
            if name == "NonNull" {
                return (Kind::Ref, None);
            }
            if (name == "Option" || name == "MaybeUninit" || name == "ManuallyDrop")
                && let syn::PathArguments::AngleBracketed(args) = &last.arguments
                && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
            {
                let (kind, ty) = classify_type(inner, self_ty);
                return (
                    if kind == Kind::Unknown {
                        Kind::Value
                    } else {
                        kind
                    },
                    ty,
                );
            }
            if HEAP_TYPES.contains(&name.as_str()) {
                return (Kind::Heap, Some(name));
            }
            if name == "Self" {
                return (Kind::Value, self_ty.map(str::to_owned));
            }
            // A single uppercase letter is almost always a generic parameter: its kind is unknown.
            if p.path.segments.len() == 1 && name.len() == 1 {
                return (Kind::Unknown, None);
            }
            (Kind::Value, Some(name))
        }
        _ => (Kind::Unknown, None),
    }
}

/// Methods whose result points where the receiver's dereference points.
pub(super) const PLACE_METHODS: &[&str] = &[
    "as_ptr",
    "as_mut_ptr",
    "as_bytes",
    "as_bytes_mut",
    "as_bytes_with_nul",
    "as_slice",
    "as_mut_slice",
    "as_str",
    "as_mut_str",
    "as_c_str",
    "as_ref",
    "as_mut",
    "as_deref",
    "as_deref_mut",
    "deref",
    "deref_mut",
    "borrow",
    "borrow_mut",
    "as_ptr_range",
    "as_mut_ptr_range",
    "as_os_str",
    "as_path",
    "to_bytes",
    "to_bytes_with_nul",
    "to_str",
    "get",
    "get_mut",
    "get_unchecked",
    "get_unchecked_mut",
    "first",
    "last",
    "first_mut",
    "last_mut",
    "iter",
    "iter_mut",
    "chunks",
    "chunks_mut",
    "split_at",
    "split_at_mut",
    "as_non_null_ptr",
    "as_mut_ptr_range",
    "get_ref",
    "as_array",
    "as_mut_array",
];

/// Whether a call of std method `name` with `args` arguments can be std's: the methods of
/// [`PLACE_METHODS`] and [`IDENTITY_METHODS`] take no argument, except indexing, splitting,
/// pointer arithmetic and a few unwrapping methods, which take one. A call with more
/// arguments is some other method of the same name (`RepoBuilder::clone(url, into)`),
/// resolved like any method.
pub(super) fn std_arity(name: &str, args: usize) -> bool {
    let one = matches!(
        name,
        "get"
            | "get_mut"
            | "get_unchecked"
            | "get_unchecked_mut"
            | "chunks"
            | "chunks_mut"
            | "split_at"
            | "split_at_mut"
            | "unwrap_or"
            | "unwrap_or_else"
            | "map_err"
            | "ok_or"
            | "ok_or_else"
            | "expect"
            | "with_addr"
            | "map_addr"
            | "write"
    ) || ["add", "sub", "offset"].iter().any(|s| name.ends_with(s));
    args <= usize::from(one)
}

/// Methods whose result is the receiver's value (pointer arithmetic, casts, unwrapping).
pub(super) const IDENTITY_METHODS: &[&str] = &[
    "cast",
    "cast_mut",
    "cast_const",
    "add",
    "sub",
    "offset",
    "byte_add",
    "byte_sub",
    "byte_offset",
    "wrapping_add",
    "wrapping_sub",
    "wrapping_offset",
    "wrapping_byte_add",
    "unwrap",
    "expect",
    "unwrap_unchecked",
    "unwrap_or",
    "unwrap_or_default",
    "map_err",
    "ok_or",
    "ok_or_else",
    "ok",
    "into",
    "copied",
    "cloned",
    "clone",
    "as_raw",
    "expose_provenance",
    "addr",
    "with_addr",
    "map_addr",
    "into_boxed_slice",
    "into_boxed_str",
    "into_bytes",
    "into_string",
    "into_bytes_with_nul",
    "into_inner",
    "take",
    "unwrap_or_else",
    "assume_init",
    "assume_init_mut",
    "assume_init_ref",
    "write",
    "as_non_null",
    "pin",
];

impl Lower<'_, '_> {
    /// Binds the identifiers of `pat` to `v`. `kind` is the kind of the whole value when known.
    pub(super) fn bind_pat(
        &mut self,
        pat: &syn::Pat,
        v: Val,
        kind: Option<(Kind, Option<String>)>,
    ) {
        match pat {
            syn::Pat::Ident(id) => {
                let span = self.span(id.ident.span());
                let (mut kind, ty) = kind.unwrap_or((Kind::Unknown, None));
                if self.is_heap(&v) {
                    kind = Kind::Heap;
                }
                if id.by_ref.is_some() {
                    kind = Kind::Ref;
                }
                let b = self.new_binding(id.ident.to_string(), span, kind, ty);
                self.bind_value(b, v, span);
                if let Some((_, sub)) = &id.subpat {
                    self.bind_pat(sub, Self::val(v.var), None);
                }
            }
            syn::Pat::Type(pt) => {
                let k = classify_type(&pt.ty, self.self_ty);
                self.bind_pat(&pt.pat, v, Some(k));
                self.mark_option(&pt.pat, &pt.ty);
            }
            syn::Pat::Paren(p) => self.bind_pat(&p.pat, v, kind),
            syn::Pat::Reference(r) => self.bind_pat(&r.pat, Self::val(v.var), None),
            syn::Pat::Tuple(t) => {
                for p in &t.elems {
                    self.bind_pat(p, Self::val(v.var), None);
                }
            }
            syn::Pat::TupleStruct(t) => {
                for p in &t.elems {
                    self.bind_pat(p, Self::val(v.var), None);
                }
            }
            syn::Pat::Struct(s) => {
                for f in &s.fields {
                    self.bind_pat(&f.pat, Self::val(v.var), None);
                }
            }
            syn::Pat::Slice(s) => {
                for p in &s.elems {
                    self.bind_pat(p, Self::val(v.var), None);
                }
            }
            syn::Pat::Or(o) => {
                if let Some(p) = o.cases.first() {
                    self.bind_pat(p, Self::val(v.var), None);
                }
            }
            _ => {}
        }
    }

    /// Lowers a `let` initializer; returns its value and the kind it gives the binding.
    pub(super) fn let_init(&mut self, e: &syn::Expr) -> (Val, (Kind, Option<String>)) {
        // Temporary lifetime extension: in `let r = &temporary;` (also under casts,
        // `&mut t() as *mut T`) the temporary lives to the end of the enclosing block.
        let mut borrow = strip(e);
        while let syn::Expr::Cast(c) = borrow {
            borrow = strip(&c.expr);
        }
        if let syn::Expr::Reference(r) = borrow
            && !is_constant(&r.expr)
            && !is_place(&r.expr)
        {
            let inner = self.expr(&r.expr);
            let span = self.span(syn::spanned::Spanned::span(&r.expr));
            let name = super::short(&self.snippet(span));
            let dies = Some(self.frame_end());
            for h in self.group(inner.owned) {
                self.body.objects[h].dies = dies;
            }
            let t = self.new_object(name, Storage::Stack, span, dies);
            let content = self.body.objects[t].content;
            self.copy(content, inner.var);
            let v = self.addr(t);
            return (Self::val(v), (Kind::Ref, None));
        }
        // The other extending positions: through places (`&t()[..]`, `&t().field`), the
        // branches of `if`/`match` and the tail of blocks (`if c { &a } else { &t() }`), and
        // the operands of tuples, arrays and struct literals.
        let mut roots = Vec::new();
        extended_roots(e, &mut roots);
        if !roots.is_empty() {
            let spans: Vec<super::Span> = roots.iter().map(|r| self.span(expr_span(r))).collect();
            let before = self.body.objects.len();
            let v = self.expr(e);
            let dies = Some(self.frame_end());
            for o in &mut self.body.objects[before..] {
                if o.storage == Storage::Temporary && spans.contains(&o.decl) {
                    o.dies = dies;
                }
            }
            let kind = self.infer_kind(e, &v);
            return (v, kind);
        }
        let v = self.expr(e);
        let kind = self.infer_kind(e, &v);
        (v, kind)
    }

    fn infer_kind(&self, e: &syn::Expr, v: &Val) -> (Kind, Option<String>) {
        if self.is_heap(v) {
            return (Kind::Heap, None);
        }
        match strip(e) {
            syn::Expr::Reference(_) | syn::Expr::RawAddr(_) => (Kind::Ref, None),
            syn::Expr::Cast(c) => match &*c.ty {
                syn::Type::Ptr(_) => (Kind::Ref, None),
                _ => (Kind::Unknown, None),
            },
            syn::Expr::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident.to_string().starts_with("addr_of")) =>
            {
                (Kind::Ref, None)
            }
            syn::Expr::MethodCall(mc) => {
                let m = mc.method.to_string();
                if PLACE_METHODS.contains(&m.as_str())
                    || ["cast", "cast_mut", "cast_const", "add", "offset"].contains(&m.as_str())
                {
                    (Kind::Ref, None)
                } else {
                    (Kind::Unknown, None)
                }
            }
            syn::Expr::Path(p) => {
                match p.path.get_ident().and_then(|i| self.lookup(&i.to_string())) {
                    Some(b) => {
                        let b = &self.body.bindings[b];
                        (b.kind, b.ty.clone())
                    }
                    None => (Kind::Unknown, None),
                }
            }
            // `"foo"`, `b"foo"` and `c"foo"` are references to static data: `s.as_ptr()` points
            // there, not into the binding's slot.
            syn::Expr::Lit(l)
                if matches!(
                    l.lit,
                    syn::Lit::Str(_) | syn::Lit::ByteStr(_) | syn::Lit::CStr(_)
                ) =>
            {
                (Kind::Ref, None)
            }
            syn::Expr::Array(_)
            | syn::Expr::Repeat(_)
            | syn::Expr::Tuple(_)
            | syn::Expr::Lit(_) => (Kind::Value, None),
            syn::Expr::Struct(s) => (
                Kind::Value,
                s.path.segments.last().map(|s| s.ident.to_string()),
            ),
            syn::Expr::Call(c) => self.call_kind(c),
            _ => (Kind::Unknown, None),
        }
    }

    fn call_kind(&self, c: &syn::ExprCall) -> (Kind, Option<String>) {
        let syn::Expr::Path(p) = strip(&c.func) else {
            return (Kind::Unknown, None);
        };
        let segs = segments(&p.path);
        let last = segs.last().map(String::as_str).unwrap_or("");
        let ty = segs.len().checked_sub(2).map(|i| segs[i].as_str());
        if matches!(last, "zeroed" | "uninit" | "uninit_array" | "zeroed_array") {
            return (Kind::Value, None);
        }
        if matches!(ty, Some("NonNull" | "ptr"))
            || matches!(last, "into_raw" | "leak" | "null" | "null_mut")
        {
            return (Kind::Ref, None);
        }
        if let Some(Item::Fn(f)) = self.resolve(&segs) {
            let def = &self.index.fns[f];
            return match &def.sig.output {
                syn::ReturnType::Type(_, t) => classify_type(t, def.self_ty.as_deref()),
                syn::ReturnType::Default => (Kind::Value, None),
            };
        }
        if matches!(last, "Some" | "Ok")
            && let Some(arg) = c.args.first()
        {
            return self.infer_kind(arg, &Self::val(0));
        }
        let is_upper = |s: &str| s.starts_with(|c: char| c.is_ascii_uppercase());
        match ty {
            Some(t) if is_upper(t) => (Kind::Value, Some(t.to_owned())),
            _ if segs.len() == 1 && is_upper(last) => (Kind::Value, Some(last.to_owned())),
            _ => (Kind::Unknown, None),
        }
    }
}

/// Strips parentheses and invisible groups.
pub(super) fn strip(e: &syn::Expr) -> &syn::Expr {
    match e {
        syn::Expr::Paren(p) => strip(&p.expr),
        syn::Expr::Group(g) => strip(&g.expr),
        _ => e,
    }
}

/// The temporaries whose lifetime a `let` initializer extends (the Rust reference's
/// "extending expressions"): the non-place roots of borrowed operands, found through casts,
/// `if`/`match` branches, block tails and the operands of tuples, arrays and struct literals.
fn extended_roots<'e>(e: &'e syn::Expr, out: &mut Vec<&'e syn::Expr>) {
    match strip(e) {
        syn::Expr::Cast(c) => extended_roots(&c.expr, out),
        syn::Expr::Reference(r) => {
            let mut root = strip(&r.expr);
            while let syn::Expr::Index(syn::ExprIndex { expr: base, .. })
            | syn::Expr::Field(syn::ExprField { base, .. }) = root
            {
                root = strip(base);
            }
            if !is_place(root) && !is_constant(root) {
                out.push(root);
            }
        }
        syn::Expr::If(i) => {
            block_tail(&i.then_branch, out);
            if let Some((_, e)) = &i.else_branch {
                extended_roots(e, out);
            }
        }
        syn::Expr::Block(b) => block_tail(&b.block, out),
        syn::Expr::Unsafe(u) => block_tail(&u.block, out),
        syn::Expr::Match(m) => m.arms.iter().for_each(|a| extended_roots(&a.body, out)),
        syn::Expr::Tuple(t) => t.elems.iter().for_each(|e| extended_roots(e, out)),
        syn::Expr::Array(a) => a.elems.iter().for_each(|e| extended_roots(e, out)),
        syn::Expr::Struct(s) => s.fields.iter().for_each(|f| extended_roots(&f.expr, out)),
        _ => {}
    }
}

fn block_tail<'e>(b: &'e syn::Block, out: &mut Vec<&'e syn::Expr>) {
    if let Some(syn::Stmt::Expr(e, None)) = b.stmts.last() {
        extended_roots(e, out);
    }
}

/// Whether `e` is a place expression (a binding, a field, an index, a dereference, a static).
pub(super) fn is_place(e: &syn::Expr) -> bool {
    matches!(
        strip(e),
        syn::Expr::Path(_)
            | syn::Expr::Field(_)
            | syn::Expr::Index(_)
            | syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Deref(_),
                ..
            })
    )
}

/// Whether `&e` is promoted to a `'static` constant: literals and arrays or tuples of them.
pub(super) fn is_constant(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Lit(_) => true,
        syn::Expr::Array(a) => a.elems.iter().all(is_constant),
        syn::Expr::Tuple(t) => t.elems.iter().all(is_constant),
        syn::Expr::Repeat(r) => is_constant(&r.expr),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_constant(&u.expr),
        _ => false,
    }
}

const SCALAR_TYPES: &[&str] = &[
    "i8",
    "i16",
    "i32",
    "i64",
    "i128",
    "isize",
    "u8",
    "u16",
    "u32",
    "u64",
    "u128",
    "usize",
    "f32",
    "f64",
    "bool",
    "c_char",
    "c_schar",
    "c_uchar",
    "c_short",
    "c_ushort",
    "c_int",
    "c_uint",
    "c_long",
    "c_ulong",
    "c_longlong",
    "c_ulonglong",
    "c_float",
    "c_double",
    "size_t",
    "ssize_t",
    "off_t",
    "pid_t",
    "uid_t",
    "gid_t",
    "mode_t",
    "socklen_t",
    "time_t",
];

/// Whether a type is a raw pointer, an integer, a float, a bool, or a `MaybeUninit` of those.
pub(super) fn is_scalar_type(ty: &syn::Type) -> bool {
    match ty {
        syn::Type::Ptr(_) => true,
        syn::Type::Paren(p) => is_scalar_type(&p.elem),
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else {
                return false;
            };
            if last.ident == "MaybeUninit" {
                return match &last.arguments {
                    syn::PathArguments::AngleBracketed(a) => {
                        matches!(a.args.first(), Some(syn::GenericArgument::Type(t)) if is_scalar_type(t))
                    }
                    _ => false,
                };
            }
            SCALAR_TYPES.iter().any(|s| last.ident == s)
        }
        _ => false,
    }
}

/// Whether an initializer makes a scalar: a numeric or boolean literal, a null pointer, a cast
/// (`as` only makes numbers, chars and pointers), an integer type's `MAX`/`MIN`, or
/// `MaybeUninit::<scalar>::uninit()`.
pub(super) fn is_scalar_init(e: &syn::Expr) -> bool {
    match strip(e) {
        syn::Expr::Lit(l) => matches!(
            l.lit,
            syn::Lit::Int(_) | syn::Lit::Float(_) | syn::Lit::Bool(_)
        ),
        syn::Expr::Unary(u) if matches!(u.op, syn::UnOp::Neg(_)) => is_scalar_init(&u.expr),
        syn::Expr::Cast(_) => true,
        syn::Expr::Path(p) => {
            p.path.segments.len() >= 2
                && p.path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "MAX" || s.ident == "MIN")
        }
        syn::Expr::Call(c) => {
            let syn::Expr::Path(p) = strip(&c.func) else {
                return false;
            };
            let segs = &p.path.segments;
            let last = segs.last().map(|s| s.ident.to_string()).unwrap_or_default();
            if matches!(last.as_str(), "null" | "null_mut") {
                return true;
            }
            // `MaybeUninit::<u32>::uninit()`
            let scalar_arg = |s: &syn::PathSegment| match &s.arguments {
                syn::PathArguments::AngleBracketed(a) => {
                    matches!(a.args.first(), Some(syn::GenericArgument::Type(t)) if is_scalar_type(t))
                }
                _ => false,
            };
            matches!(last.as_str(), "uninit" | "zeroed")
                && segs
                    .iter()
                    .any(|s| s.ident == "MaybeUninit" && scalar_arg(s))
        }
        _ => false,
    }
}
