//! The textual prefilter: most Rust code never comes near an FFI call, and parsing it is most
//! of the cost of an analysis. This module decides, from tokens alone, which files need a full
//! syntax tree.
//!
//! Every file is lexed once ([`scan`]) with rustc's own lexer. The lexer finds the file's
//! *skeleton*: the items that name resolution and module discovery need — `mod` declarations
//! (with the headers and closing braces of inline modules), `use` and `extern crate` items,
//! `static`s, `extern { }` blocks and `link!` declaration macros — and every identifier outside
//! the FFI declarations. [`skeleton`] blanks everything else (byte for byte, so every span of
//! the skeleton's syntax tree is a span of the file), and the loader parses that instead of the
//! file.
//!
//! [`select`] then names the files that need their full syntax tree: those that mention a name
//! that can reach C. The names start as the FFI functions, `libc` and the `-sys` crates, and
//! grow to a fixed point:
//!
//! - a Rust function whose body mentions such a name is one (its callers must be lowered);
//! - a `use` or `extern crate` item that mentions one makes all of its names such names (so
//!   aliases are followed); a module that re-exports one, or declares FFI functions, is one
//!   (`ffi::f()`, `sys::f()`);
//! - a file that defines a function with a foreign ABI (a callback C may be handed) or that did
//!   not lex cleanly is always parsed in full, the latter so that its syntax error is reported.
//!
//! The names are an over-approximation: a file parsed for nothing costs time, never a finding.
//! A file whose syntax trees would differ is one that mentions none of the names, and then no
//! function of it can call one. `--parse-all` turns the prefilter off; the corpus test checks
//! that both give the same bytes.
//!
//! Architecture invariant: this module knows tokens and item shapes, never what a call means;
//! it only ever adds files to parse.

use std::collections::{HashMap, HashSet};

use ra_ap_rustc_lexer::{FrontmatterAllowed, LiteralKind, TokenKind, tokenize};
use syn::spanned::Spanned;
use syn::visit::Visit;

