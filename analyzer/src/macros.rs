//! What the analyzer reads inside macro invocations, without expanding any macro.
//!
//! Real FFI crates put their calls, and even their modules, inside macros: git2 writes
//! `try_call!(raw::git_x(&mut out, ..))`, nix declares its modules as
//! `feature! { #![feature = "fs"] pub mod fcntl; }`, and many crates pick a platform with
//! `cfg_if! { if #[cfg(unix)] { mod unix; } else { .. } }`. Macro definitions are never read;
//! what the tokens of an invocation look like decides what is seen:
//!
//! - **In expressions and statements** ([`args`]): when the tokens parse as comma-separated
//!   expressions (`try_call!(..)`, `cvt!(..)`, `assert!(..)`, `format!`-family arguments), they
//!   are analyzed as those expressions, with their own spans; `vec![..]` as an array. A local
//!   `macro_rules!` that wraps its arguments in a call (`raw::f(convert(&$e))`) is seen as if
//!   the arguments were passed directly. A local `macro_rules!` whose first rule takes a
//!   function name and its arguments and calls it under a path (alsa's
//!   `acheck!(snd_pcm_close(p))` calling `alsa::snd_pcm_close`) is read with that path. What
//!   else a macro's body adds (a hidden call, a `return`, a conversion) is not seen. A `cfg_if!` of statements ([`branch_stmts`]) is read as the
//!   statements of all its branches, in the enclosing block. Tokens that parse as neither
//!   (`matches!(x, Some(_) | None)`, a DSL) leave the invocation unanalyzed; `--verbose`
//!   counts them.
//! - **At module level** ([`expand_items`]): a brace-delimited invocation (not
//!   `macro_rules!`) whose tokens parse as items, optionally after inner attributes
//!   (`feature! { #![feature = "fs"] pub mod fcntl; }`), or as `cfg_if!` branches
//!   (`if #[cfg(..)] { items } else if .. { items } else { items }`), is replaced by those
//!   items, as if the macro emitted them unchanged: modules are followed, functions indexed,
//!   `use` items resolved. Every branch of a `cfg_if!` is read (cfg is not evaluated, as
//!   elsewhere). A module declared there may be absent without an error. Macros that generate
//!   items from other tokens (`bitflags!`, `lazy_static!`) declare nothing the analysis reads.
//!
//! The prefilter's lexer ([`crate::prefilter`]) keeps the headers of the same invocations in
//! the skeleton, so a file's skeleton and its full tree expand to the same modules, `use`
//! items, statics and `extern` blocks. When a full body does not parse as items but its
//! skeleton does, the skeleton's items are taken (the names the skeleton keeps are then the same
//! in both trees).
//!
//! Architecture invariant: syntax only; nothing here knows what a macro or a call means.

use proc_macro2::{Delimiter, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};

use crate::source::Lines;

/// The marker attribute on items read from a macro body (a module declared there may be absent).
const MARKER: &str = "#[ffi_escape::from_macro]";

/// The expressions of an expression- or statement-position invocation: its comma-separated
/// arguments (`vec![..]`: one array expression), or `None` when the tokens do not parse.
/// `wrapper` is the path under which the macro calls the function its first argument names
/// (see [`crate::prefilter::Scan::call_wrappers`]): `acheck!(snd_pcm_close(p))` with
/// `["alsa"]` reads as `alsa::snd_pcm_close(p)`, with the spans of the invocation.
pub fn args(m: &syn::Macro, wrapper: Option<&[String]>) -> Option<Vec<syn::Expr>> {
    if is_named(m, "vec") {
        let group = proc_macro2::Group::new(Delimiter::Bracket, m.tokens.clone());
        return syn::parse2::<syn::Expr>(TokenTree::Group(group).into())
            .ok()
            .map(|e| vec![e]);
    }
    let mut args: Vec<syn::Expr> = m
        .parse_body_with(syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        .ok()?
        .into_iter()
        .collect();
    if let (Some(path), Some(syn::Expr::Call(c))) = (wrapper, args.first_mut())
        && let syn::Expr::Path(p) = &mut *c.func
        && p.qself.is_none()
        && let Some(f) = p.path.get_ident().cloned()
    {
        let span = f.span();
        p.path.segments = path
            .iter()
            .map(|s| syn::PathSegment::from(proc_macro2::Ident::new(s, span)))
            .chain(std::iter::once(syn::PathSegment::from(f)))
            .collect();
    }
    Some(args)
}

/// The last segment of the invocation's path is `name`.
pub fn is_named(m: &syn::Macro, name: &str) -> bool {
    m.path.segments.last().is_some_and(|s| s.ident == name)
}

/// Whether an item was read from a macro body by [`expand_items`].
pub fn from_macro(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        let segs: Vec<String> = a
            .path()
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        segs == ["ffi_escape", "from_macro"]
    })
}

