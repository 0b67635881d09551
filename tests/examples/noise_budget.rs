//! Regenerates the "Noise budget (issue 6)" table of `reports/corpus.md`: for the nine FFI crates
//! of issue 6, how many FFI call sites the source has (counted from tokens, independently of
//! the analyzer), how many the analyzer sees with and without reading macro arguments, and
//! how many assumed-escape warnings it gives per 100 call sites with and without the
//! out-parameter rule.
//!
//! `cargo run --release -p ffi-escape-tests --example noise_budget -- CORPUS_DIR [--missing]`
//! (CORPUS_DIR made by `../shared/corpus/fetch.sh CORPUS_DIR`). `--missing` also lists the
//! call sites present in the source that the analyzer does not see.
//!
//! **Present** (the textual count): in every `.rs` file under the crate's `src/`, lexed with
//! rustc's lexer (comments and strings never count), a call `a::b::f(..)` (turbofish allowed)
//! whose second-to-last segment names the C bindings, or a bare call `f(..)` of a name a `use`
//! of that file imports from them, or any call of a function the crate declares in its own
//! module-level `extern { }` blocks (one declared in a function's body counts for bare calls
//! in that body only). The bindings' names are `libc`, every `*_sys` name, the names the
//! manifest gives `-sys` dependencies (`ffi` for `ffi = { package = "openssl-sys" }`), and,
//! to a fixed point, every name a `use` or `extern crate .. as` item imports from a path
//! through one of them (`use libgit2_sys as raw;`, `use crate::sys;`, `use sys::gfx;`). A call
//! `f(..)` as the first token of an invocation `m!(f(..))` of a `macro_rules! m` whose body
//! calls `path::$x(..)` through the bindings counts too (alsa's `acheck!`).
//! Paths that start with `std`, `core` or `alloc` never count. Not counted: bodies of
//! `macro_rules!` definitions (a template, not a call site: each use of the macro is), calls of
//! names brought in by glob imports, method-call syntax. A site is *seen* when the analyzer
//! reports an FFI call starting at the same byte.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use ffi_escape::analysis::{Options, analyze};
use ffi_escape::diag::Severity;
use ra_ap_rustc_lexer::{FrontmatterAllowed, TokenKind, tokenize};

/// The crates of issue 6.
const CRATES: [&str; 9] = [
    "git2-0.19.0",
    "rusqlite-0.32.1",
    "openssl-0.10.82",
    "sdl2-0.37.0",
    "glfw-0.59.0",
    "nix-0.29.0",
    "curl-0.4.51",
    "zmq-0.10.0",
    "alsa-0.9.1",
];

/// The lints whose warnings are assumed escapes (the `assumed_escape` group).
const ESCAPE_LINTS: [&str; 3] = ["stack_escape", "buffer_escape", "temporary_escape"];

/// One significant token.
#[derive(Clone, Copy)]
struct Tok<'a> {
    kind: TokenKind,
    text: &'a str,
    start: usize,
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut at = ra_ap_rustc_lexer::strip_shebang(text).unwrap_or(0);
    for t in tokenize(&text[at..], FrontmatterAllowed::Yes) {
        let start = at;
        at += t.len as usize;
        match t.kind {
            TokenKind::Whitespace
            | TokenKind::LineComment { .. }
            | TokenKind::BlockComment { .. }
            | TokenKind::Frontmatter { .. } => {}
            TokenKind::RawIdent => out.push(Tok {
                kind: TokenKind::Ident,
                text: &text[start + 2..at],
                start,
            }),
            kind => out.push(Tok {
                kind,
                text: &text[start..at],
                start,
            }),
        }
    }
    out
}

fn is(t: Option<&Tok<'_>>, kind: TokenKind) -> bool {
    t.is_some_and(|t| t.kind == kind)
}

fn word(t: Option<&Tok<'_>>, w: &str) -> bool {
    t.is_some_and(|t| t.kind == TokenKind::Ident && t.text == w)
}