/// What the lexer found in one file.
#[derive(Debug, Default)]
pub struct Scan {
    /// Byte ranges of the identifiers outside FFI declarations, in order (raw identifiers
    /// without their `r#`).
    pub idents: Vec<(u32, u32)>,
    /// Byte ranges of the skeleton, in order.
    keep: Vec<(usize, usize)>,
    /// The file defines a function with a foreign ABI, or does not lex cleanly: parse it in full.
    pub always_full: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok {
    Ident,
    Str,
    OtherLit,
    Open(u8),
    Close(u8),
    Semi,
    Pound,
    Bang,
    Colon,
    Other,
}

/// One significant token: kind, start, end, and for identifiers whether it is raw.
#[derive(Clone, Copy)]
struct T {
    kind: Tok,
    start: usize,
    end: usize,
}

/// Lexes `text`: its identifiers and its skeleton.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let toks = significant_tokens(text, &mut out.always_full);
    let word = |t: &T| {
        if t.kind == Tok::Ident {
            &text[t.start..t.end]
        } else {
            ""
        }
    };
    // Frames of open groups: the token index of the opener and whether it is a module body.
    let mut frames: Vec<(u8, bool)> = Vec::new();
    let mut item_start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let in_module = frames.last().is_none_or(|f| f.1);
        match t.kind {
            Tok::Ident => {
                if word(&t) == "extern" {
                    let abi = toks.get(i + 1).is_some_and(|n| n.kind == Tok::Str);
                    let next = toks.get(i + 1 + usize::from(abi));
                    let after = toks.get(i + 2 + usize::from(abi));
                    if next.is_some_and(|n| word(n) == "fn")
                        && after.is_some_and(|n| n.kind == Tok::Ident)
                    {
                        out.always_full = true;
                    }
                    if next.is_some_and(|n| n.kind == Tok::Open(b'}')) {
                        // An `extern { }` block, at any depth: kept whole, its names not counted.
                        let open = i + 1 + usize::from(abi);
                        let close = matching(&toks, open);
                        // From the item's attributes when the item starts here.
                        let unsafe_before = i > 0 && word(&toks[i - 1]) == "unsafe";
                        let own = i - usize::from(unsafe_before);
                        let from = if in_module && head(&toks, text, item_start) == own {
                            item_start
                        } else {
                            own
                        };
                        out.keep.push((toks[from].start, toks[close].end));
                        // Identifiers between the item start and `extern` (attributes) stay.
                        i = close + 1;
                        if in_module {
                            item_start = i;
                        }
                        continue;
                    }
                }
                if in_module
                    && word(&t) == "link"
                    && i == head(&toks, text, item_start) + path_len(&toks, text, item_start)
                    && toks.get(i + 1).is_some_and(|n| n.kind == Tok::Bang)
                    && toks
                        .get(i + 2)
                        .is_some_and(|n| matches!(n.kind, Tok::Open(_)))
                {
                    // `windows_targets::link!(..);`: FFI declarations too.
                    let close = matching(&toks, i + 2);
                    let end = match toks.get(close + 1) {
                        Some(n) if n.kind == Tok::Semi => close + 1,
                        _ => close,
                    };
                    out.keep.push((toks[item_start].start, toks[end].end));
                    i = end + 1;
                    item_start = i;
                    continue;
                }
                out.idents.push((t.start as u32, t.end as u32));
            }
            Tok::Open(c) => {
                let module_body = c == b'}' && in_module && {
                    let h = head(&toks, text, item_start);
                    word(&toks[h]) == "mod"
                        && toks.get(h + 1).is_some_and(|n| n.kind == Tok::Ident)
                        && h + 2 == i
                };
                if module_body {
                    out.keep.push((toks[item_start].start, t.end));
                    item_start = i + 1;
                }
                frames.push((c, module_body));
            }
            Tok::Close(c) => {
                let Some((open, module_body)) = frames.pop() else {
                    out.always_full = true;
                    break;
                };
                if open != c {
                    out.always_full = true;
                    break;
                }
                if module_body {
                    out.keep.push((t.start, t.end));
                    item_start = i + 1;
                } else if c == b'}'
                    && frames.last().is_none_or(|f| f.1)
                    && toks.get(i + 1).is_none_or(|n| n.kind != Tok::Semi)
                {
                    // The end of an item with a body (`fn`, `impl`); one followed by `;`
                    // (`use a::{b};`, `const X = {..};`) ends at the `;`.
                    item_start = i + 1;
                }
            }
            Tok::Semi if in_module => {
                let h = head(&toks, text, item_start);
                let keep = match word(&toks[h]) {
                    "mod" => i == h + 2 && toks[h + 1].kind == Tok::Ident,
                    "use" | "static" => true,
                    "extern" => toks.get(h + 1).is_some_and(|n| word(n) == "crate"),
                    _ => false,
                };
                if keep {
                    out.keep.push((toks[item_start].start, t.end));
                }
                item_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if !frames.is_empty() {
        out.always_full = true;
    }
    // Names in the skeleton are declarations and imports, not uses: the skeleton has them.
    let mut keep = out.keep.iter().peekable();
    out.idents.retain(|&(s, _)| {
        let s = s as usize;
        while keep.next_if(|&&(_, end)| end <= s).is_some() {}
        keep.peek().is_none_or(|&&(start, _)| s < start)
    });
    out
}

/// The tokens that are not whitespace or comments. Sets `bad` when the text does not lex
/// cleanly (an unterminated literal or comment, a character Rust does not know).
fn significant_tokens(text: &str, bad: &mut bool) -> Vec<T> {
    let mut toks = Vec::new();
    let mut offset = ra_ap_rustc_lexer::strip_shebang(text).unwrap_or(0);
    for token in tokenize(&text[offset..], FrontmatterAllowed::Yes) {
        let start = offset;
        offset += token.len as usize;
        let kind = match token.kind {
            TokenKind::Whitespace
            | TokenKind::LineComment { .. }
            | TokenKind::Frontmatter { .. } => {
                continue;
            }
            TokenKind::BlockComment { terminated, .. } => {
                *bad |= !terminated;
                continue;
            }
            TokenKind::Ident => Tok::Ident,
            TokenKind::RawIdent => {
                toks.push(T {
                    kind: Tok::Ident,
                    start: start + 2,
                    end: offset,
                });
                continue;
            }
            TokenKind::Literal { kind, .. } => {
                *bad |= !terminated(kind);
                match kind {
                    LiteralKind::Str { .. } | LiteralKind::RawStr { .. } => Tok::Str,
                    _ => Tok::OtherLit,
                }
            }
            TokenKind::OpenBrace => Tok::Open(b'}'),
            TokenKind::OpenParen => Tok::Open(b')'),
            TokenKind::OpenBracket => Tok::Open(b']'),
            TokenKind::CloseBrace => Tok::Close(b'}'),
            TokenKind::CloseParen => Tok::Close(b')'),
            TokenKind::CloseBracket => Tok::Close(b']'),
            TokenKind::Semi => Tok::Semi,
            TokenKind::Pound => Tok::Pound,
            TokenKind::Bang => Tok::Bang,
            TokenKind::Colon => Tok::Colon,
            TokenKind::Unknown | TokenKind::InvalidIdent => {
                *bad = true;
                Tok::Other
            }
            _ => Tok::Other,
        };
        toks.push(T {
            kind,
            start,
            end: offset,
        });
    }
    toks
}

fn terminated(kind: LiteralKind) -> bool {
    match kind {
        LiteralKind::Char { terminated }
        | LiteralKind::Byte { terminated }
        | LiteralKind::Str { terminated }
        | LiteralKind::ByteStr { terminated }
        | LiteralKind::CStr { terminated } => terminated,
        LiteralKind::RawStr { n_hashes }
        | LiteralKind::RawByteStr { n_hashes }
        | LiteralKind::RawCStr { n_hashes } => n_hashes.is_some(),
        LiteralKind::Int { .. } | LiteralKind::Float { .. } => true,
    }
}

/// The index of the token that closes the group opened at `open` (the last token if none).
fn matching(toks: &[T], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.kind {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    toks.len() - 1
}

/// The first token of an item after its attributes and visibility.
fn head(toks: &[T], text: &str, start: usize) -> usize {
    let mut i = start;
    loop {
        match toks.get(i) {
            Some(t) if t.kind == Tok::Pound => {
                let bang = toks.get(i + 1).is_some_and(|n| n.kind == Tok::Bang);
                let open = i + 1 + usize::from(bang);
                if !toks.get(open).is_some_and(|n| n.kind == Tok::Open(b']')) {
                    return i;
                }
                i = matching(toks, open) + 1;
            }
            Some(t) if t.kind == Tok::Ident && &text[t.start..t.end] == "pub" => {
                i += 1;
                if toks.get(i).is_some_and(|n| n.kind == Tok::Open(b')')) {
                    i = matching(toks, i) + 1;
                }
            }
            _ => return i.min(toks.len().saturating_sub(1)),
        }
    }
}

/// How many tokens before the last identifier of a path at the item's head (`a::b::link`: 4).
fn path_len(toks: &[T], text: &str, start: usize) -> usize {
    let h = head(toks, text, start);
    let mut i = h;
    while toks.get(i).is_some_and(|t| t.kind == Tok::Ident)
        && toks.get(i + 1).is_some_and(|t| t.kind == Tok::Colon)
        && toks.get(i + 2).is_some_and(|t| t.kind == Tok::Colon)
    {
        i += 3;
    }
    i - h
}

/// The skeleton of `text`: every byte outside the kept items replaced by a space (newlines
/// stay), so that it has the same length and the same byte offsets.
pub fn skeleton(text: &str, scan: &Scan) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let mut at = 0;
    let blank = |from: usize, to: usize, bytes: &mut Vec<u8>| {
        for b in &mut bytes[from..to] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    };
    for &(start, end) in &scan.keep {
        if start >= at {
            blank(at, start, &mut bytes);
        }
        at = at.max(end);
    }
    blank(at, bytes.len(), &mut bytes);
    // Whole UTF-8 sequences are kept or blanked byte by byte: the text stays valid.
    String::from_utf8(bytes).unwrap_or_default()
}

/// A file as the prefilter sees it: its text lives as long as the analysis (`'a`), the rest
/// may change between rounds (`'b`).
pub struct FileView<'a, 'b> {
    /// Its text.
    pub text: &'a str,
    /// Its identifiers.
    pub idents: &'b [(u32, u32)],
    /// Its syntax tree (skeleton or full), if it parsed.
    pub ast: Option<&'b syn::File>,
    /// The module path of its top level.
    pub module: &'b [String],
    /// It has its full syntax tree.
    pub full: bool,
    /// It must be parsed in full whatever it mentions.
    pub always_full: bool,
}

/// The names that reach C and the files that must be parsed in full.
pub struct Selector<'a> {
    names: HashSet<String>,
    /// Identifier → files (not yet full) that mention it.
    mentions: HashMap<&'a str, Vec<usize>>,
    /// Functions of full files not yet known to reach C: name and body's identifiers.
    fns: Vec<(String, Vec<&'a str>)>,
}

impl<'a> Selector<'a> {
    /// Indexes the identifiers of `files`; `seeds` are the names known to reach C (FFI
    /// functions, `-sys` crates under the names they are used by).
    pub fn new(files: &[FileView<'a, '_>], seeds: impl IntoIterator<Item = String>) -> Self {
        let mut mentions: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, f) in files.iter().enumerate() {
            if f.full {
                continue;
            }
            for &(s, e) in f.idents {
                let id = &f.text[s as usize..e as usize];
                let v = mentions.entry(id).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        let mut names: HashSet<String> = seeds.into_iter().collect();
        names.extend(
            mentions
                .keys()
                .filter(|k| is_bindings(k))
                .map(|k| (*k).to_owned()),
        );
        Selector {
            names,
            mentions,
            fns: Vec::new(),
        }
    }

    /// The files to parse in full next (empty at the fixed point). Call [`Selector::parsed`]
    /// with each file once it has its full tree.
    pub fn next(&mut self, files: &[FileView<'a, '_>]) -> Vec<usize> {
        loop {
            let before = self.names.len();
            for f in files {
                if let Some(ast) = f.ast {
                    let own = f.module.last().filter(|m| !m.starts_with('{'));
                    uses(&ast.items, own, &mut self.names);
                }
            }
            let names = &self.names;
            let mut found = Vec::new();
            self.fns.retain(|(name, body)| {
                let reaches = body.iter().any(|id| names.contains(*id));
                if reaches {
                    found.push(name.clone());
                }
                !reaches
            });
            self.names.extend(found);
            if self.names.len() == before {
                break;
            }
        }
        let names = &self.names;
        let mut wanted: Vec<usize> = files
            .iter()
            .enumerate()
            .filter(|(_, f)| !f.full && f.always_full)
            .map(|(i, _)| i)
            .collect();
        self.mentions.retain(|id, in_files| {
            if names.contains(*id) {
                wanted.append(in_files);
                false
            } else {
                true
            }
        });
        wanted.sort_unstable();
        wanted.dedup();
        wanted.retain(|&i| !files[i].full);
        wanted
    }

    /// Records the functions of a file that now has its full tree.
    pub fn parsed(&mut self, file: &FileView<'a, '_>) {
        let Some(ast) = file.ast else { return };
        let mut v = Bodies {
            text: file.text,
            idents: file.idents,
            out: &mut self.fns,
        };
        v.visit_file(ast);
    }
}

/// Collects every function's name with the identifiers of its body.
struct Bodies<'a, 'b, 'o> {
    text: &'a str,
    idents: &'b [(u32, u32)],
    out: &'o mut Vec<(String, Vec<&'a str>)>,
}

impl<'a> Bodies<'a, '_, '_> {
    fn add(&mut self, name: &syn::Ident, body: &syn::Block) {
        let r = body.span().byte_range();
        let from = self
            .idents
            .partition_point(|&(s, _)| (s as usize) < r.start);
        let to = self.idents.partition_point(|&(s, _)| (s as usize) < r.end);
        let ids = self.idents[from..to.max(from)]
            .iter()
            .map(|&(s, e)| &self.text[s as usize..e as usize])
            .collect();
        self.out
            .push((syn::ext::IdentExt::unraw(name).to_string(), ids));
    }
}

impl<'ast> Visit<'ast> for Bodies<'_, '_, '_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.add(&f.sig.ident, &f.block);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.add(&f.sig.ident, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(b) = &f.default {
            self.add(&f.sig.ident, b);
        }
        syn::visit::visit_trait_item_fn(self, f);
    }
}