/// Replaces every brace-delimited module-level invocation whose body reads as items (see the
/// module docs) by those items, in `items` and in inline modules, recursively. `lines` are the
/// file's text and line starts when `items` is its full tree or its function view: a body that
/// does not parse as items is then read through its skeleton, as the prefilter would (a view's
/// spans are read by line and column, see [`crate::source::byte_range`]).
pub fn expand_items(items: &mut Vec<syn::Item>, lines: Option<Lines<'_>>) {
    // Rebuilt in one pass: splicing each body in place moved the rest of the items every time
    // (libc's modules hold hundreds of `f! { .. }` invocations).
    let mut out = Vec::with_capacity(items.len());
    for mut item in std::mem::take(items) {
        if let syn::Item::Mod(m) = &mut item
            && let Some((_, inner)) = &mut m.content
        {
            expand_items(inner, lines);
        }
        let expanded = match &item {
            syn::Item::Macro(m) if is_container(m) => body_items(&m.mac, lines).map(|mut body| {
                expand_items(&mut body, lines);
                for item in &mut body {
                    if let Some(attrs) = item_attrs(item) {
                        let mut all = m.attrs.clone();
                        all.extend(marker());
                        all.append(attrs);
                        *attrs = all;
                    }
                }
                body
            }),
            _ => None,
        };
        match expanded {
            Some(body) => out.extend(body),
            None => out.push(item),
        }
    }
    *items = out;
}

/// A module-level invocation the prefilter's lexer also treats as a container: braces, a plain
/// path (`cfg_if!`, `cfg_if::cfg_if!`), not a `macro_rules!` definition.
fn is_container(m: &syn::ItemMacro) -> bool {
    m.ident.is_none()
        && matches!(m.mac.delimiter, syn::MacroDelimiter::Brace(_))
        && m.mac.path.leading_colon.is_none()
        && m.mac
            .path
            .segments
            .iter()
            .all(|s| matches!(s.arguments, syn::PathArguments::None))
        && !is_named(&m.mac, "macro_rules")
}

/// The items of a container's body, through its skeleton when it does not parse and `lines`
/// are the file's (see [`expand_items`]).
fn body_items(m: &syn::Macro, lines: Option<Lines<'_>>) -> Option<Vec<syn::Item>> {
    if let Some(items) = items_or_branches(m.tokens.clone()) {
        return Some(items);
    }
    let lines = lines?;
    let span = m.delimiter.span();
    let (start, end) = (
        crate::source::byte_range(Some(lines), span.open()).end,
        crate::source::byte_range(Some(lines), span.close()).start,
    );
    let (before, body) = (lines.text().get(..start)?, lines.text().get(start..end)?);
    let scan = crate::prefilter::scan(body);
    if scan.keeps_nothing() {
        // `bitflags! { .. }`: a blank skeleton, which reads as no items.
        return Some(Vec::new());
    }
    // The skeleton of the body alone, at its place in an otherwise blank text: the same lines
    // and columns, which is how spans are read.
    let mut padded = crate::prefilter::blank(before);
    padded.push_str(&crate::prefilter::skeleton(body, &scan));
    let tokens: TokenStream = padded.parse().ok()?;
    items_or_branches(tokens)
}

