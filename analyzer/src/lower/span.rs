//! Spans of expressions without re-tokenizing them.
//!
//! syn's `Spanned::span()` prints an expression back to tokens to find its extent: linear in
//! its size, so calling it at every level of a nested expression (`a.b().b()…`, `g(g(…))`)
//! is quadratic in time and allocation. Here the span is the first token's joined with the
//! last token's, found by walking down one edge of the tree.

use proc_macro2::Span;
use syn::spanned::Spanned;

/// The span of an expression, from its first to its last token.
pub(super) fn expr_span(e: &syn::Expr) -> Span {
    let (first, last) = (first(e), last(e));
    first.join(last).unwrap_or(first)
}

fn first(e: &syn::Expr) -> Span {
    use syn::Expr as E;
    match e {
        E::Array(a) => a.bracket_token.span.open(),
        E::Assign(a) => first(&a.left),
        E::Await(a) => first(&a.base),
        E::Binary(b) => first(&b.left),
        E::Call(c) => first(&c.func),
        E::Cast(c) => first(&c.expr),
        E::Field(f) => first(&f.base),
        E::Index(i) => first(&i.expr),
        E::MethodCall(m) => first(&m.receiver),
        E::Try(t) => first(&t.expr),
        E::Range(r) => r.start.as_deref().map_or_else(|| r.limits.span(), first),
        E::Paren(p) => p.paren_token.span.open(),
        E::Tuple(t) => t.paren_token.span.open(),
        E::Repeat(r) => r.bracket_token.span.open(),
        E::Reference(r) => r.and_token.span,
        E::RawAddr(r) => r.and_token.span,
        E::Return(r) => r.return_token.span,
        E::Unsafe(u) => u.unsafe_token.span,
        E::Lit(l) => l.lit.span(),
        E::Path(p) if p.qself.is_none() => match (&p.path.leading_colon, p.path.segments.first()) {
            (Some(c), _) => c.spans[0],
            (None, Some(s)) => s.ident.span(),
            (None, None) => e.span(),
        },
        E::Macro(m) => m
            .mac
            .path
            .segments
            .first()
            .map_or_else(|| e.span(), |s| s.ident.span()),
        E::Block(b) if b.label.is_none() => b.block.brace_token.span.open(),
        E::If(i) => i.if_token.span,
        E::Match(m) => m.match_token.span,
        E::Let(l) => l.let_token.span,
        E::Closure(c) => c.capture.map_or(c.inputs_begin.span, |m| m.span),
        // The rest start with a keyword or are never deeply nested on their left edge.
        _ => e.span(),
    }
}

fn last(e: &syn::Expr) -> Span {
    use syn::Expr as E;
    match e {
        E::Array(a) => a.bracket_token.span.close(),
        E::Assign(a) => last(&a.right),
        E::Binary(b) => last(&b.right),
        E::Block(b) => b.block.brace_token.span.close(),
        E::Call(c) => c.paren_token.span.close(),
        E::Cast(c) => c.ty.span(),
        E::Closure(c) => last(&c.body),
        E::Field(f) => f.member.span(),
        E::If(i) => i
            .else_branch
            .as_ref()
            .map_or_else(|| i.then_branch.brace_token.span.close(), |(_, e)| last(e)),
        E::Index(i) => i.bracket_token.span.close(),
        E::Let(l) => last(&l.expr),
        E::Loop(l) => l.body.brace_token.span.close(),
        E::Match(m) => m.brace_token.span.close(),
        E::MethodCall(m) => m.paren_token.span.close(),
        E::Paren(p) => p.paren_token.span.close(),
        E::Range(r) => r.end.as_deref().map_or_else(|| r.limits.span(), last),
        E::RawAddr(r) => last(&r.expr),
        E::Reference(r) => last(&r.expr),
        E::Repeat(r) => r.bracket_token.span.close(),
        E::Return(r) => r.expr.as_deref().map_or(r.return_token.span, last),
        E::Struct(s) => s.brace_token.span.close(),
        E::Try(t) => t.question_token.span,
        E::Tuple(t) => t.paren_token.span.close(),
        E::Unary(u) => last(&u.expr),
        E::Unsafe(u) => u.block.brace_token.span.close(),
        E::While(w) => w.body.brace_token.span.close(),
        E::ForLoop(f) => f.body.brace_token.span.close(),
        E::Lit(l) => l.lit.span(),
        E::Macro(m) => match &m.mac.delimiter {
            syn::MacroDelimiter::Paren(p) => p.span.close(),
            syn::MacroDelimiter::Brace(b) => b.span.close(),
            syn::MacroDelimiter::Bracket(b) => b.span.close(),
        },
        _ => e.span(),
    }
}

/// The span of a call `f(..)`.
pub(super) fn call_span(c: &syn::ExprCall) -> Span {
    let first = first(&c.func);
    first.join(c.paren_token.span.close()).unwrap_or(first)
}

/// The span of a method call `recv.m(..)`.
pub(super) fn method_call_span(m: &syn::ExprMethodCall) -> Span {
    let first = first(&m.receiver);
    first.join(m.paren_token.span.close()).unwrap_or(first)
}

/// The span of a closure, from its `move`/`|` to the end of its body.
pub(super) fn closure_span(c: &syn::ExprClosure) -> Span {
    let first = c.capture.map_or(c.inputs_begin.span, |m| m.span);
    first.join(last(&c.body)).unwrap_or(first)
}