/// Grows `names` through the `use`/`extern crate` items of a module (and its inline modules):
/// an item that mentions a name makes all its names such names, and a re-export of one makes
/// the module (`own`) one; so does declaring FFI functions.
fn uses(items: &[syn::Item], own: Option<&String>, names: &mut HashSet<String>) {
    let mut module_reaches = false;
    for item in items {
        match item {
            syn::Item::Use(u) => {
                let mut ids = Vec::new();
                use_idents(&u.tree, &mut ids);
                if ids.iter().any(|i| names.contains(i) || is_bindings(i)) {
                    // A re-export makes the module a way to C (`ffi::f()`); a private import
                    // only brings its names in.
                    module_reaches |= !matches!(u.vis, syn::Visibility::Inherited);
                    for i in ids {
                        if !matches!(i.as_str(), "self" | "super" | "crate") {
                            names.insert(i);
                        }
                    }
                }
            }
            syn::Item::ExternCrate(c) => {
                let name = syn::ext::IdentExt::unraw(&c.ident).to_string();
                if names.contains(&name) || is_bindings(&name) {
                    module_reaches = true;
                    if let Some((_, alias)) = &c.rename {
                        names.insert(syn::ext::IdentExt::unraw(alias).to_string());
                    }
                }
            }
            syn::Item::ForeignMod(_) => module_reaches = true,
            syn::Item::Macro(m)
                if m.mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "link") =>
            {
                module_reaches = true;
            }
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    let name = syn::ext::IdentExt::unraw(&m.ident).to_string();
                    uses(inner, Some(&name), names);
                }
            }
            _ => {}
        }
    }
    if module_reaches && let Some(own) = own {
        names.insert(own.clone());
    }
}

