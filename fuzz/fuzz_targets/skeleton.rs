//! The prefilter's lexer on arbitrary text: `prefilter::scan` and `prefilter::skeleton` never
//! panic, the skeleton keeps every character at its line and column (each is the text's or a
//! blank), and when both the text and its skeleton parse, the skeleton declares the same
//! modules and the same FFI functions as the text (what module discovery and the FFI table
//! read from it: the skeleton's from the lexer's reading of `extern` blocks, the text's from
//! syn's). The function view (`prefilter::functions`) keeps every character in place too, and
//! when both the text and the view parse, the view has the same functions, at the same lines
//! and columns, outside constants, statics, type definitions and `extern` blocks (the items it
//! blanks or hollows).
//!
//! `cargo fuzz run skeleton -s none -- -max_total_time=300` (on stable with `-s none`).

#![no_main]

use ffi_escape::workspace::ParsedFile;
use ffi_escape::{ffi, prefilter};
use libfuzzer_sys::fuzz_target;

/// The FFI functions `ffi::collect` finds in a tree: name, module and declaration span.
fn ffi(text: &str, ast: syn::File, whole: bool) -> Vec<(String, Vec<String>, usize)> {
    let mut db = ffi_escape::source::SourceDb::default();
    let file = ParsedFile::root(&mut db, "fuzz.rs", text, ast, whole);
    ffi::collect(&db, &[file])
        .into_iter()
        .map(|f| (f.name, f.module, f.span.start))
        .collect()
}

/// The `mod` items of a module and its inline modules, as module discovery reads them.
fn mods(items: &[syn::Item], out: &mut Vec<String>) {
    for item in items {
        if let syn::Item::Mod(m) = item {
            out.push(m.ident.to_string());
            if let Some((_, inner)) = &m.content {
                mods(inner, out);
            }
        }
    }
}

/// Every function of a tree outside constants, statics, type definitions and `extern` blocks:
/// (name, line, column), where spans are read (views drop the blanks that end a line, and
/// blank a character with one space).
#[derive(Default)]
struct Fns(Vec<(String, usize, usize)>);

impl<'ast> syn::visit::Visit<'ast> for Fns {
    fn visit_signature(&mut self, s: &'ast syn::Signature) {
        let at = s.ident.span().start();
        self.0.push((s.ident.to_string(), at.line, at.column));
    }
    fn visit_item_const(&mut self, _: &'ast syn::ItemConst) {}
    fn visit_item_static(&mut self, _: &'ast syn::ItemStatic) {}
    fn visit_item_struct(&mut self, _: &'ast syn::ItemStruct) {}
    fn visit_item_enum(&mut self, _: &'ast syn::ItemEnum) {}
    fn visit_item_union(&mut self, _: &'ast syn::ItemUnion) {}
    // The view leaves the functions of `extern` blocks to the lexer: the FFI check below
    // compares those.
    fn visit_item_foreign_mod(&mut self, _: &'ast syn::ItemForeignMod) {}
}

fn fns(ast: &syn::File) -> Vec<(String, usize, usize)> {
    let mut v = Fns::default();
    syn::visit::Visit::visit_file(&mut v, ast);
    v.0
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // syn recurses once per nesting level, and a 4 KiB input of `<` nests deep enough to
    // overflow the main thread's 8 MiB: check on a stack as large as the analysis workers'.
    let text = text.to_owned();
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || check(&text))
        .expect("spawn a checking thread")
        .join()
        .expect("the checks hold");
});

/// Every character of `kept` is the one of `text` at the same line and column, or a blank.
fn in_place(kept: &str, text: &str, what: &str) {
    assert!(
        kept.split('\n').count() <= text.split('\n').count(),
        "{what}"
    );
    for (k, t) in kept.split('\n').zip(text.split('\n')) {
        assert!(k.chars().count() <= t.chars().count(), "{what}");
        for (a, b) in k.chars().zip(t.chars()) {
            assert!(a == b || a == ' ', "{what}");
        }
    }
}

fn check(text: &str) {
    let scan = prefilter::scan(text);
    let skeleton = prefilter::skeleton(text, &scan);
    in_place(&skeleton, text, "the skeleton moved a character");
    let view = prefilter::functions(text, &scan);
    in_place(&view, text, "the function view moved a character");
    if let (Ok(full), Ok(view)) = (syn::parse_file(text), syn::parse_file(&view)) {
        assert_eq!(
            fns(&full),
            fns(&view),
            "the function view has other functions"
        );
    }
    if let (Ok(full), Ok(skel)) = (syn::parse_file(text), syn::parse_file(&skeleton)) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        mods(&full.items, &mut a);
        mods(&skel.items, &mut b);
        assert_eq!(a, b, "the skeleton declares other modules");
        assert_eq!(
            ffi(text, full, true),
            ffi(text, skel, false),
            "the skeleton declares other FFI functions"
        );
    }
}
