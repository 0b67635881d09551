//! The prefilter's lexer on arbitrary text: `prefilter::scan` and `prefilter::skeleton` never
//! panic, the skeleton keeps every byte offset (each byte is the text's or a blank), and when
//! both the text and its skeleton parse, the skeleton declares the same modules and the same
//! FFI functions as the text (what module discovery and the FFI table read from it).
//!
//! `cargo fuzz run skeleton -s none -- -max_total_time=300` (on stable with `-s none`).

#![no_main]

use ffi_escape::workspace::ParsedFile;
use ffi_escape::{ffi, prefilter};
use libfuzzer_sys::fuzz_target;

/// The FFI functions `ffi::collect` finds in a tree: name, module and declaration span.
fn ffi(text: &str, ast: syn::File) -> Vec<(String, Vec<String>, usize)> {
    let file = ParsedFile {
        file: 0,
        module: Vec::new(),
        ast: Some(ast),
        full: true,
        scan: prefilter::scan(text),
    };
    ffi::collect(&[file])
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
        assert_eq!(
            ffi(text, full),
            ffi(text, skel),
            "the skeleton declares other FFI functions"
        );
    }
});
