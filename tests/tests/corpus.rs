//! Robustness on real code: every crate of the benchmark corpus is analyzed without a panic,
//! a crash or a "could not run", and the JSON document is well formed. And the prefilter's
//! promise: with it (the default) and with `--parse-all`, every crate's `check` and `escapes`
//! output is the same, and every file's function view has the file's functions, macro bodies
//! included. And the built-in contracts' data: each lists as many parameters as a
//! binding of its function in the corpus's `-sys` crates declares.
//!
//! The corpus is not in the repository: `../shared/corpus/fetch.sh DIR` vendors it (about 175
//! crates). The test looks in `$FFI_ESCAPE_CORPUS`, then in `../shared/corpus`, for a `vendor/`
//! directory, and skips with a printed reason when there is none.

use std::path::PathBuf;

/// The corpus's crate directories, sorted; `None` (having printed why the test is skipped) when
/// there is no corpus.
fn corpus_crates() -> Option<Vec<PathBuf>> {
    let candidates = [
        std::env::var_os("FFI_ESCAPE_CORPUS").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")),
    ];
    let Some(vendor) = candidates
        .into_iter()
        .flatten()
        .map(|c| c.join("vendor"))
        .find(|v| v.is_dir())
    else {
        println!(
            "skipped: no vendored corpus (run `../shared/corpus/fetch.sh DIR` and set FFI_ESCAPE_CORPUS=DIR)"
        );
        return None;
    };
    let mut crates: Vec<PathBuf> = std::fs::read_dir(&vendor)
        .expect("the corpus directory is readable")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    crates.sort();
    assert!(!crates.is_empty(), "no crate in {}", vendor.display());
    Some(crates)
}

#[test]
fn every_corpus_crate_is_analyzed_without_a_crash() {
    let Some(crates) = corpus_crates() else {
        return;
    };
    let (mut files, mut calls) = (0, 0);
    let mut differ = Vec::new();
    for krate in &crates {
        let run = ffi_escape_tests::run([
            "check".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            krate.as_os_str(),
        ]);
        let doc = run.assert_ran(&krate.display().to_string()).json();
        // The prefilter changes nothing: `check` and `escapes`, with and without it.
        let json = |args: &[&str]| {
            let mut argv: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
            argv.push(krate.as_os_str());
            ffi_escape_tests::run(argv).stdout
        };
        let same = json(&["check", "--parse-all", "--format", "json"]) == run.stdout
            && json(&["escapes", "--format", "json"])
                == json(&["escapes", "--parse-all", "--format", "json"]);
        if !same {
            differ.push(krate.display().to_string());
        }
        files += doc["summary"]["files"].as_u64().expect("summary.files");
        calls += doc["summary"]["ffi_calls"]
            .as_u64()
            .expect("summary.ffi_calls");
    }
    println!(
        "{} crates, {files} files, {calls} FFI call sites analyzed",
        crates.len()
    );
    assert!(
        files >= crates.len() as u64,
        "every crate has at least one file"
    );
    assert!(
        differ.is_empty(),
        "the prefilter changed the output of {} crate(s) (compare with `check --parse-all`): {differ:?}",
        differ.len()
    );
}

/// The functions of a tree outside constants, statics, type definitions and `extern` blocks
/// (the items the function view blanks or hollows), with the line and column of their names
/// (where spans are read: a view drops the blanks that end a line, and blanks a character with
/// one space).
#[derive(Default)]
struct Functions(Vec<(String, usize, usize)>);