/// Items (after optional inner attributes), or the items of every `cfg_if!` branch.
fn items_or_branches(tokens: TokenStream) -> Option<Vec<syn::Item>> {
    let items = |input: ParseStream| -> syn::Result<Vec<syn::Item>> {
        syn::Attribute::parse_inner(input)?;
        let mut items = Vec::new();
        while !input.is_empty() {
            items.push(input.parse()?);
        }
        Ok(items)
    };
    if let Ok(items) = items.parse2(tokens.clone()) {
        return Some(items);
    }
    branches(tokens)
}

/// `if #[cfg(a)] { .. } else if #[cfg(b)] { .. } else { .. }`: the items of every branch.
fn branches(tokens: TokenStream) -> Option<Vec<syn::Item>> {
    let mut out = Vec::new();
    for branch in cfg_if_branches(tokens)? {
        // A branch that does not parse is left out; the others still count.
        out.extend(items_or_branches(branch).unwrap_or_default());
    }
    Some(out)
}

/// The statements of every branch of a statement-position `cfg_if!`, whose tokens are no
/// expressions: `cfg_if! { if #[cfg(unix)] { let r = libc::f(); } else { let r = 0; } }`
/// expands to one branch's statements in the enclosing block; all branches are read.
pub fn branch_stmts(m: &syn::Macro) -> Option<Vec<Vec<syn::Stmt>>> {
    cfg_if_branches(m.tokens.clone())?
        .into_iter()
        .map(|b| syn::Block::parse_within.parse2(b).ok())
        .collect()
}

/// The bodies of the branches of `if #[cfg(a)] { .. } else if #[cfg(b)] { .. } else { .. }`.
fn cfg_if_branches(tokens: TokenStream) -> Option<Vec<TokenStream>> {
    let toks: Vec<TokenTree> = tokens.into_iter().collect();
    let word = |i: usize, w: &str| matches!(toks.get(i), Some(TokenTree::Ident(id)) if id == w);
    let mut out = Vec::new();
    let mut i = 0;
    let mut expect_if = true;
    loop {
        if expect_if {
            if !word(i, "if") {
                return None;
            }
            i += 1;
            // One or more `#[..]`.
            let mut attrs = 0;
            while matches!(toks.get(i), Some(TokenTree::Punct(p)) if p.as_char() == '#')
                && matches!(toks.get(i + 1), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Bracket)
            {
                i += 2;
                attrs += 1;
            }
            if attrs == 0 {
                return None;
            }
        }
        let Some(TokenTree::Group(g)) = toks.get(i) else {
            return None;
        };
        if g.delimiter() != Delimiter::Brace {
            return None;
        }
        out.push(g.stream());
        i += 1;
        if i == toks.len() {
            return Some(out);
        }
        if !word(i, "else") || !expect_if {
            return None;
        }
        i += 1;
        expect_if = word(i, "if");
    }
}

fn marker() -> Vec<syn::Attribute> {
    syn::Attribute::parse_outer
        .parse_str(MARKER)
        .unwrap_or_default()
}

