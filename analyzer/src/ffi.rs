//! The C functions a crate declares: every function item of an `extern "ABI" { }` or
//! `unsafe extern "ABI" { }` block, wherever it stands (module level, inline modules, function
//! bodies). A skeleton or a function view does not have the functions the prefilter's lexer
//! read from a block ([`crate::prefilter::ForeignFn`]): those come from the lexer, the others
//! (all of them in a whole file's tree) from syn, in source order either way.
//!
//! Architecture invariant: this module knows what C functions exist, not what is known of them
//! (that is [`crate::contracts`]) nor who calls them.

use syn::visit::Visit;

use crate::source::{FileId, SourceDb, Span, byte_range};
use crate::workspace::ParsedFile;

/// A function declared in an `extern` block.
#[derive(Clone, Debug)]
pub struct FfiFn {
    /// The Rust name of the item.
    pub name: String,
    /// The C symbol: `#[link_name]` when present, else the item's name.
    pub symbol: String,
    /// Declared parameter names (`_` or a pattern gives `argN`).
    pub params: Vec<String>,
    /// The module path the item is declared in.
    pub module: Vec<String>,
    /// The item's name in the source.
    pub span: Span,
    /// It is declared in an `extern` block inside a function's body: visible in that body
    /// only, not as an item of its module.
    pub nested: bool,
}

/// Collects the FFI functions of all parsed files of `db`, in file and source order.
pub fn collect(db: &SourceDb, files: &[ParsedFile]) -> Vec<FfiFn> {
    let mut out = Vec::new();
    // The lexer saw every `extern { }` block and `link!` declaration, in macros too.
    for f in files.iter().filter(|f| f.scan.declares_ffi) {
        if let Some(ast) = &f.ast {
            let from = out.len();
            let mut v = Collector {
                file: f.file,
                text: db.text(f.file),
                lines: db.lines(f.file),
                foreign: &f.scan.foreign,
                module: f.module.clone(),
                out: &mut out,
            };
            v.visit_file(ast);
            // Where the block is comes from the lexer, which sees the same blocks whether the
            // tree is the file's skeleton (where a body's block stands at the top) or its view.
            for decl in &mut out[from..] {
                decl.nested = f
                    .scan
                    .nested_ffi
                    .iter()
                    .any(|&(start, end)| start <= decl.span.start && decl.span.end <= end);
            }
        }
    }
    out
}

/// Drops the function items of the `extern` blocks of `file`'s tree once [`collect`] has read
/// them: nothing else reads them, and in bindings they are most of a crate's syntax trees
/// (libc's 444 files declare about 7,800 functions). The blocks' statics stay for the item
/// index. Only the trees of files the lexer saw declaring FFI are walked.
pub fn forget_declarations(file: &mut ParsedFile) {
    let Some(ast) = file.ast.as_mut().filter(|_| file.scan.declares_ffi) else {
        return;
    };
    struct Forget;
    impl syn::visit_mut::VisitMut for Forget {
        fn visit_item_foreign_mod_mut(&mut self, block: &mut syn::ItemForeignMod) {
            block
                .items
                .retain(|item| !matches!(item, syn::ForeignItem::Fn(_)));
        }
    }
    syn::visit_mut::VisitMut::visit_file_mut(&mut Forget, ast);
}

struct Collector<'o> {
    file: FileId,
    text: &'o str,
    /// The file's line starts (see [`crate::source::byte_range`]): a bindings file declares
    /// thousands of functions, and proc-macro2's own conversion counts characters.
    lines: Option<crate::source::Lines<'o>>,
    /// The functions of the file's `extern` blocks the lexer read, which a skeleton or a
    /// function view does not have (see [`crate::prefilter::ForeignFn`]).
    foreign: &'o [crate::prefilter::ForeignFn],
    module: Vec<String>,
    out: &'o mut Vec<FfiFn>,
}