/// `::` at `i`.
fn path_sep(toks: &[Tok<'_>], i: usize) -> bool {
    is(toks.get(i), TokenKind::Colon) && is(toks.get(i + 1), TokenKind::Colon)
}

/// The index after the group opened at `open`.
fn skip_group(toks: &[Tok<'_>], open: usize) -> usize {
    let mut depth = 0i32;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.kind {
            TokenKind::OpenParen | TokenKind::OpenBrace | TokenKind::OpenBracket => depth += 1,
            TokenKind::CloseParen | TokenKind::CloseBrace | TokenKind::CloseBracket => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
    }
    toks.len()
}

/// The (path, local name) pairs of the use tree starting at `i`; returns the index after it.
fn use_tree(
    toks: &[Tok<'_>],
    mut i: usize,
    prefix: &[String],
    out: &mut Vec<(Vec<String>, String)>,
) -> usize {
    let mut path = prefix.to_vec();
    if path_sep(toks, i) {
        i += 2;
    }
    loop {
        match toks.get(i) {
            Some(t) if t.kind == TokenKind::OpenBrace => {
                i += 1;
                while i < toks.len() && !is(toks.get(i), TokenKind::CloseBrace) {
                    let next = use_tree(toks, i, &path, out);
                    i = next.max(i + 1);
                    if is(toks.get(i), TokenKind::Comma) {
                        i += 1;
                    }
                }
                return i + 1;
            }
            Some(t) if t.kind == TokenKind::Ident => {
                let name = t.text.to_owned();
                if path_sep(toks, i + 1) {
                    path.push(name);
                    i += 3;
                    continue;
                }
                let (local, after) = if word(toks.get(i + 1), "as") {
                    (
                        toks.get(i + 2)
                            .map(|t| t.text.to_owned())
                            .unwrap_or_default(),
                        i + 3,
                    )
                } else {
                    (name.clone(), i + 1)
                };
                let local = if name == "self" {
                    path.last().cloned().unwrap_or_default()
                } else {
                    local
                };
                if name != "self" {
                    path.push(name);
                }
                out.push((path, local));
                return after;
            }
            _ => return i + 1,
        }
    }
}

/// The index of the `{` of an `extern ["ABI"] { .. }` block starting at `i`.
fn extern_block(toks: &[Tok<'_>], i: usize) -> Option<usize> {
    if !word(toks.get(i), "extern") {
        return None;
    }
    let abi = matches!(
        toks.get(i + 1).map(|t| t.kind),
        Some(TokenKind::Literal { .. })
    );
    let body = i + 1 + usize::from(abi);
    is(toks.get(body), TokenKind::OpenBrace).then_some(body)
}

/// A name that is a type in C bindings' conventions: `Foo`, `pid_t`, `c_int`.
fn type_like(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        || name.ends_with("_t")
        || name.starts_with("c_")
}

/// A path names the bindings: a segment is one of them, and it does not start in std.
fn through_bindings(path: &[String], roots: &HashSet<String>) -> bool {
    let first = path
        .iter()
        .find(|s| !matches!(s.as_str(), "crate" | "self" | "super"));
    !first.is_some_and(|f| matches!(f.as_str(), "std" | "core" | "alloc"))
        && path
            .iter()
            .any(|s| roots.contains(s) || s.ends_with("_sys"))
}

/// One source file: its name relative to the crate and its tokens.
struct Source {
    name: String,
    text: String,
}

fn sources(krate: &Path) -> Vec<Source> {
    let mut out = Vec::new();
    let mut dirs = vec![krate.join("src")];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs")
                && let Ok(text) = std::fs::read_to_string(&p)
            {
                let name = p.strip_prefix(krate).unwrap_or(&p).display().to_string();
                out.push(Source { name, text });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// The names the manifest gives its `-sys` dependencies.
fn manifest_roots(krate: &Path) -> Vec<String> {
    let Some(manifest) = std::fs::read_to_string(krate.join("Cargo.toml"))
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
    else {
        return Vec::new();
    };
    let mut tables = vec![manifest.get("dependencies")];
    if let Some(targets) = manifest.get("target").and_then(|t| t.as_table()) {
        tables.extend(targets.values().map(|t| t.get("dependencies")));
    }
    let mut out = Vec::new();
    for deps in tables.into_iter().flatten().filter_map(|d| d.as_table()) {
        for (key, dep) in deps {
            let package = dep.get("package").and_then(|p| p.as_str()).unwrap_or(key);
            if package.ends_with("-sys") || package.ends_with("_sys") {
                out.push(key.replace('-', "_"));
            }
        }
    }
    out
}

/// The FFI call sites present in a crate's source: (file name, byte offset of the call).
fn present(krate: &Path) -> BTreeSet<(String, usize)> {
    let files = sources(krate);
    let toks: Vec<Vec<Tok<'_>>> = files.iter().map(|f| tokens(&f.text)).collect();
    let mut roots: HashSet<String> = manifest_roots(krate).into_iter().collect();
    roots.insert("libc".to_owned());
    // Imports of each file, and the functions of the crate's own extern blocks.
    let mut imports: Vec<Vec<(Vec<String>, String)>> = vec![Vec::new(); files.len()];
    let mut own_ffi: HashSet<&str> = HashSet::new();
    // Functions of extern blocks inside a function's body: visible there only (file, name) ->
    // the token ranges of those bodies.
    let mut nested_ffi: HashMap<(usize, &str), Vec<(usize, usize)>> = HashMap::new();
    // Macros whose body calls `path::$f(..)`: (name, path).
    let mut wrappers: Vec<(&str, Vec<String>)> = Vec::new();
    for (f, toks) in toks.iter().enumerate() {
        let mut i = 0;
        // The open braces around `i`.
        let mut braces: Vec<usize> = Vec::new();
        while i < toks.len() {
            let t = toks[i];
            match t.kind {
                TokenKind::OpenBrace => braces.push(i),
                TokenKind::CloseBrace => {
                    braces.pop();
                }
                _ => {}
            }
            if word(Some(&t), "macro_rules") && is(toks.get(i + 1), TokenKind::Bang) {
                let end = skip_group(toks, i + 3);
                for k in i + 3..end {
                    if is(toks.get(k), TokenKind::Dollar)
                        && is(toks.get(k + 2), TokenKind::OpenParen)
                        && k >= 3
                        && path_sep(toks, k - 2)
                    {
                        let mut path = Vec::new();
                        let mut j = k - 3;
                        while is(toks.get(j), TokenKind::Ident) {
                            path.push(toks[j].text.to_owned());
                            if j < 3 || !path_sep(toks, j - 2) {
                                break;
                            }
                            j -= 3;
                        }
                        path.reverse();
                        wrappers.push((toks[i + 2].text, path));
                        break;
                    }
                }
                i = end;
                continue;
            }
            if word(Some(&t), "use") {
                i = use_tree(toks, i + 1, &[], &mut imports[f]);
                continue;
            }
            if word(Some(&t), "extern")
                && word(toks.get(i + 1), "crate")
                && word(toks.get(i + 3), "as")
                && let (Some(c), Some(a)) = (toks.get(i + 2), toks.get(i + 4))
            {
                imports[f].push((vec![c.text.to_owned()], a.text.to_owned()));
            }
            if let Some(body) = extern_block(toks, i) {
                let end = skip_group(toks, body);
                // Inside braces that are neither a module's (`mod m {`) nor a macro's (`! {`):
                // a function's body, whose block this is.
                let parent = braces.last().copied().filter(|&open| {
                    let module = open >= 2 && word(toks.get(open - 2), "mod");
                    let mac = is(
                        open.checked_sub(1).and_then(|p| toks.get(p)),
                        TokenKind::Bang,
                    );
                    !(module || mac)
                });
                for j in body..end {
                    if word(toks.get(j), "fn")
                        && let Some(n) = toks.get(j + 1)
                    {
                        match parent {
                            Some(open) => nested_ffi
                                .entry((f, n.text))
                                .or_default()
                                .push((open, skip_group(toks, open))),
                            None => {
                                own_ffi.insert(n.text);
                            }
                        }
                    }
                }
                i = end;
                continue;
            }
            i += 1;
        }
    }
    loop {
        let before = roots.len();
        for (path, local) in imports.iter().flatten() {
            if through_bindings(path, &roots) && !type_like(local) {
                roots.insert(local.clone());
            }
        }
        if roots.len() == before {
            break;
        }
    }
    let wrappers: HashSet<&str> = wrappers
        .into_iter()
        .filter(|(_, path)| through_bindings(path, &roots))
        .map(|(name, _)| name)
        .collect();
    let mut out = BTreeSet::new();
    for (f, toks) in toks.iter().enumerate() {
        let bare: HashSet<&str> = imports[f]
            .iter()
            .filter(|(path, _)| path.len() > 1 && through_bindings(&path[..path.len() - 1], &roots))
            .map(|(_, local)| local.as_str())
            .collect();
        let mut i = 0;
        while i < toks.len() {
            let t = toks[i];
            // Skipped: `use` items, `macro_rules!` bodies, the crate's own `extern` blocks.
            if word(Some(&t), "use") {
                while i < toks.len() && !is(toks.get(i), TokenKind::Semi) {
                    i += 1;
                }
                continue;
            }
            if word(Some(&t), "macro_rules") && is(toks.get(i + 1), TokenKind::Bang) {
                i = skip_group(toks, i + 3);
                continue;
            }
            if let Some(body) = extern_block(toks, i) {
                i = skip_group(toks, body);
                continue;
            }
            // `acheck!(snd_pcm_close(p))` with `acheck` calling `alsa::$f(..)`.
            if wrappers.contains(t.text)
                && is(toks.get(i + 1), TokenKind::Bang)
                && is(toks.get(i + 2), TokenKind::OpenParen)
                && is(toks.get(i + 3), TokenKind::Ident)
                && is(toks.get(i + 4), TokenKind::OpenParen)
            {
                out.insert((files[f].name.clone(), toks[i + 3].start));
                i += 4;
                continue;
            }
            let leading = path_sep(toks, i);
            let first = i + if leading { 2 } else { 0 };
            let before = i.checked_sub(1).and_then(|b| toks.get(b));
            let inside_path = i >= 2 && path_sep(toks, i - 2);
            let starts_path = is(toks.get(first), TokenKind::Ident)
                && !inside_path
                && !is(before, TokenKind::Dot)
                && !word(before, "fn");
            if !starts_path {
                i += 1;
                continue;
            }
            let mut segs = vec![toks[first].text];
            let mut j = first + 1;
            while path_sep(toks, j) && is(toks.get(j + 2), TokenKind::Ident) {
                segs.push(toks[j + 2].text);
                j += 3;
            }
            // A turbofish: `f::<T>(..)`.
            if path_sep(toks, j) && is(toks.get(j + 2), TokenKind::Lt) {
                let mut depth = 0;
                j += 2;
                while let Some(t) = toks.get(j) {
                    match t.kind {
                        TokenKind::Lt => depth += 1,
                        TokenKind::Gt => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                    if depth == 0 {
                        break;
                    }
                }
            }
            if is(toks.get(j), TokenKind::OpenParen) {
                let last = *segs.last().expect("one segment");
                let std = matches!(segs[0], "std" | "core" | "alloc");
                // `raw::f`, `sys::gfx::framerate::f`; not `libc::pid_t::from`.
                let qualifier = &segs[..segs.len() - 1];
                let via_bindings = qualifier
                    .iter()
                    .rposition(|s| roots.contains(*s))
                    .is_some_and(|k| !qualifier[k + 1..].iter().any(|s| type_like(s)));
                let imported = segs.len() == 1 && bare.contains(last);
                // A bare call inside the body that declares it.
                let nested = segs.len() == 1
                    && nested_ffi
                        .get(&(f, last))
                        .is_some_and(|bodies| bodies.iter().any(|&(a, b)| a < i && i < b));
                if !std && (via_bindings || imported || nested || own_ffi.contains(last)) {
                    out.insert((files[f].name.clone(), t.start));
                }
            }
            i = j.max(i + 1);
        }
    }
    out
}

/// FFI call sites seen and assumed-escape warnings of one run.
struct Seen {
    sites: BTreeSet<(String, usize)>,
    assumed: usize,
}

fn run(krate: &Path, macro_args: bool, out_params: bool) -> Option<Seen> {
    let options = Options {
        no_macro_args: !macro_args,
        no_out_params: !out_params,
        ..Options::default()
    };
    let reports = analyze(&[krate.to_path_buf()], &options).ok()?;
    let mut seen = Seen {
        sites: BTreeSet::new(),
        assumed: 0,
    };
    for r in &reports {
        for s in &r.ffi_call_sites {
            seen.sites.insert((r.db.name(s.file).to_owned(), s.start));
        }
        seen.assumed += r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning && ESCAPE_LINTS.contains(&d.code))
            .count();
    }
    Some(seen)
}

fn per_100(n: usize, of: usize) -> String {
    if of == 0 {
        return "-".to_owned();
    }
    format!("{:.1}", n as f64 * 100.0 / of as f64)
}

/// One line of the table: present, seen, seen and present, seen without macro arguments,
/// warnings, warnings without the out-parameter rule.
fn print_row(name: &str, row: &[usize; 6]) {
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} | {} | {} |",
        row[0],
        row[1],
        row[2],
        row[3],
        row[4],
        per_100(row[4], row[1]),
        row[5],
        per_100(row[5], row[1]),
    );
}

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: noise_budget CORPUS_DIR [--missing]");
        return ExitCode::from(2);
    };
    let missing = args.any(|a| a == "--missing");
    println!(
        "| crate | FFI call sites present | seen | of them present | seen without macro args | assumed-escape warnings | per 100 call sites | without out-parameter rule | per 100 call sites |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut total = [0usize; 6];
    let (mut lists, mut extra) = (String::new(), String::new());
    for name in CRATES {
        let krate = dir.join("vendor").join(name);
        if !krate.is_dir() {
            eprintln!("{}: not in the corpus", krate.display());
            return ExitCode::from(2);
        }
        let present = present(&krate);
        let (Some(with), Some(no_macro), Some(strict)) = (
            run(&krate, true, true),
            run(&krate, false, true),
            run(&krate, true, false),
        ) else {
            eprintln!("{}: the analysis could not run", krate.display());
            return ExitCode::from(2);
        };
        let found = present.intersection(&with.sites).count();
        let row = [
            present.len(),
            with.sites.len(),
            found,
            no_macro.sites.len(),
            with.assumed,
            strict.assumed,
        ];
        for (t, r) in total.iter_mut().zip(row) {
            *t += r;
        }
        print_row(name, &row);
        if missing {
            let texts: HashMap<String, String> = sources(&krate)
                .into_iter()
                .map(|s| (s.name, s.text))
                .collect();
            let show = |(file, at): &(String, usize)| {
                let text = texts.get(file).map(String::as_str).unwrap_or("");
                let line = text[..*at].matches('\n').count() + 1;
                let snippet: String = text[*at..].chars().take(60).collect();
                let snippet = snippet.lines().next().unwrap_or("").to_owned();
                format!("{name}/{file}:{line}: {snippet}\n")
            };
            lists.extend(present.difference(&with.sites).map(show));
            extra.extend(with.sites.difference(&present).map(show));
        }
    }
    print_row("**all nine**", &total);
    if missing {
        print!("\npresent but not seen:\n{lists}\nseen but not counted present:\n{extra}");
    }
    ExitCode::SUCCESS
}