/// The attributes of an item, when it has any.
fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    use syn::Item as I;
    Some(match item {
        I::Const(i) => &mut i.attrs,
        I::Enum(i) => &mut i.attrs,
        I::ExternCrate(i) => &mut i.attrs,
        I::Fn(i) => &mut i.attrs,
        I::ForeignMod(i) => &mut i.attrs,
        I::Impl(i) => &mut i.attrs,
        I::Macro(i) => &mut i.attrs,
        I::Mod(i) => &mut i.attrs,
        I::Static(i) => &mut i.attrs,
        I::Struct(i) => &mut i.attrs,
        I::Trait(i) => &mut i.attrs,
        I::TraitAlias(i) => &mut i.attrs,
        I::Type(i) => &mut i.attrs,
        I::Union(i) => &mut i.attrs,
        I::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expand(text: &str) -> Vec<String> {
        let mut file = syn::parse_file(text).expect("parses");
        let mut db = crate::source::SourceDb::default();
        let id = db.add("t.rs".into(), text.to_owned());
        expand_items(&mut file.items, db.lines(id));
        file.items
            .iter()
            .map(|i| match i {
                syn::Item::Mod(m) => format!(
                    "mod {}{}",
                    m.ident,
                    if from_macro(&m.attrs) { " (macro)" } else { "" }
                ),
                syn::Item::Fn(f) => format!("fn {}", f.sig.ident),
                syn::Item::Use(_) => "use".to_owned(),
                syn::Item::Macro(m) => format!(
                    "{}!",
                    m.mac
                        .path
                        .segments
                        .last()
                        .map(|s| s.ident.to_string())
                        .unwrap_or_default()
                ),
                _ => "other".to_owned(),
            })
            .collect()
    }

    #[test]
    fn item_bodies_and_cfg_if_branches_are_read_as_items() {
        assert_eq!(
            expand("feature! { #![feature = \"fs\"] pub mod fcntl; fn f() {} }\nmod plain;"),
            ["mod fcntl (macro)", "fn f", "mod plain"]
        );
        assert_eq!(
            expand(
                "cfg_if::cfg_if! { if #[cfg(unix)] { mod unix; pub use unix::*; } \
                 else if #[cfg(windows)] { mod windows; } else { mod other; } }"
            ),
            [
                "mod unix (macro)",
                "use",
                "mod windows (macro)",
                "mod other (macro)"
            ]
        );
        assert_eq!(
            expand("outer! { inner! { mod deep; } }"),
            ["mod deep (macro)"],
            "nested containers are expanded"
        );
    }

    #[test]
    fn definitions_and_other_shapes_are_not_expanded() {
        // `bitflags!` declares nothing the analysis reads: no items, as in the skeleton.
        assert_eq!(
            expand(
                "macro_rules! m { () => { mod x; } }\nbitflags! { pub struct F: u32 { const A = 1; } }\n\
                 link!(\"a\" fn f());\nlazy_static! { static ref X: u8 = 1; }"
            ),
            ["macro_rules!", "link!", "lazy_static!"]
        );
    }

    #[test]
    fn a_body_that_does_not_parse_is_read_through_its_skeleton() {
        // `fn f() -> $x {}` is no item; the module and the import still count.
        assert_eq!(
            expand("odd! { mod kept; use a::b; fn f() -> $x {} }"),
            ["mod kept (macro)", "use"]
        );
    }

    #[test]
    fn items_read_through_a_skeleton_keep_their_positions() {
        // After several-byte characters and a byte order mark, on the first line and the next.
        let text =
            "\u{feff}odd! { /* → */ mod kept; fn f() -> $x {} }\nodd! { /* é */ mod two; $y }";
        let mut file = syn::parse_file(text).expect("parses");
        let mut db = crate::source::SourceDb::default();
        let id = db.add("t.rs".into(), text.to_owned());
        expand_items(&mut file.items, db.lines(id));
        let names: Vec<&str> = file
            .items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Mod(m) => {
                    let r = crate::source::byte_range(db.lines(id), m.ident.span());
                    text.get(r)
                }
                _ => None,
            })
            .collect();
        assert_eq!(names, ["kept", "two"]);
    }

    #[test]
    fn arguments_parse_as_expressions() {
        let m = |s: &str| syn::parse_str::<syn::Macro>(s).expect("a macro");
        let n = |s: &str| args(&m(s), None).map(|a| a.len());
        assert_eq!(n("try_call!(raw::f(&mut out, p))"), Some(1));
        assert_eq!(n("vec![0u8; 4]"), Some(1));
        assert_eq!(n("assert!(x, \"{}\", y)"), Some(3));
        assert_eq!(n("dsl!(a => b)"), None);
    }

    #[test]
    fn a_call_wrapper_puts_its_path_before_the_function() {
        let m = syn::parse_str::<syn::Macro>("acheck!(snd_close(p))").expect("a macro");
        let wrapped = args(&m, Some(&["alsa".to_owned()]));
        let Some(syn::Expr::Call(c)) = wrapped.as_ref().and_then(|a| a.first()) else {
            panic!("a call");
        };
        let syn::Expr::Path(p) = &*c.func else {
            panic!("a path");
        };
        let segs: Vec<String> = p
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        assert_eq!(segs, ["alsa", "snd_close"]);
    }
}