/// `libc` or a `-sys` crate: bindings whose functions are FFI even when not read.
fn is_bindings(name: &str) -> bool {
    name == "libc" || name.ends_with("_sys")
}

fn use_idents(tree: &syn::UseTree, out: &mut Vec<String>) {
    let unraw = |i: &syn::Ident| syn::ext::IdentExt::unraw(i).to_string();
    match tree {
        syn::UseTree::Path(p) => {
            out.push(unraw(&p.ident));
            use_idents(&p.tree, out);
        }
        syn::UseTree::Name(n) => out.push(unraw(&n.ident)),
        syn::UseTree::Rename(r) => {
            out.push(unraw(&r.ident));
            out.push(unraw(&r.rename));
        }
        syn::UseTree::Glob(_) => {}
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_idents(t, out)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skeleton with runs of blanks collapsed.
    fn skel(text: &str) -> String {
        let s = scan(text);
        let k = skeleton(text, &s);
        assert_eq!(k.len(), text.len(), "the skeleton keeps every byte offset");
        k.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn idents(text: &str) -> Vec<&str> {
        let s = scan(text);
        s.idents
            .iter()
            .map(|&(a, b)| &text[a as usize..b as usize])
            .collect()
    }

    #[test]
    fn keeps_what_resolution_needs_and_blanks_the_rest() {
        let text = r#"
            //! docs
            #![allow(dead_code)]
            #[cfg(unix)]
            pub(crate) mod sys;
            use std::ffi::{c_int, c_void};
            extern crate libc as c;
            pub static mut COUNT: [u8; 2] = [0; 2];
            const X: u8 = { 1 };
            struct S { a: u8 }
            impl S { fn f(&self) { mod nested; } }
            fn g() { let _ = "mod fake;"; }
            mod inline {
                use super::S;
                fn h() {}
                #[link(name = "z")]
                unsafe extern "C" { fn deflate(p: *mut c_void) -> c_int; }
            }
            windows_targets::link!("k.dll" "system" fn Beep(a: u32) -> i32);
        "#;
        assert_eq!(
            skel(text),
            "#![allow(dead_code)] #[cfg(unix)] pub(crate) mod sys; use std::ffi::{c_int, c_void}; \
             extern crate libc as c; pub static mut COUNT: [u8; 2] = [0; 2]; mod inline { \
             use super::S; #[link(name = \"z\")] unsafe extern \"C\" { fn deflate(p: *mut c_void) \
             -> c_int; } } windows_targets::link!(\"k.dll\" \"system\" fn Beep(a: u32) -> i32);"
        );
        assert!(syn::parse_file(&skeleton(text, &scan(text))).is_ok());
    }

    #[test]
    fn extern_blocks_in_bodies_and_macros_are_kept_at_their_offsets() {
        let text = "fn f() { let x = 1; extern \"C\" { fn a(); } }\ncfg_if! { if #[cfg(x)] { extern { fn b(); } } }";
        assert_eq!(skel(text), "extern \"C\" { fn a(); } extern { fn b(); }");
        let k = skeleton(text, &scan(text));
        let at = text.find("fn a").unwrap();
        assert_eq!(&k[at..at + 4], "fn a");
    }

    #[test]
    fn names_inside_ffi_declarations_are_not_mentions() {
        let text = "extern \"C\" { fn puts(s: *const c_char); }\nfn main() { unsafe { puts(p) } }";
        assert_eq!(idents(text), ["fn", "main", "unsafe", "puts", "p"]);
        assert_eq!(idents("r#match r#type"), ["match", "type"]);
    }

    #[test]
    fn callbacks_and_bad_lexing_force_a_full_parse() {
        assert!(scan("extern \"C\" fn on_click(p: *mut c_void) {}").always_full);
        assert!(scan("impl A { unsafe extern \"system\" fn cb() {} }").always_full);
        assert!(!scan("type Cb = extern \"C\" fn(*mut c_void);").always_full);
        assert!(scan("fn f() { \"unterminated }").always_full);
        assert!(scan("/* unterminated").always_full);
        assert!(scan("fn f() { ) }").always_full);
        assert!(scan("fn f() {").always_full);
        assert!(scan("fn f() { € }").always_full);
        assert!(!scan("fn f() { \"€\" }").always_full);
    }

    #[test]
    fn multibyte_text_keeps_valid_utf8_and_offsets() {
        let text = "fn é() {}\nmod m; // ünïcode\nconst S: &str = \"日本\";";
        let k = skeleton(text, &scan(text));
        assert_eq!(k.len(), text.len());
        assert_eq!(k.split_whitespace().collect::<Vec<_>>(), ["mod", "m;"]);
    }

    #[test]
    fn names_grow_through_functions_uses_and_modules() {
        // lib.rs re-exports the bindings under another name; wrap.rs calls through a function.
        let texts = [
            "mod ffi; mod wrap; mod user; mod other;",
            "pub use self::inner::*; mod inner { extern \"C\" { pub fn zcall(); } }",
            "use crate::ffi as raw; pub fn helper() { unsafe { raw::zcall() } }",
            "fn f() { crate::wrap::helper() }",
            "fn g() { println!(\"nothing\") }",
        ];
        let modules = [
            vec![],
            vec!["ffi".to_owned()],
            vec!["wrap".to_owned()],
            vec!["user".to_owned()],
            vec!["other".to_owned()],
        ];
        let scans: Vec<Scan> = texts.iter().map(|t| scan(t)).collect();
        let mut asts: Vec<Option<syn::File>> = texts
            .iter()
            .zip(&scans)
            .map(|(t, s)| syn::parse_file(&skeleton(t, s)).ok())
            .collect();
        let mut full = [false; 5];
        fn view<'a, 'b>(
            text: &'a str,
            scan: &'b Scan,
            ast: &'b Option<syn::File>,
            module: &'b [String],
            full: bool,
        ) -> FileView<'a, 'b> {
            FileView {
                text,
                idents: &scan.idents,
                ast: ast.as_ref(),
                module,
                full,
                always_full: false,
            }
        }
        let views: Vec<FileView> = (0..5)
            .map(|i| view(texts[i], &scans[i], &asts[i], &modules[i], full[i]))
            .collect();
        let mut sel = Selector::new(&views, ["zcall".to_owned()]);
        let mut order = Vec::new();
        loop {
            let views: Vec<FileView> = (0..5)
                .map(|i| view(texts[i], &scans[i], &asts[i], &modules[i], full[i]))
                .collect();
            let wanted = sel.next(&views);
            if wanted.is_empty() {
                break;
            }
            order.push(wanted.clone());
            for i in wanted {
                asts[i] = syn::parse_file(texts[i]).ok();
                full[i] = true;
                sel.parsed(&view(texts[i], &scans[i], &asts[i], &modules[i], full[i]));
            }
        }
        // `ffi` declares FFI (module name), `wrap` names it; then `helper` reaches C, so `user`.
        assert_eq!(order, [vec![2], vec![3]]);
        assert!(
            !full[4],
            "a file that names nothing that reaches C is never parsed"
        );
    }
}