fn link_name(attrs: &[syn::Attribute]) -> Option<String> {
    attrs
        .iter()
        .find(|a| a.path().is_ident("link_name"))
        .and_then(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
}

impl<'ast> Visit<'ast> for Collector<'_> {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        self.module.push(m.ident.to_string());
        syn::visit::visit_item_mod(self, m);
        self.module.pop();
    }

    /// The block's functions in source order: those its tree has (all of them in a whole
    /// file's tree), and those the lexer read that it does not.
    fn visit_item_foreign_mod(&mut self, block: &'ast syn::ItemForeignMod) {
        let from = self.out.len();
        for item in &block.items {
            if let syn::ForeignItem::Fn(f) = item {
                self.add(&f.sig, link_name(&f.attrs));
            }
        }
        let braces = byte_range(self.lines, block.brace_token.span.join());
        let (start, end) = (braces.start as u32, braces.end as u32);
        let first = self.foreign.partition_point(|f| f.name.0 < start);
        let last = self.foreign.partition_point(|f| f.name.0 < end);
        // The tree's, in source order.
        let parsed = self.out.len();
        for f in &self.foreign[first..last] {
            let at = f.name.0 as usize;
            if self.out[from..parsed]
                .binary_search_by_key(&at, |d| d.span.start)
                .is_ok()
            {
                continue;
            }
            let text = self.text;
            let text = move |(a, b): (u32, u32)| text[a as usize..b as usize].to_owned();
            let span = Span {
                file: self.file,
                start: at,
                end: f.name.1 as usize,
            };
            let params = f.params.iter().map(|p| p.map(text));
            self.push(text(f.name), f.link_name.clone(), params, span);
        }
        if self.out.len() > parsed && parsed > from {
            self.out[from..].sort_by_key(|d| d.span.start);
        }
    }

    fn visit_item_macro(&mut self, m: &'ast syn::ItemMacro) {
        if let Some((sig, link_name)) = link_macro(&m.mac) {
            self.add(&sig, link_name);
        }
        self.visit_macro(&m.mac);
    }

    /// `extern { }` blocks in a macro's tokens (`cfg_if! { .. extern "C" { .. } .. }`) declare
    /// FFI functions too, as the prefilter's lexer sees them.
    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        let mut blocks = Vec::new();
        extern_blocks(m.tokens.clone(), &mut blocks);
        for b in &blocks {
            self.visit_item_foreign_mod(b);
        }
    }
}

/// The `extern "ABI" { .. }` blocks anywhere in `tokens` that parse as such.
fn extern_blocks(tokens: proc_macro2::TokenStream, out: &mut Vec<syn::ItemForeignMod>) {
    use proc_macro2::{Delimiter, TokenTree};
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "extern" => {
                let abi = matches!(tokens.get(i + 1), Some(TokenTree::Literal(_)));
                let body = i + 1 + usize::from(abi);
                if matches!(tokens.get(body), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace)
                {
                    let block: proc_macro2::TokenStream =
                        tokens[i..=body].iter().cloned().collect();
                    if let Ok(b) = syn::parse2(block) {
                        out.push(b);
                    }
                }
            }
            TokenTree::Group(g) => extern_blocks(g.stream(), out),
            _ => {}
        }
    }
}

impl Collector<'_> {
    /// A declaration as syn read it.
    fn add(&mut self, sig: &syn::Signature, link_name: Option<String>) {
        let params = sig.inputs.iter().map(|arg| match arg {
            syn::FnArg::Typed(pt) => match &*pt.pat {
                syn::Pat::Ident(id) => Some(id.ident.to_string()),
                _ => None,
            },
            syn::FnArg::Receiver(_) => Some("self".to_owned()),
        });
        let span = Span::in_file(self.file, self.lines, sig.ident.span());
        self.push(sig.ident.to_string(), link_name, params, span);
    }

    /// A declaration: its parameters' names (`None` for a pattern, named `argN`).
    fn push(
        &mut self,
        name: String,
        link_name: Option<String>,
        params: impl Iterator<Item = Option<String>>,
        span: Span,
    ) {
        self.out.push(FfiFn {
            symbol: link_name.unwrap_or_else(|| name.clone()),
            name,
            params: params
                .enumerate()
                .map(|(i, p)| p.unwrap_or_else(|| format!("arg{i}")))
                .collect(),
            module: self.module.clone(),
            span,
            nested: false,
        });
    }
}

/// The function a `windows_targets::link!` / `windows_link::link!` invocation declares:
/// `link!("kernel32.dll" "system" ["link_name"] [#[doc]] fn Name(args) -> Ret)`.
fn link_macro(mac: &syn::Macro) -> Option<(syn::Signature, Option<String>)> {
    let mut segs = mac.path.segments.iter().map(|s| s.ident.to_string());
    let (first, last) = (segs.next()?, mac.path.segments.last()?.ident.to_string());
    if last != "link" || !(first == "windows_targets" || first == "windows_link" || first == "link")
    {
        return None;
    }
    let tokens: Vec<proc_macro2::TokenTree> = mac.tokens.clone().into_iter().collect();
    let fn_at = tokens
        .iter()
        .position(|t| matches!(t, proc_macro2::TokenTree::Ident(i) if i == "fn"))?;
    let literals: Vec<String> = tokens[..fn_at]
        .iter()
        .filter_map(|t| match t {
            proc_macro2::TokenTree::Literal(l) => syn::parse_str::<syn::LitStr>(&l.to_string())
                .ok()
                .map(|s| s.value()),
            _ => None,
        })
        .collect();
    if literals.len() < 2 {
        return None;
    }
    let mut decl: proc_macro2::TokenStream = tokens[fn_at..].iter().cloned().collect();
    decl.extend(std::iter::once(proc_macro2::TokenTree::Punct(
        proc_macro2::Punct::new(';', proc_macro2::Spacing::Alone),
    )));
    let f: syn::ForeignItemFn = syn::parse2(decl).ok()?;
    Some((f.sig, literals.get(2).cloned()))
}