impl<'ast> syn::visit::Visit<'ast> for Functions {
    fn visit_signature(&mut self, s: &'ast syn::Signature) {
        let at = s.ident.span().start();
        self.0.push((s.ident.to_string(), at.line, at.column));
    }
    fn visit_item_const(&mut self, _: &'ast syn::ItemConst) {}
    fn visit_item_static(&mut self, _: &'ast syn::ItemStatic) {}
    fn visit_item_struct(&mut self, _: &'ast syn::ItemStruct) {}
    fn visit_item_enum(&mut self, _: &'ast syn::ItemEnum) {}
    fn visit_item_union(&mut self, _: &'ast syn::ItemUnion) {}
    // The functions of `extern` blocks are read from the lexer's tokens where the tree has
    // none (see `ffi_escape::prefilter::ForeignFn`): the corpus test of `check` covers them.
    fn visit_item_foreign_mod(&mut self, _: &'ast syn::ItemForeignMod) {}
}

/// The functions of `text` parsed as the analysis parses it, module-level macros expanded.
fn functions(text: &str, parsed: &str) -> Option<Vec<(String, usize, usize)>> {
    let mut file = syn::parse_file(parsed).ok()?;
    let mut db = ffi_escape::source::SourceDb::default();
    let id = db.add("corpus.rs".into(), text.to_owned());
    ffi_escape::macros::expand_items(&mut file.items, db.lines(id));
    let mut v = Functions::default();
    syn::visit::Visit::visit_file(&mut v, &file);
    Some(v.0)
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &std::path::Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The function view of every corpus file that parses has the file's functions, at the same
/// offsets, the bodies of module-level macros included: what the prefilter's lexer guesses of a
/// macro body (kept as written, hollowed, or read through its skeleton) reads as the whole
/// file's body does. The lexer cannot prove it for every text (a body whose constant fails to
/// parse only in what the view blanks, `m! { const X: u8 = $ $; fn f() {} }`, reads as items in
/// the view and not in the file), so real code checks it.
#[test]
fn the_function_view_of_every_corpus_file_has_its_functions() {
    let Some(crates) = corpus_crates() else {
        return;
    };
    let mut files = Vec::new();
    for krate in &crates {
        rust_files(krate, &mut files);
    }
    // Whether each file was compared, and whether its functions differ.
    let compare = |path: &PathBuf| -> (bool, bool) {
        let Ok(text) = std::fs::read_to_string(path) else {
            return (false, false);
        };
        let view = ffi_escape::prefilter::functions(&text, &ffi_escape::prefilter::scan(&text));
        match (functions(&text, &text), functions(&text, &view)) {
            (Some(whole), Some(viewed)) => (true, whole != viewed),
            _ => (false, false),
        }
    };
    // Parsing every file twice takes a while in a debug build: on every core, on stacks as
    // large as the analysis workers' (syn recurses once per nesting level).
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = files.len().div_ceil(threads).max(1);
    let results: Vec<(bool, bool)> = std::thread::scope(|s| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(s, || part.iter().map(compare).collect::<Vec<_>>())
                    .expect("spawn a worker")
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker finished"))
            .collect()
    });
    let compared = results.iter().filter(|r| r.0).count();
    let differ: Vec<String> = files
        .iter()
        .zip(&results)
        .filter(|(_, r)| r.1)
        .map(|(p, _)| p.display().to_string())
        .collect();
    println!("{compared} of {} files compared", files.len());
    assert!(compared * 2 > files.len(), "most corpus files parse");
    assert!(
        differ.is_empty(),
        "the function view has other functions than {} file(s): {differ:?}",
        differ.len()
    );
}

/// The `-sys` crates of the corpus whose bindings the built-in contracts describe.
const BINDINGS: [&str; 10] = [
    "libc-",
    "libgit2-sys-",
    "openssl-sys-",
    "alsa-sys-",
    "sdl2-sys-",
    "zmq-sys-",
    "libsqlite3-sys-",
    "libz-sys-",
    "curl-sys-",
    "glfw-sys-",
];

/// The parameter counts (and whether variadic) of every `extern` function declared in `dir`.
fn declarations(
    dir: &std::path::Path,
    out: &mut std::collections::HashMap<String, Vec<(usize, bool)>>,
) {
    struct Decls<'o>(&'o mut std::collections::HashMap<String, Vec<(usize, bool)>>);
    impl<'ast> syn::visit::Visit<'ast> for Decls<'_> {
        fn visit_foreign_item_fn(&mut self, f: &'ast syn::ForeignItemFn) {
            let shape = (f.sig.inputs.len(), f.sig.variadic.is_some());
            self.0
                .entry(f.sig.ident.to_string())
                .or_default()
                .push(shape);
        }
    }
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    for path in files {
        if let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(file) = syn::parse_file(&text)
        {
            syn::visit::Visit::visit_file(&mut Decls(out), &file);
        }
    }
}

/// Every built-in contract lists as many parameters as one of the corpus's bindings declares
/// for its function (platforms differ: `mount` has 5 on Linux and 4 on macOS), and is variadic
/// exactly where that binding is. A contract whose rules are shifted by one parameter would
/// otherwise give a pointer the rule of its neighbour, and one that is not variadic where the
/// binding is would not apply to the calls that pass more (see `Function::fits`). Functions no binding of the corpus declares (macros in
/// C, declarations inside macros) are not checked.
#[test]
fn builtin_contracts_match_the_corpus_bindings() {
    let Some(crates) = corpus_crates() else {
        return;
    };
    let mut decls = std::collections::HashMap::new();
    let dirs: Vec<&PathBuf> = crates
        .iter()
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            BINDINGS.iter().any(|b| name.starts_with(b))
        })
        .collect();
    assert!(!dirs.is_empty(), "no bindings crate in the corpus");
    for dir in &dirs {
        declarations(dir, &mut decls);
    }
    let (mut checked, mut mismatched) = (0, Vec::new());
    for lib in ffi_escape::builtin::libraries() {
        for f in &lib.function {
            let Some(shapes) = decls.get(&f.name) else {
                continue;
            };
            checked += 1;
            let listed = f.params.len();
            if !shapes
                .iter()
                .any(|&(n, variadic)| n == listed && variadic == f.variadic.is_some())
            {
                mismatched.push(format!(
                    "{}.toml: {} lists {listed} parameters, the bindings declare {shapes:?}",
                    lib.library, f.name
                ));
            }
        }
    }
    println!(
        "{checked} built-in contracts checked against {} bindings crates",
        dirs.len()
    );
    assert!(checked > 1000, "only {checked} contracts found a binding");
    assert!(mismatched.is_empty(), "{}", mismatched.join("\n"));
}
