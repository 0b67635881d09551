//! The prefilter's lexer on arbitrary text: `prefilter::scan` and `prefilter::skeleton` never
//! panic, the skeleton keeps every byte offset (each byte is the text's or a blank), and when
//! both the text and its skeleton parse, the skeleton declares the same modules and the same
//! FFI functions as the text (what module discovery and the FFI table read from it).
//!
//! `cargo fuzz run skeleton -s none -- -max_total_time=300` (on stable with `-s none`).

#![no_main]

use ffi_escape::prefilter;
use libfuzzer_sys::fuzz_target;
use syn::visit::Visit;

/// FFI function names, in source order, in blocks anywhere and in macro tokens (as the
/// analysis reads them).
#[derive(Default)]
struct Ffi(Vec<String>);

impl<'ast> Visit<'ast> for Ffi {
    fn visit_foreign_item_fn(&mut self, f: &'ast syn::ForeignItemFn) {
        self.0.push(f.sig.ident.to_string());
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        extern_blocks(m.tokens.clone(), self);
    }
}

fn extern_blocks(tokens: proc_macro2::TokenStream, out: &mut Ffi) {
    use proc_macro2::{Delimiter, TokenTree};
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, t) in tokens.iter().enumerate() {
        match t {
            TokenTree::Ident(id) if id == "extern" => {
                let abi = matches!(tokens.get(i + 1), Some(TokenTree::Literal(_)));
                let body = i + 1 + usize::from(abi);
                if matches!(tokens.get(body), Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace)
                {
                    let block: proc_macro2::TokenStream = tokens[i..=body].iter().cloned().collect();
                    if let Ok(b) = syn::parse2::<syn::ItemForeignMod>(block) {
                        out.visit_item_foreign_mod(&b);
                    }
                }
            }
            TokenTree::Group(g) => extern_blocks(g.stream(), out),
            _ => {}
        }
    }
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

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let scan = prefilter::scan(text);
    let skeleton = prefilter::skeleton(text, &scan);
    assert!(skeleton.len() <= text.len());
    for (k, t) in skeleton.bytes().zip(text.bytes()) {
        assert!(k == t || k == b' ', "the skeleton moved a byte");
    }
    if let (Ok(full), Ok(skel)) = (syn::parse_file(text), syn::parse_file(&skeleton)) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        mods(&full.items, &mut a);
        mods(&skel.items, &mut b);
        assert_eq!(a, b, "the skeleton declares other modules");
        let (mut a, mut b) = (Ffi::default(), Ffi::default());
        a.visit_file(&full);
        b.visit_file(&skel);
        assert_eq!(a.0, b.0, "the skeleton declares other FFI functions");
    }
});
