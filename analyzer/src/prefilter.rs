//! The textual prefilter: most Rust code never comes near an FFI call, and parsing it is most
//! of the cost of an analysis. This module decides, from tokens alone, which files need their
//! functions parsed, and what of a file to parse.
//!
//! Every file is lexed once ([`scan`]) with rustc's own lexer. The lexer finds the file's
//! *skeleton*: the items that name resolution and module discovery need — `mod` declarations
//! (with the headers and closing braces of inline modules, and of module-level brace macros and
//! their `cfg_if!` branches, whose items [`crate::macros`] reads), `use` and `extern crate`
//! items, `static`s, `extern { }` blocks and `link!` declaration macros — and every identifier
//! outside the FFI declarations. [`skeleton`] blanks everything else, comments too, keeping
//! every token at its line and column (which is how spans are read,
//! [`crate::source::byte_range`]), so that every span of the skeleton's syntax tree is a span
//! of the file; the loader parses that
//! instead of the file. Even the functions of `extern` blocks are blanked when
//! the lexer can read them ([`ForeignFn`]): in bindings crates they are most of the skeleton,
//! and nothing but [`crate::ffi::collect`] reads them.
//!
//! [`Selector`] then names the files whose functions must be read, and the functions that
//! must be lowered. Such a file gets the tree of its *function view* ([`functions`]): the
//! skeleton plus its functions, `impl` and `trait` items whole and its type definitions
//! hollowed to their names, with constants, field lists, macro definitions and item macros
//! blanked — in `libc`, 2.5 MB of mostly constants and structs read for a few dozen functions.
//! A module-level macro with an item of a shape the lexer does not know (libc's
//! `safe_f! { pub {const} fn .. }`) is kept as written, so that its body reads as items in the
//! view exactly when it does in the whole file; one whose first item provably is none
//! (winsafe's `const_values! { HRESULT; .. }`) is read through its skeleton in both, and is only
//! that in the view. When the view does not parse, the whole file is.
//!
//! The selector starts from the **values**: the statics, which count where something is stored
//! into them (a store into a static is a sink too: `S = p`, `S.f[i] = p`, `S.store(p)` and the
//! other methods the lowering reads as stores; reading a static changes no finding), and the
//! call-wrapping macros of [`crate::macros`], which count where invoked. It grows three sets to
//! a fixed point:
//!
//! - **names** of functions that reach C, which count where they are called (`stat(..)`, not
//!   `*mut stat`): the FFI functions, a Rust function that takes arguments (or `self`) and
//!   whose body reaches C (its callers' values can flow in; one without arguments makes no
//!   caller reach C), and an import of a name under its new name (`use ffi::f as g`);
//! - **prefixes** through which FFI functions that were not read are called: `libc`, `*_sys`,
//!   the names `-sys` crates are used under, and anything imported from a prefix or a module
//!   that re-exports one wholesale (`use libc as c`, `pub use libc::*`). They count only where
//!   a call goes through them (`c::open(..)`, or `open(..)` after `use libc::open`), never in a
//!   type (`c::c_int`); in a module that glob-imports a prefix, any called path counts;
//! - **callees**: the functions a lowered function calls with arguments, by name (a helper
//!   that returns the pointer it is given carries it to C), and under a glob import of bindings
//!   those it calls without (resolution could take them for FFI); the files that define one are
//!   parsed.
//!
//! A file that defines a function with a foreign ABI (a callback C may be handed) always has its
//! functions read. The statics declared inside functions are in no skeleton: their names are
//! read from the tokens ([`Scan::local_statics`]) and count as values like the others. A file
//! that does not lex cleanly is parsed whole, so that its syntax error is reported, and so is a
//! file named on the command line. A syntax error elsewhere, in what the views blank, is
//! reported only with `--parse-all`.
//!
//! The sets are an over-approximation: a file parsed for nothing costs time, never a finding.
//! `--parse-all` turns the prefilter off; the corpus test checks that `check` and `escapes`
//! print the same bytes both ways on every corpus crate, and the `skeleton` fuzz target that a
//! skeleton declares the modules and FFI functions of its file, and a function view its
//! functions.
//!
//! Architecture invariant: this module knows tokens and item shapes, never what a call means;
//! it only ever adds files to parse and functions to lower.

use rustc_hash::{FxHashMap, FxHashSet};

use ra_ap_rustc_lexer::{FrontmatterAllowed, LiteralKind, TokenKind, tokenize};
use syn::visit::Visit;

/// One identifier of a file (8 bytes: a file has millions in generated bindings).
#[derive(Clone, Copy, Debug)]
pub struct Ident {
    /// Its first byte (after `r#` for a raw identifier).
    pub start: u32,
    len: u16,
    flags: u8,
}

const CALL: u8 = 1;
const DEF: u8 = 2;
const PATH_CALL: u8 = 4;
const NO_ARGS: u8 = 8;
const STORE: u8 = 16;

/// The methods the lowering reads as a store into their receiver (`STATIC.set(p)`).
const STORE_METHODS: [&str; 6] = [
    "store",
    "swap",
    "set",
    "replace",
    "compare_exchange",
    "compare_exchange_weak",
];

impl Ident {
    fn text(self, text: &str) -> &str {
        &text[self.start as usize..self.start as usize + self.len as usize]
    }

    /// It is called: followed by `(` or by `::<`.
    pub fn call(self) -> bool {
        self.flags & CALL != 0
    }

    /// It is the name of a function being defined (after `fn`).
    pub fn def(self) -> bool {
        self.flags & DEF != 0
    }

    /// A call may go through it into bindings: it starts a called path, or is itself called
    /// (`use libc::open;` then `open(..)`).
    fn through(self) -> bool {
        self.flags & (PATH_CALL | CALL) != 0
    }

    /// Something is stored into it (`S = p`, `S.f[i] = p`, `S.set(p)`), or it is a macro
    /// invoked (`acheck!(..)`): where a value counts (see [`Selector`]).
    fn stores(self) -> bool {
        self.flags & STORE != 0
    }
}

/// What the lexer found in one file.
#[derive(Debug, Default)]
pub struct Scan {
    /// The identifiers outside the skeleton and the `extern` blocks, in order.
    pub idents: Vec<Ident>,
    /// Byte ranges of the skeleton, in order.
    keep: Vec<(usize, usize)>,
    /// Byte ranges that the file's *function view* keeps besides the skeleton (see
    /// [`functions`]): its function, `impl` and `trait` items whole, the headers and closing
    /// braces of its `struct`s, `enum`s and `union`s, its type aliases, module-level macro
    /// invocations whose items are not all of a kind the lexer knows, and the headers and
    /// braces of those whose items only the view keeps. In the order they were found (a
    /// macro's header after what it holds).
    functions: Vec<(usize, usize)>,
    /// The file defines a function with a foreign ABI or does not lex cleanly: its functions
    /// are read whatever it mentions.
    pub always_full: bool,
    /// The file does not lex cleanly (an unterminated literal or comment, a character Rust does
    /// not know, unbalanced delimiters): it is parsed whole, so that its error is reported.
    pub bad: bool,
    /// The file has an `extern { }` block or a `link!` declaration somewhere.
    pub declares_ffi: bool,
    /// The functions of its `extern { }` blocks that the skeleton leaves out, in order (see
    /// [`ForeignFn`]).
    pub foreign: Vec<ForeignFn>,
    /// Byte ranges of its `extern { }` blocks that are not items of a module (inside a function
    /// body): their functions are visible in that body only.
    pub nested_ffi: Vec<(usize, usize)>,
    /// Byte ranges of its comments, in order.
    pub comments: Vec<(u32, u32)>,
    /// Its `macro_rules!` whose first rule takes a function name and its arguments and calls
    /// that function under a path of their own (alsa's `acheck!(snd_x(..))` calling
    /// `alsa::snd_x(..)`): (macro name, path). Read from tokens, so every file contributes
    /// whether it is parsed or not.
    pub call_wrappers: Vec<(String, Vec<String>)>,
    /// The names of the `static`s declared outside its skeleton (inside functions and macro
    /// invocations): stores into them are sinks too, and only the tokens know them before the
    /// file is parsed.
    pub local_statics: Vec<String>,
    /// The file nests deeper than the parser can follow: where, and what (see [`MAX_DELIMITERS`]
    /// and the other limits).
    pub too_deep: Option<(usize, String)>,
}

/// Nesting deeper than this many delimiters is not parsed (syn's recursive parser would
/// exhaust the worker's stack: blocks overflowed at 70,000 in release builds). The deepest
/// expression the robustness tests require is 10,000.
pub const MAX_DELIMITERS: usize = 12_000;
/// Inline modules nested deeper than this are not parsed (debug builds overflowed at 7,000,
/// and the module tree is quadratic in the depth).
pub const MAX_MODULES: usize = 3_000;
/// Generic arguments nested deeper than this are not parsed (`Vec<Vec<..>>`: debug builds
/// overflowed at 5,000).
pub const MAX_ANGLES: usize = 3_000;

/// Where `toks` nests deeper than the parser can follow, and what nests.
fn too_deep(toks: &[T], text: &str) -> Option<(usize, String)> {
    let word = |t: &T| t.word(text);
    // A `>` of `->` closes nothing.
    let arrow = |t: &T| t.start > 0 && text.as_bytes()[t.start - 1] == b'-';
    let (mut depth, mut angles) = (0usize, 0usize);
    let mut modules: Vec<bool> = Vec::new();
    let mut module_depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Open(c) => {
                depth += 1;
                let module = c == b'}' && i >= 2 && word(&toks[i - 2]) == "mod";
                module_depth += usize::from(module);
                modules.push(module);
                if c == b'}' {
                    angles = 0;
                }
            }
            Tok::Close(c) => {
                depth = depth.saturating_sub(1);
                if modules.pop() == Some(true) {
                    module_depth -= 1;
                }
                if c == b'}' {
                    angles = 0;
                }
            }
            Tok::Semi => angles = 0,
            Tok::Lt => angles += 1,
            Tok::Gt if !arrow(t) => angles = angles.saturating_sub(1),
            _ => {}
        }
        let what = if depth > MAX_DELIMITERS {
            format!("delimiters nested more than {MAX_DELIMITERS} deep")
        } else if module_depth > MAX_MODULES {
            format!("inline modules nested more than {MAX_MODULES} deep")
        } else if angles > MAX_ANGLES {
            format!("generic arguments nested more than {MAX_ANGLES} deep")
        } else {
            continue;
        };
        return Some((t.start, what));
    }
    None
}

/// The token kinds the scanner tells apart (`Open`/`Close` carry the closing delimiter).
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
    Dot,
    Lt,
    Gt,
    Other,
}

/// What a group of braces holds, for the skeleton.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Holds {
    /// Items of an inline module.
    Module,
    /// Items a module-level macro invocation emits as written (`cfg_if!`, `feature!`).
    Macro,
    /// Anything else (function bodies, `impl` blocks, expressions).
    Other,
}

/// One significant token: kind and byte range (a raw identifier without its `r#`).
#[derive(Clone, Copy)]
struct T {
    kind: Tok,
    start: usize,
    end: usize,
}

impl T {
    /// Its text.
    fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// Its text if it is an identifier (keywords included), else nothing.
    fn word(self, text: &str) -> &str {
        match self.kind {
            Tok::Ident => self.text(text),
            _ => "",
        }
    }
}

impl Scan {
    /// The skeleton is blank: nothing of the file is kept.
    pub fn keeps_nothing(&self) -> bool {
        self.keep.is_empty()
    }
}

thread_local! {
    /// The token buffer of the last file this thread lexed, cleared: files come one after
    /// another, and a buffer allocated for each and doubled as it grew (a generated bindings
    /// file has a million tokens) was copied at every doubling. Kept, the lexer took 0.498 s
    /// instead of 0.526 s over the corpus.
    static TOKENS: std::cell::Cell<Vec<T>> = const { std::cell::Cell::new(Vec::new()) };
}

/// A token buffer larger than this (1.5 MiB; a 300 KB file) is not kept for the next file:
/// every worker thread keeps one, and keeping the largest ones gained nothing measurable.
const MAX_KEPT_TOKENS: usize = 1 << 16;

/// Lexes `text`: its identifiers and its skeleton.
pub fn scan(text: &str) -> Scan {
    let mut out = Scan::default();
    let mut toks = TOKENS.take();
    let (may_nest_deep, idents) =
        significant_tokens(text, &mut toks, &mut out.bad, &mut out.comments);
    out.too_deep = may_nest_deep.then(|| too_deep(&toks, text)).flatten();
    out.idents.reserve(idents);
    let word = |t: &T| t.word(text);
    // `unsafe mod m;`, which syn reads as a module (rustc rejects it later): from `mod`.
    let unsafe_mod = |h: usize| {
        let next = toks.get(h + 1).map_or("", |n| n.word(text));
        h + usize::from(toks[h].word(text) == "unsafe" && next == "mod")
    };
    // Frames of open groups: the closing character, what the group holds, where it opens,
    // and for a macro whether its items must be kept verbatim in the function view (see
    // [`item_kind`]).
    let mut frames: Vec<Frame> = Vec::new();
    // The `extern { }` blocks, whole, and the headers and closing braces of the macros left out
    // of both trees: their names are not counted.
    let mut hidden: Vec<(usize, usize)> = Vec::new();
    let mut item_start = 0;
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let in_module = frames.last().is_none_or(|f| f.holds != Holds::Other);
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
                        // An `extern { }` block, at any depth: kept, its names not counted.
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
                        // The block's header, braces and items but its functions, which
                        // are read from the tokens: in bindings they are most of a skeleton.
                        out.keep.push((toks[from].start, toks[open].end));
                        foreign_items(&toks, text, (open, close), &mut out);
                        out.keep.push((toks[close].start, toks[close].end));
                        hidden.push((toks[from].start, toks[close].end));
                        out.declares_ffi = true;
                        if !in_module {
                            out.nested_ffi.push((toks[own].start, toks[close].end));
                        }
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
                    out.declares_ffi = true;
                    i = end + 1;
                    item_start = i;
                    continue;
                }
                let next = |k: usize| toks.get(i + k).map(|n| n.kind);
                let call = next(1) == Some(Tok::Open(b')'))
                    || (next(1) == Some(Tok::Colon)
                        && next(2) == Some(Tok::Colon)
                        && toks.get(i + 3).is_some_and(|n| n.text(text) == "<"));
                let def = i > 0 && word(&toks[i - 1]) == "fn";
                // `f()` or `T::f()`: nothing of the caller flows in (`x.f()` passes `x`).
                let no_args = next(1) == Some(Tok::Open(b')'))
                    && next(2) == Some(Tok::Close(b')'))
                    && (i == 0 || toks[i - 1].kind != Tok::Dot);
                let colons = |j: usize| {
                    toks.get(j + 1).is_some_and(|n| n.kind == Tok::Colon)
                        && toks.get(j + 2).is_some_and(|n| n.kind == Tok::Colon)
                };
                let mut path_call = false;
                if colons(i) {
                    let mut j = i;
                    while colons(j) && toks.get(j + 3).is_some_and(|n| n.kind == Tok::Ident) {
                        j += 3;
                    }
                    path_call = j > i && toks.get(j + 1).is_some_and(|n| n.kind == Tok::Open(b')'))
                        || colons(j);
                }
                let store = stored_into(&toks, text, i);
                // An identifier longer than 64 KiB names nothing anyone calls.
                if let Ok(len) = u16::try_from(t.end - t.start) {
                    out.idents.push(Ident {
                        start: t.start as u32,
                        len,
                        flags: if call { CALL } else { 0 }
                            | if def { DEF } else { 0 }
                            | if path_call { PATH_CALL } else { 0 }
                            | if no_args { NO_ARGS } else { 0 }
                            | if store { STORE } else { 0 },
                    });
                }
            }
            Tok::Open(c) => {
                let mut invocation = false;
                let holds = if c == b'}' && in_module {
                    let h = head(&toks, text, item_start);
                    let p = h + path_len(&toks, text, item_start);
                    let m = unsafe_mod(h);
                    if word(&toks[m]) == "mod"
                        && toks.get(m + 1).is_some_and(|n| n.kind == Tok::Ident)
                        && m + 2 == i
                    {
                        Holds::Module
                    } else if toks[p].kind == Tok::Ident
                        && toks.get(p + 1).is_some_and(|n| n.kind == Tok::Bang)
                        && p + 2 == i
                    {
                        invocation = true;
                        Holds::Macro
                    } else if matches!(word(&toks[h]), "if" | "else") {
                        // `feature! {`, `cfg_if! {` and its `if #[cfg(..)] {` / `else {`
                        // branches (no item starts with `if`): items the macro emits (see
                        // `crate::macros`).
                        Holds::Macro
                    } else {
                        Holds::Other
                    }
                } else {
                    Holds::Other
                };
                let header = item_start;
                if holds != Holds::Other {
                    out.keep.push((toks[item_start].start, t.end));
                    item_start = i + 1;
                }
                frames.push(Frame {
                    close: c,
                    holds,
                    open: i,
                    header,
                    keep: out.keep.len(),
                    verbatim: false,
                    invocation,
                    no_items: invocation && !may_start_item(&toks, text, i + 1),
                    functions: out.functions.len(),
                });
            }
            Tok::Close(c) => {
                let Some(frame) = frames.pop() else {
                    out.bad = true;
                    break;
                };
                if frame.close != c {
                    out.bad = true;
                    break;
                }
                if frame.holds != Holds::Other {
                    if frame.no_items {
                        // The body is read through its skeleton (see `crate::macros`): so is
                        // the view, whatever functions the lexer found in it.
                        out.functions.truncate(frame.functions);
                    }
                    let verbatim = frame.verbatim && !frame.no_items;
                    let in_view = verbatim || out.functions.len() > frame.functions;
                    if frame.invocation && out.keep.len() == frame.keep {
                        // A macro of which the skeleton keeps nothing (winapi's thousands of
                        // `STRUCT!{..}`) reads as no items there: its header and braces are
                        // left out of it too (their names still not counted), and kept in
                        // the function view only if something inside is.
                        let header = out.keep.pop().unwrap_or_default();
                        hidden.extend([header, (t.start, t.end)]);
                        if in_view {
                            out.functions.extend([header, (t.start, t.end)]);
                        }
                    } else {
                        out.keep.push((t.start, t.end));
                    }
                    if verbatim {
                        out.functions.push((toks[frame.header].start, t.end));
                    }
                    item_start = i + 1;
                } else if c == b'}'
                    && frames.last().is_none_or(|f| f.holds != Holds::Other)
                    && toks.get(i + 1).is_none_or(|n| n.kind != Tok::Semi)
                    && !is_value(&toks, text, head(&toks, text, item_start))
                {
                    // The end of an item with a body (`fn`, `impl`); one followed by `;`
                    // (`use a::{b};`) ends at the `;`, and so does a constant or a static
                    // whatever its value holds (`const N: usize = if cfg!(x) { 1 } else { 2 };`).
                    item_ends(
                        &toks,
                        text,
                        (item_start, i),
                        frame.open,
                        &mut frames,
                        &mut out,
                    );
                    item_start = i + 1;
                }
            }
            Tok::Semi if in_module => {
                let h = unsafe_mod(head(&toks, text, item_start));
                let keep = match word(&toks[h]) {
                    "mod" => i == h + 2 && toks[h + 1].kind == Tok::Ident,
                    "use" | "static" => true,
                    "extern" => toks.get(h + 1).is_some_and(|n| word(n) == "crate"),
                    _ => false,
                };
                if keep {
                    out.keep.push((toks[item_start].start, t.end));
                } else {
                    item_ends(&toks, text, (item_start, i), i, &mut frames, &mut out);
                }
                item_start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    out.bad |= !frames.is_empty();
    out.always_full |= out.bad;
    out.call_wrappers = call_wrappers(&toks, text);
    // Names in the skeleton are declarations and imports, not uses: the skeleton has them. So
    // are those of the functions of `extern` blocks. (A block overlaps the ranges it holds;
    // sorted by start, the first range that ends after a name holds it if any does.)
    hidden.extend_from_slice(&out.keep);
    hidden.sort_unstable();
    let mut keep = hidden.iter().peekable();
    out.idents.retain(|id| {
        let s = id.start as usize;
        while keep.next_if(|&&(_, end)| end <= s).is_some() {}
        keep.peek().is_none_or(|&&(start, _)| s < start)
    });
    // A `static` inside a function is in no skeleton: its name is taken from the tokens,
    // `static [mut] NAME:` (comments may come between). Not a macro's `static $name:`: a
    // superset of what the tree declares, but not by much.
    let mut after_static = false;
    let mut end = 0;
    for id in &out.idents {
        let w = id.text(text);
        let (gap, start) = (end, id.start as usize);
        end = start + w.len();
        if w == "static" {
            after_static = true;
            continue;
        }
        // The gaps are searched for `$` only after `static`: searching every gap was a
        // second pass over the text.
        if !after_static {
            continue;
        }
        let adjacent = !text[gap..start].contains('$');
        let typed = || text[end..].trim_start().starts_with([':', '/']);
        match w {
            "mut" if adjacent => {}
            _ if adjacent && typed() => {
                out.local_statics.push(w.to_owned());
                after_static = false;
            }
            _ => after_static = false,
        }
    }
    if toks.capacity() <= MAX_KEPT_TOKENS {
        toks.clear();
        TOKENS.set(toks);
    }
    out
}

/// Whether the identifier at `i` is stored into, as the lowering reads stores into a static:
/// the root of an assignment's place through fields and indices (`S = p`, `S.f[i] = p`, not
/// `S == p` or `S += 1`), or the receiver of a store method (`S.set(p)`). Or it is a macro
/// invoked (`acheck!(..)`).
fn stored_into(toks: &[T], text: &str, i: usize) -> bool {
    let at = |k: usize| toks.get(k).map_or("", |t| t.text(text));
    let kind = |k: usize| toks.get(k).map(|t| t.kind);
    if kind(i + 1) == Some(Tok::Bang) {
        return true;
    }
    // A field (`T.x = p`) is no root.
    if i > 0 && toks[i - 1].kind == Tok::Dot {
        return false;
    }
    let mut j = i + 1;
    loop {
        match kind(j) {
            Some(Tok::Dot) if matches!(kind(j + 1), Some(Tok::Ident | Tok::OtherLit)) => {
                let call = kind(j + 2) == Some(Tok::Open(b')'))
                    || (kind(j + 2) == Some(Tok::Colon) && kind(j + 3) == Some(Tok::Colon));
                if call {
                    return STORE_METHODS.contains(&at(j + 1));
                }
                j += 2;
            }
            Some(Tok::Open(b']')) => j = matching(toks, j) + 1,
            _ => return at(j) == "=" && !matches!(at(j + 1), "=" | ">"),
        }
    }
}

/// An open group while lexing.
struct Frame {
    /// The character that closes it.
    close: u8,
    holds: Holds,
    /// The index of its opening token.
    open: usize,
    /// The index of the first token of the item it opens (attributes included).
    header: usize,
    /// How many skeleton ranges were recorded when it opened (its header included).
    keep: usize,
    /// A module-level macro invocation (`name! {`), not a `cfg_if!` branch.
    invocation: bool,
    /// A macro whose items the function view must keep as written: one of them is of no kind
    /// [`item_kind`] knows, so its body may not parse as items at all, and blanking parts of it
    /// could make it parse.
    verbatim: bool,
    /// A macro invocation whose body cannot parse as items: its first item starts with no
    /// token an item may start with (see [`may_start_item`]). Its body is read through its
    /// skeleton, and so is its part of the function view.
    no_items: bool,
    /// How many function-view ranges were recorded when it opened.
    functions: usize,
}

/// Whether the item starting at token `start` (attributes and visibility first) may parse as
/// one: a literal, or an identifier that is no keyword and begins no macro path, cannot
/// (winsafe's `const_values! { HRESULT; .. }`, winapi's `RIDL!{#[uuid(..)] interface I(..) ..}`).
/// Only the first item of a body is read so: past it, the lexer's guess of where items end is
/// no proof (an `if {..} else {..}` in a body that is no items ends a guessed item at a `}`).
fn may_start_item(toks: &[T], text: &str, start: usize) -> bool {
    // Strict, reserved and weak keywords: some start an item, none is proof of anything.
    const KEYWORDS: &[&str] = &[
        "abstract",
        "as",
        "async",
        "auto",
        "await",
        "become",
        "box",
        "break",
        "const",
        "continue",
        "crate",
        "default",
        "do",
        "dyn",
        "else",
        "enum",
        "extern",
        "false",
        "final",
        "fn",
        "for",
        "gen",
        "if",
        "impl",
        "in",
        "let",
        "loop",
        "macro",
        "macro_rules",
        "match",
        "mod",
        "move",
        "mut",
        "override",
        "priv",
        "pub",
        "raw",
        "ref",
        "return",
        "safe",
        "self",
        "Self",
        "static",
        "struct",
        "super",
        "trait",
        "true",
        "try",
        "type",
        "typeof",
        "union",
        "unsafe",
        "unsized",
        "use",
        "virtual",
        "where",
        "while",
        "yield",
    ];
    let h = head(toks, text, start);
    let Some(t) = toks.get(h).filter(|_| h >= start) else {
        return true;
    };
    let kind = |k: usize| toks.get(k).map(|n| n.kind);
    match t.kind {
        Tok::Str | Tok::OtherLit => false,
        // A raw identifier is read without its `r#`: `r#union` counts as a keyword.
        Tok::Ident => {
            KEYWORDS.contains(&t.text(text))
                || kind(h + 1) == Some(Tok::Bang)
                || (kind(h + 1) == Some(Tok::Colon) && kind(h + 2) == Some(Tok::Colon))
        }
        _ => true,
    }
}

/// What the function view keeps of an item (see [`functions`]).
#[derive(Debug, PartialEq)]
enum ItemKind {
    /// Functions, `impl` and `trait` items, type aliases: whole.
    Whole,
    /// `struct`, `enum` and `union` with a brace body: the header and the braces (the item
    /// index needs their names, never their fields).
    Hollow,
    /// Everything else the lexer knows (`const`, `macro_rules!`, macro invocations, and the
    /// skeleton's own items): nothing more.
    Nothing,
    /// An item of no kind the lexer knows.
    Unknown,
}

/// Whether the item whose first token (after attributes and visibility) is `h` is a constant or
/// a static (`const X: T = ..;`, not `const fn`): it ends at its `;`.
fn is_value(toks: &[T], text: &str, h: usize) -> bool {
    match toks.get(h).map_or("", |t| t.word(text)) {
        "const" => toks.get(h + 2).is_some_and(|t| t.kind == Tok::Colon),
        "static" => true,
        _ => false,
    }
}

/// The kind of the item whose first token (after attributes and visibility) is `h`.
fn item_kind(toks: &[T], text: &str, h: usize) -> ItemKind {
    let word = |k: usize| toks.get(k).map_or("", |t| t.word(text));
    let mut k = h;
    loop {
        match word(k) {
            // `const fn`, `const unsafe fn` (and libc's `const safe fn`, which syn rejects as
            // rustc does: the view must keep what makes the full tree fail); `const X: T = ..;`
            // is a constant.
            "const" if !is_value(toks, text, k) => k += 1,
            "async" | "unsafe" | "default" | "safe" | "auto" => k += 1,
            "extern" => k += 1 + usize::from(toks.get(k + 1).is_some_and(|t| t.kind == Tok::Str)),
            _ => break,
        }
    }
    match word(k) {
        "fn" | "impl" | "trait" | "type" => ItemKind::Whole,
        "struct" | "enum" | "union" => ItemKind::Hollow,
        "const" | "static" | "use" | "mod" | "extern" | "macro_rules" => ItemKind::Nothing,
        _ if toks
            .get(k + path_len(toks, text, k) + 1)
            .is_some_and(|t| t.kind == Tok::Bang) =>
        {
            ItemKind::Nothing
        }
        _ => ItemKind::Unknown,
    }
}

/// Records in the function view the module-level item `from..=to` (token indices), whose last
/// group opens at `open` (`to` itself when it ends with `;`).
fn item_ends(
    toks: &[T],
    text: &str,
    (from, to): (usize, usize),
    open: usize,
    frames: &mut [Frame],
    out: &mut Scan,
) {
    let h = head(toks, text, from);
    let (start, end) = (toks[from].start, toks[to].end);
    match item_kind(toks, text, h) {
        ItemKind::Whole => out.functions.push((start, end)),
        ItemKind::Hollow if open < to => {
            out.functions.push((start, toks[open].end));
            out.functions.push((toks[to].start, end));
        }
        // A tuple or unit struct: small.
        ItemKind::Hollow => out.functions.push((start, end)),
        ItemKind::Nothing => {}
        ItemKind::Unknown => {
            if let Some(f) = frames.last_mut().filter(|f| f.holds == Holds::Macro) {
                f.verbatim = true;
            }
        }
    }
}

/// A function of an `extern { }` block, read from its tokens: the skeleton and the function
/// view leave it out, and [`crate::ffi::collect`] reads it from here, for the trees that do not
/// have it. Only a declaration of the plainest shape is read so (`[attributes] [pub] [safe |
/// unsafe] fn name(a: T, _: U, ...) [-> R];`, the parameters' patterns names or `_`); any
/// other item of a block stays in the skeleton, and syn reads it as before.
#[derive(Clone, Debug)]
pub struct ForeignFn {
    /// The byte range of its name (with the `r#` of a raw identifier).
    pub name: (u32, u32),
    /// The byte range of each parameter's name, `None` for `_` (the variadic `...` is none).
    pub params: Vec<Option<(u32, u32)>>,
    /// The value of its `#[link_name = ".."]`.
    pub link_name: Option<String>,
}

/// Reads the items of the `extern` block whose braces are the tokens `open` and `close`: its
/// functions onto [`Scan::foreign`], the byte ranges of the rest onto the skeleton.
fn foreign_items(toks: &[T], text: &str, (open, close): (usize, usize), out: &mut Scan) {
    let mut k = open + 1;
    while k < close {
        // An item ends at a `;`, or with a brace group (a macro, or a function with a body).
        let mut end = close - 1;
        let mut j = k;
        while j < close {
            match toks[j].kind {
                Tok::Semi => {
                    end = j;
                    break;
                }
                Tok::Open(c) => {
                    let m = matching(toks, j);
                    if c == b'}' {
                        end = m;
                        break;
                    }
                    j = m;
                }
                _ => {}
            }
            j += 1;
        }
        match foreign_fn(toks, text, k, end) {
            Some(f) => out.foreign.push(f),
            None => out.keep.push((toks[k].start, toks[end].end)),
        }
        k = end + 1;
    }
}

/// The function declared by the tokens `from..=to` of an `extern` block, if it has the shape
/// [`ForeignFn`] reads.
fn foreign_fn(toks: &[T], text: &str, from: usize, to: usize) -> Option<ForeignFn> {
    let at = |k: usize| toks.get(k).filter(|_| k <= to);
    let word = |k: usize| at(k).map_or("", |t| t.word(text));
    let is = |k: usize, s: &str| at(k).is_some_and(|t| t.text(text) == s);
    // Plain tokens only: a block in a macro's tokens (`$t`, `#[const_ptr_if(..)] T`) that syn
    // cannot read must not read as declarations in the skeleton either.
    let plain = |t: &T| match t.kind {
        Tok::Other => {
            matches!(t.text(text), "*" | "&" | "," | "-" | "=") || t.text(text).starts_with('\'')
        }
        _ => true,
    };
    if toks[to].kind != Tok::Semi || !toks[from..to].iter().all(plain) {
        return None;
    }
    // The name with its `r#`: syn's identifier prints so.
    let raw = |t: T| {
        let start = t.start - 2 * usize::from(text[..t.start].ends_with("r#"));
        (start as u32, t.end as u32)
    };
    let mut k = from;
    let mut link_name = None;
    let mut named = false;
    // Attributes: the first `link_name` decides, as `crate::ffi` reads it.
    while at(k).is_some_and(|t| t.kind == Tok::Pound) {
        if !at(k + 1).is_some_and(|t| t.kind == Tok::Open(b']')) {
            return None;
        }
        let close = matching(toks, k + 1);
        if !named && word(k + 2) == "link_name" && !is(k + 3, ":") {
            named = true;
            if is(k + 3, "=") && at(k + 4).is_some_and(|t| t.kind == Tok::Str) && close == k + 5 {
                link_name = syn::parse_str::<syn::LitStr>(toks[k + 4].text(text))
                    .ok()
                    .map(|l| l.value());
            }
        }
        k = close + 1;
    }
    if word(k) == "pub" {
        k += 1;
        if at(k).is_some_and(|t| t.kind == Tok::Open(b')')) {
            k = matching(toks, k) + 1;
        }
    }
    if matches!(word(k), "safe" | "unsafe") {
        k += 1;
    }
    if word(k) != "fn" || !at(k + 1).is_some_and(|t| t.kind == Tok::Ident) {
        return None;
    }
    let name = raw(toks[k + 1]);
    // Generic parameters, or anything else before the parameters: syn's to read.
    if !at(k + 2).is_some_and(|t| t.kind == Tok::Open(b')')) {
        return None;
    }
    let (open, close) = (k + 2, matching(toks, k + 2));
    if close > to || toks[close..to].iter().any(|t| t.kind == Tok::Pound) {
        return None;
    }
    let mut params = Vec::new();
    let mut p = open + 1;
    while p < close {
        // One parameter: attributes, a pattern, `:`, a type, up to a `,` outside brackets.
        while toks[p].kind == Tok::Pound && toks[p + 1].kind == Tok::Open(b']') {
            p = matching(toks, p + 1) + 1;
        }
        let mut end = p;
        let mut colon = None;
        let mut angles = 0usize;
        while end < close {
            let t = toks[end];
            match t.kind {
                // An attribute inside a type (openssl-sys's `const_ptr_api!` reads
                // `#[const_ptr_if(ossl300)] T`): no type syn reads.
                Tok::Pound => return None,
                Tok::Open(_) => end = matching(toks, end),
                Tok::Colon if colon.is_none() => {
                    let path = toks[end + 1].kind == Tok::Colon
                        || (end > p && toks[end - 1].kind == Tok::Colon);
                    if !path {
                        colon = Some(end);
                    }
                }
                Tok::Lt => angles += 1,
                Tok::Gt if text.as_bytes()[t.start - 1] != b'-' => {
                    angles = angles.saturating_sub(1);
                }
                Tok::Other if angles == 0 && t.text(text) == "," => break,
                _ => {}
            }
            end += 1;
        }
        if end == p {
            // A trailing comma, or an attribute with no parameter: syn's to read.
            if end < close {
                return None;
            }
            break;
        }
        let variadic = toks[p].kind == Tok::Dot
            || colon.is_some_and(|c| toks.get(c + 1).is_some_and(|t| t.kind == Tok::Dot));
        if !variadic {
            let pattern = &toks[p..colon?];
            let ident = match pattern {
                [t] if t.kind == Tok::Ident => *t,
                [m, t] if m.word(text) == "mut" && t.kind == Tok::Ident => *t,
                _ => return None,
            };
            params.push((ident.text(text) != "_").then(|| raw(ident)));
        }
        p = end + 1;
    }
    Some(ForeignFn {
        name,
        params,
        link_name,
    })
}

/// The `macro_rules!` definitions whose first rule takes a function name and its arguments
/// and calls that function under a path (alsa's
/// `macro_rules! acheck { ($f: ident ( $($x: expr),* ) ) => {{ .. alsa::$f( $($x),* ) .. }} }`):
/// `acheck!(snd_pcm_close(p))` calls `alsa::snd_pcm_close`. Read from tokens, so that every file
/// contributes whether it is parsed or not. (macro name, path) pairs.
fn call_wrappers(toks: &[T], text: &str) -> Vec<(String, Vec<String>)> {
    let at = |i: usize| toks.get(i).map_or("", |t| t.text(text));
    let kind = |i: usize| toks.get(i).map(|t| t.kind);
    let mut out = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !(t.kind == Tok::Ident
            && t.text(text) == "macro_rules"
            && kind(i + 1) == Some(Tok::Bang)
            && kind(i + 2) == Some(Tok::Ident)
            && matches!(kind(i + 3), Some(Tok::Open(_)))
            && matches!(kind(i + 4), Some(Tok::Open(_))))
        {
            continue;
        }
        // The first rule's matcher: `$f: ident ( ..`.
        let m = i + 4;
        if !(at(m + 1) == "$"
            && kind(m + 2) == Some(Tok::Ident)
            && kind(m + 3) == Some(Tok::Colon)
            && at(m + 4) == "ident"
            && kind(m + 5) == Some(Tok::Open(b')')))
        {
            continue;
        }
        let f = at(m + 2);
        let arrow = matching(toks, m) + 1;
        if !(at(arrow) == "="
            && at(arrow + 1) == ">"
            && matches!(kind(arrow + 2), Some(Tok::Open(_))))
        {
            continue;
        }
        let body = arrow + 2;
        let end = matching(toks, body);
        // `a::b::$f(` in the transcriber.
        let call = (body..end).find(|&k| {
            at(k) == "$"
                && at(k + 1) == f
                && kind(k + 2) == Some(Tok::Open(b')'))
                && k >= 3
                && kind(k - 1) == Some(Tok::Colon)
                && kind(k - 2) == Some(Tok::Colon)
                && kind(k - 3) == Some(Tok::Ident)
        });
        let Some(k) = call else { continue };
        let mut path = Vec::new();
        let mut j = k - 3;
        loop {
            path.push(at(j).to_owned());
            if j >= 3
                && kind(j - 1) == Some(Tok::Colon)
                && kind(j - 2) == Some(Tok::Colon)
                && kind(j - 3) == Some(Tok::Ident)
            {
                j -= 3;
            } else {
                break;
            }
        }
        path.reverse();
        out.push((at(i + 2).to_owned(), path));
    }
    out
}

/// The tokens that are not whitespace or comments. Sets `bad` when the text does not lex
/// cleanly (an unterminated literal or comment, a character Rust does not know). Also says
/// whether they may nest too deep for the parser (see [`too_deep`]): not unless delimiters
/// nest deeper than the lowest limit or there are more `<` than [`MAX_ANGLES`], and most files
/// need no second walk to know it; and how many are identifiers.
fn significant_tokens(
    text: &str,
    toks: &mut Vec<T>,
    bad: &mut bool,
    comments: &mut Vec<(u32, u32)>,
) -> (bool, usize) {
    let (mut depth, mut max_depth, mut angles, mut idents) = (0usize, 0usize, 0usize, 0usize);
    // rustc leaves out a byte order mark, then a shebang line.
    let bom = crate::source::bom_len(text);
    let mut offset = bom + ra_ap_rustc_lexer::strip_shebang(&text[bom..]).unwrap_or(0);
    for token in tokenize(&text[offset..], FrontmatterAllowed::Yes) {
        let start = offset;
        offset += token.len as usize;
        let kind = match token.kind {
            TokenKind::Whitespace | TokenKind::Frontmatter { .. } => continue,
            TokenKind::LineComment { .. } => {
                comments.push((start as u32, offset as u32));
                continue;
            }
            TokenKind::BlockComment { terminated, .. } => {
                *bad |= !terminated;
                comments.push((start as u32, offset as u32));
                continue;
            }
            TokenKind::Ident => Tok::Ident,
            TokenKind::RawIdent => {
                idents += 1;
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
            TokenKind::Dot => Tok::Dot,
            TokenKind::Lt => Tok::Lt,
            TokenKind::Gt => Tok::Gt,
            TokenKind::Unknown | TokenKind::InvalidIdent => {
                *bad = true;
                Tok::Other
            }
            _ => Tok::Other,
        };
        match kind {
            Tok::Open(_) => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            Tok::Close(_) => depth = depth.saturating_sub(1),
            Tok::Lt => angles += 1,
            Tok::Ident => idents += 1,
            _ => {}
        }
        toks.push(T {
            kind,
            start,
            end: offset,
        });
    }
    let may_nest_deep = max_depth > MAX_DELIMITERS.min(MAX_MODULES) || angles > MAX_ANGLES;
    (may_nest_deep, idents)
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
            Some(t) if t.word(text) == "pub" => {
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

/// The skeleton of `text`: its kept items in place, every character outside them blanked
/// (newlines stay) up to the end of the last one, so that every token is at the text's line
/// and column in characters: a blanked character is one space, and the blanks that end a line
/// are left out.
pub fn skeleton(text: &str, scan: &Scan) -> String {
    view(text, &scan.keep, &scan.comments)
}

/// `text` blanked outside `ranges` (byte ranges sorted by start; they may overlap) and in its
/// `comments`, and truncated after the last range. Nothing reads a comment from a tree, and a
/// doc comment costs the parser an attribute.
///
/// Every token keeps its line and its column in characters, which is how spans are read (see
/// [`crate::source::byte_range`]), not its byte offset: a blanked character is one space
/// whatever its length in bytes, and the blanks that end a line are left out, so the parser
/// skips far less (most of a skeleton is blank lines: 41 MB of the corpus's skeletons are
/// 12 MB without them).
fn view(text: &str, ranges: &[(usize, usize)], comments: &[(u32, u32)]) -> String {
    let mut blanked = Vec::new();
    let mut at = 0;
    for &(start, end) in ranges {
        if start >= at {
            blanked.push((at, start));
        }
        at = at.max(end);
    }
    // Nothing after the last kept item: the positions before it are all that matter.
    let end = at.min(text.len());
    blanked.extend(
        comments
            .iter()
            .take_while(|c| (c.0 as usize) < end)
            .map(|&(from, to)| (from as usize, (to as usize).min(end))),
    );
    blanked.sort_unstable();
    let mut out = String::with_capacity(end / 2);
    // A byte order mark stays: syn leaves it out of the text's positions and the view's alike.
    let mut at = if end > 0 {
        crate::source::bom_len(text)
    } else {
        0
    };
    out.push_str(&text[..at]);
    for (from, to) in blanked {
        let from = from.max(at);
        // Token and comment boundaries are character boundaries.
        let (Some(kept), Some(gap)) = (text.get(at..from), text.get(from..to)) else {
            continue;
        };
        out.push_str(kept);
        push_blank(&mut out, gap);
        at = to;
    }
    out.push_str(text.get(at..end).unwrap_or_default());
    out
}

/// The *function view* of `text`: the skeleton and every function with its `impl` or `trait`,
/// with the names of the types that `impl`s and paths may name, the rest blanked like the
/// skeleton's. Constants, field lists, macro definitions and item macros
/// are most of a large file and nothing the analysis reads; this is what a file needs when its
/// functions must be indexed and lowered. Lines and columns are the text's, as in the skeleton.
pub fn functions(text: &str, scan: &Scan) -> String {
    let mut ranges = [scan.keep.as_slice(), scan.functions.as_slice()].concat();
    ranges.sort_unstable();
    view(text, &ranges, &scan.comments)
}

/// `text` blanked: its newlines, then a space for each character of its last line (what
/// follows it on that line keeps its column), no tokens. A byte order mark that starts it is
/// left out, as syn leaves it out of a file's positions.
pub fn blank(text: &str) -> String {
    let mut out = String::new();
    push_blank(&mut out, &text[crate::source::bom_len(text)..]);
    out
}

/// Appends [`blank`]`(text)` to `out`.
fn push_blank(out: &mut String, text: &str) {
    let (newlines, tail) = match text.rfind('\n') {
        Some(last) => {
            let lines = text.as_bytes()[..last]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            (lines + 1, &text[last + 1..])
        }
        None => (0, text),
    };
    let columns = if tail.is_ascii() {
        tail.len()
    } else {
        tail.chars().count()
    };
    out.extend(std::iter::repeat_n('\n', newlines));
    out.extend(std::iter::repeat_n(' ', columns));
}

/// A file as the prefilter sees it: its text lives as long as the analysis (`'a`), the rest
/// may change between rounds (`'b`).
pub struct FileView<'a, 'b> {
    /// Its text.
    pub text: &'a str,
    /// Its line starts when its functions were read (see [`crate::source::byte_range`]).
    pub lines: Option<crate::source::Lines<'a>>,
    /// Its identifiers.
    pub idents: &'b [Ident],
    /// Its syntax tree (skeleton, function view or whole file), if it parsed.
    pub ast: Option<&'b syn::File>,
    /// The module path of its top level.
    pub module: &'b [String],
    /// Its tree has every function (function view or whole file).
    pub full: bool,
    /// Its functions must be read whatever it mentions.
    pub always_full: bool,
}

/// A function of a file whose functions were read.
struct FnBody<'a> {
    name: String,
    /// The file it is in.
    file: usize,
    /// The identifiers of its body, with whether a call may go through each (see
    /// [`Ident::through`]) and whether each is stored into (see [`Ident::stores`]).
    mentions: Vec<(&'a str, bool, bool)>,
    /// The functions it calls (by name).
    calls: Vec<&'a str>,
    /// Its callees are already wanted.
    callees_wanted: bool,
    /// The functions it calls without arguments (`f()`, `T::f()`): their summaries say
    /// nothing, so they matter only where resolution could take them for FFI (a module that
    /// glob-imports bindings).
    calls_without_args: Vec<&'a str>,
    /// Those are already wanted.
    calls_without_args_wanted: bool,
    /// It takes arguments (or `self`): a caller's value can flow through it.
    takes_args: bool,
}

/// The names that reach C and the files whose functions must be read.
pub struct Selector<'a> {
    /// Functions that reach C (FFI functions, Rust functions that call them) and their
    /// aliases: a call of one must be lowered (see [`Ident::through`]; `stat` named as a type,
    /// in `*mut stat`, is no call of `stat`).
    names: FxHashSet<String>,
    /// Statics and call-wrapping macros: a function that stores into one or invokes one must
    /// be lowered (see [`Ident::stores`]).
    values: FxHashSet<String>,
    fresh_values: FxHashSet<String>,
    /// Crates and modules through which FFI functions that were not read are called
    /// (`libc`, `*_sys`, the names `-sys` crates are used under, their aliases and wholesale
    /// re-exports): a call through one (`c::open(..)`) must be lowered.
    prefixes: FxHashSet<String>,
    /// Functions called by functions that are lowered: their definitions must be lowered too
    /// (a helper that returns the pointer it is given carries it to C).
    callees: FxHashSet<&'a str>,
    /// What was added since the files were last searched.
    fresh_names: FxHashSet<String>,
    fresh_prefixes: FxHashSet<String>,
    fresh_callees: FxHashSet<&'a str>,
    /// The files have not been searched yet (for `libc` and `*_sys`).
    first: bool,
    /// Files with a module that glob-imports a prefix (`use libc::*`): any path called there
    /// may name an FFI function (`X::f()` may be `libc::X::f()`).
    glob_files: FxHashSet<usize>,
    fresh_globs: FxHashSet<usize>,
    /// Functions of the files read so far not yet known to reach C.
    fns: Vec<FnBody<'a>>,
    /// Functions that must be lowered (they reach C, or one that is lowered calls them), by
    /// file and name: the others of a file read cannot change a finding.
    needed: FxHashSet<(usize, String)>,
    /// The imports inside function bodies of each file read (they count for the module).
    uses: FxHashMap<usize, Vec<UseLeaf>>,
    /// The module-level `use`, `extern crate` and inline `mod` items of each file, flattened
    /// once: every round of [`Selector::next`] reads them again.
    modules: FxHashMap<usize, Vec<ModItem>>,
}

impl<'a> Selector<'a> {
    /// Starts from `seeds`, the names known to reach C (the FFI functions), and `sys_crates`,
    /// the names `-sys` crates are used under.
    pub fn new(
        seeds: impl IntoIterator<Item = String>,
        values: impl IntoIterator<Item = String>,
        sys_crates: impl IntoIterator<Item = String>,
    ) -> Self {
        let names: FxHashSet<String> = seeds.into_iter().collect();
        let values: FxHashSet<String> = values.into_iter().collect();
        let prefixes: FxHashSet<String> = sys_crates.into_iter().collect();
        Selector {
            fresh_values: values.clone(),
            values,
            fresh_names: names.clone(),
            fresh_prefixes: prefixes.clone(),
            names,
            prefixes,
            callees: FxHashSet::default(),
            fresh_callees: FxHashSet::default(),
            first: true,
            glob_files: FxHashSet::default(),
            fresh_globs: FxHashSet::default(),
            fns: Vec::new(),
            needed: FxHashSet::default(),
            uses: FxHashMap::default(),
            modules: FxHashMap::default(),
        }
    }

    fn prefix(&self, w: &str) -> bool {
        is_bindings(w) || self.prefixes.contains(w)
    }

    /// The files whose functions to read next (empty at the fixed point). Call
    /// [`Selector::parsed`] with each file once its tree has them.
    pub fn next(&mut self, files: &[FileView<'a, '_>]) -> Vec<usize> {
        for (i, f) in files.iter().enumerate() {
            if let Some(ast) = f.ast {
                self.modules
                    .entry(i)
                    .or_insert_with(|| mod_items(&ast.items));
            }
        }
        loop {
            let before = (
                self.names.len(),
                self.callees.len(),
                self.prefixes.len(),
                self.glob_files.len(),
            );
            let mut grow = Grow {
                selector: self,
                new_names: FxHashSet::default(),
                new_prefixes: FxHashSet::default(),
                globs: false,
            };
            let mut globs = Vec::new();
            for (i, f) in files.iter().enumerate() {
                if let Some(items) = self.modules.get(&i) {
                    grow.globs = false;
                    grow.module(items, f.module.last().filter(|m| !m.starts_with('{')));
                    for leaf in self.uses.get(&i).into_iter().flatten() {
                        grow.globs |= grow.leaf(leaf);
                    }
                    if grow.globs {
                        globs.push(i);
                    }
                }
            }
            let (new_names, new_prefixes) = (grow.new_names, grow.new_prefixes);
            let mut fresh_globs = FxHashSet::default();
            for i in globs {
                if self.glob_files.insert(i) {
                    fresh_globs.insert(i);
                }
            }
            self.fresh_globs.extend(fresh_globs);
            for p in new_prefixes {
                self.fresh_prefixes.insert(p.clone());
                self.prefixes.insert(p);
            }
            for n in new_names {
                self.add_name(n);
            }
            let mut found = Vec::new();
            let (names, prefixes, values) = (&self.names, &self.prefixes, &self.values);
            let (callees, fresh_callees) = (&mut self.callees, &mut self.fresh_callees);
            let (glob_files, needed) = (&self.glob_files, &mut self.needed);
            self.fns.retain_mut(|f| {
                let glob = glob_files.contains(&f.file);
                let reaches = f.mentions.iter().any(|&(id, through, stores)| {
                    (stores && values.contains(id))
                        || (through
                            && (names.contains(id)
                                || glob
                                || is_bindings(id)
                                || prefixes.contains(id)))
                });
                let lowered = reaches || callees.contains(f.name.as_str());
                if lowered && !f.callees_wanted {
                    needed.insert((f.file, f.name.clone()));
                    for &c in &f.calls {
                        if callees.insert(c) {
                            fresh_callees.insert(c);
                        }
                    }
                    f.callees_wanted = true;
                }
                if lowered && glob && !f.calls_without_args_wanted {
                    for &c in &f.calls_without_args {
                        if callees.insert(c) {
                            fresh_callees.insert(c);
                        }
                    }
                    f.calls_without_args_wanted = true;
                }
                if reaches {
                    // A caller matters only if its values can flow in: through arguments.
                    if f.takes_args {
                        found.push(std::mem::take(&mut f.name));
                    }
                }
                !reaches
            });
            for n in found {
                self.add_name(n);
            }
            let after = (
                self.names.len(),
                self.callees.len(),
                self.prefixes.len(),
                self.glob_files.len(),
            );
            if after == before {
                break;
            }
        }
        // Only what is new since the last search can make a file wanted.
        let first = std::mem::take(&mut self.first);
        let (names, callees) = (&self.fresh_names, &self.fresh_callees);
        let (prefixes, globs) = (&self.fresh_prefixes, &self.fresh_globs);
        let values = &self.fresh_values;
        let wanted = files
            .iter()
            .enumerate()
            .filter(|(i, f)| {
                let glob = globs.contains(i);
                !f.full
                    && (f.always_full
                        || f.idents.iter().any(|id| {
                            let w = id.text(f.text);
                            (id.stores() && values.contains(w))
                                || (id.def() && callees.contains(w))
                                || (id.through()
                                    && (names.contains(w)
                                        || glob
                                        || prefixes.contains(w)
                                        || (first && is_bindings(w))))
                        }))
            })
            .map(|(i, _)| i)
            .collect();
        self.fresh_names.clear();
        self.fresh_prefixes.clear();
        self.fresh_values.clear();
        self.fresh_callees.clear();
        self.fresh_globs.clear();
        wanted
    }

    /// The functions to lower, by file (as numbered in [`Selector::next`]) and name.
    pub fn into_needed(self) -> FxHashSet<(usize, String)> {
        self.needed
    }

    fn add_name(&mut self, name: String) {
        if !self.names.contains(&name) {
            self.fresh_names.insert(name.clone());
            self.names.insert(name);
        }
    }

    /// Records the functions of file `index`, whose tree now has them.
    pub fn parsed(&mut self, index: usize, file: &FileView<'a, '_>) {
        let Some(ast) = file.ast else {
            // It did not parse: its skeleton's items no longer count either.
            self.modules.remove(&index);
            return;
        };
        let mut uses = AllUses::default();
        // Only a `use` outside the skeleton can be inside a block: most files have none, and
        // walking the whole tree for them was most of this function.
        if file.idents.iter().any(|id| id.text(file.text) == "use") {
            uses.visit_file(ast);
        }
        self.uses.insert(index, uses.leaves);
        self.modules.insert(index, mod_items(&ast.items));
        let mut v = Bodies {
            file: index,
            text: file.text,
            lines: file.lines,
            idents: file.idents,
            out: &mut self.fns,
        };
        v.visit_file(ast);
    }
}

/// Collects every function's name with the identifiers of its body.
struct Bodies<'a, 'b, 'o> {
    file: usize,
    text: &'a str,
    lines: Option<crate::source::Lines<'a>>,
    idents: &'b [Ident],
    out: &'o mut Vec<FnBody<'a>>,
}

impl<'a> Bodies<'a, '_, '_> {
    /// Records a function; says whether its body defines functions (an identifier after
    /// `fn`): only then is it walked, which is most of the time of reading a tree's functions.
    fn add(&mut self, sig: &syn::Signature, body: &syn::Block) -> bool {
        let name = &sig.ident;
        let r = crate::source::byte_range(self.lines, body.brace_token.span.join());
        let from = self
            .idents
            .partition_point(|id| (id.start as usize) < r.start);
        let to = self
            .idents
            .partition_point(|id| (id.start as usize) < r.end);
        let ids = &self.idents[from..to.max(from)];
        self.out.push(FnBody {
            name: syn::ext::IdentExt::unraw(name).to_string(),
            file: self.file,
            mentions: ids
                .iter()
                .map(|id| (id.text(self.text), id.through(), id.stores()))
                .collect(),
            calls: ids
                .iter()
                .filter(|id| id.call() && id.flags & NO_ARGS == 0)
                .map(|id| id.text(self.text))
                .collect(),
            callees_wanted: false,
            calls_without_args: ids
                .iter()
                .filter(|id| id.flags & NO_ARGS != 0)
                .map(|id| id.text(self.text))
                .collect(),
            calls_without_args_wanted: false,
            takes_args: !sig.inputs.is_empty(),
        });
        ids.iter().any(|id| id.def())
    }
}

impl<'ast> Visit<'ast> for Bodies<'_, '_, '_> {
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if self.add(&f.sig, &f.block) {
            syn::visit::visit_item_fn(self, f);
        }
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if self.add(&f.sig, &f.block) {
            syn::visit::visit_impl_item_fn(self, f);
        }
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(b) = &f.default
            && self.add(&f.sig, b)
        {
            syn::visit::visit_trait_item_fn(self, f);
        }
    }
}

/// What the `use` and `extern crate` items of the files add to the names and prefixes.
struct Grow<'s, 'a> {
    selector: &'s Selector<'a>,
    new_names: FxHashSet<String>,
    new_prefixes: FxHashSet<String>,
    /// The module (or one of its inline modules) glob-imports a prefix.
    globs: bool,
}

impl Grow<'_, '_> {
    fn name(&self, n: &str) -> bool {
        self.selector.names.contains(n) || self.new_names.contains(n)
    }

    fn prefix(&self, n: &str) -> bool {
        self.selector.prefix(n) || self.new_prefixes.contains(n)
    }

    /// One module's items (and its inline modules'). An import of a function that reaches C
    /// is one under its new name (`use ffi::f as g`). Anything imported from a prefix is a
    /// prefix (`use libc as c`, `use libc::{open, fcntl}`: only a call through it can be FFI),
    /// and so is a module that re-exports a prefix wholesale (`pub use libc::*`).
    fn module(&mut self, items: &[ModItem], own: Option<&String>) {
        let mut reexports = false;
        for item in items {
            match item {
                ModItem::Use { leaves, public } => {
                    let glob = leaves.iter().fold(false, |acc, l| self.leaf(l) | acc);
                    self.globs |= glob;
                    reexports |= glob && *public;
                }
                ModItem::ExternCrate { name, bound } => {
                    if self.prefix(name) && !self.prefix(bound) {
                        self.new_prefixes.insert(bound.clone());
                    }
                }
                ModItem::Mod { name, items } => self.module(items, Some(name)),
            }
        }
        if let Some(own) = own
            && reexports
            && !self.prefix(own)
        {
            self.new_prefixes.insert(own.clone());
        }
    }

    /// One imported name or glob; whether it is a glob import of a prefix.
    fn leaf(&mut self, leaf: &UseLeaf) -> bool {
        let through = leaf.path.iter().any(|p| self.prefix(p));
        let Some((orig, bound)) = &leaf.name else {
            return through;
        };
        if self.name(orig) && !self.name(bound) {
            self.new_names.insert(bound.clone());
        }
        if (through || self.prefix(orig)) && !self.prefix(bound) {
            self.new_prefixes.insert(bound.clone());
        }
        false
    }
}

/// A module-level item [`Grow::module`] reads.
enum ModItem {
    /// A `use` item's names and globs; whether it is visible outside its module.
    Use { leaves: Vec<UseLeaf>, public: bool },
    /// `extern crate name as bound;` (`bound` is `name` without a rename).
    ExternCrate { name: String, bound: String },
    /// An inline module and its items.
    Mod { name: String, items: Vec<ModItem> },
}

/// The items of a module that [`Grow::module`] reads, flattened.
fn mod_items(items: &[syn::Item]) -> Vec<ModItem> {
    let unraw = |i: &syn::Ident| syn::ext::IdentExt::unraw(i).to_string();
    items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Use(u) => {
                let mut leaves = Vec::new();
                flatten(&u.tree, &mut Vec::new(), &mut leaves);
                Some(ModItem::Use {
                    leaves,
                    public: !matches!(u.vis, syn::Visibility::Inherited),
                })
            }
            syn::Item::ExternCrate(c) => Some(ModItem::ExternCrate {
                name: unraw(&c.ident),
                bound: unraw(c.rename.as_ref().map_or(&c.ident, |(_, alias)| alias)),
            }),
            syn::Item::Mod(m) => m.content.as_ref().map(|(_, inner)| ModItem::Mod {
                name: unraw(&m.ident),
                items: mod_items(inner),
            }),
            _ => None,
        })
        .collect()
}

/// One name (original, bound) or glob (`None`) a `use` imports, under its path.
#[derive(Debug)]
struct UseLeaf {
    path: Vec<String>,
    name: Option<(String, String)>,
}

fn flatten(tree: &syn::UseTree, path: &mut Vec<String>, out: &mut Vec<UseLeaf>) {
    let unraw = |i: &syn::Ident| syn::ext::IdentExt::unraw(i).to_string();
    let (orig, bound) = match tree {
        syn::UseTree::Path(p) => {
            path.push(unraw(&p.ident));
            flatten(&p.tree, path, out);
            path.pop();
            return;
        }
        syn::UseTree::Group(g) => {
            g.items.iter().for_each(|t| flatten(t, path, out));
            return;
        }
        syn::UseTree::Glob(_) => {
            out.push(UseLeaf {
                path: path.clone(),
                name: None,
            });
            return;
        }
        syn::UseTree::Name(n) => (unraw(&n.ident), unraw(&n.ident)),
        syn::UseTree::Rename(r) => (unraw(&r.ident), unraw(&r.rename)),
    };
    // `use a::b::{self}` imports `b`.
    let (orig, bound) = match (orig.as_str(), path.last()) {
        ("self", Some(last)) if bound == "self" => (last.clone(), last.clone()),
        ("self", Some(last)) => (last.clone(), bound),
        _ => (orig, bound),
    };
    out.push(UseLeaf {
        path: path.clone(),
        name: Some((orig, bound)),
    });
}

/// The `use` items inside blocks (function bodies) of a syntax tree, flattened once per file:
/// they count for the module, and [`Grow::module`] reads only the module-level ones.
#[derive(Default)]
struct AllUses {
    leaves: Vec<UseLeaf>,
    blocks: usize,
}

impl<'ast> Visit<'ast> for AllUses {
    fn visit_block(&mut self, b: &'ast syn::Block) {
        self.blocks += 1;
        syn::visit::visit_block(self, b);
        self.blocks -= 1;
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if self.blocks > 0 {
            flatten(&u.tree, &mut Vec::new(), &mut self.leaves);
        }
    }
}

/// `libc` or a `-sys` crate: bindings whose functions are FFI even when not read.
fn is_bindings(name: &str) -> bool {
    name == "libc" || name.ends_with("_sys")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The skeleton with runs of blanks collapsed, checked to keep every token at its line and
    /// column.
    fn skel(text: &str) -> String {
        let k = skeleton(text, &scan(text));
        kept_in_place(&k, text);
        split(&k)
    }

    /// Runs of blanks collapsed.
    fn split(k: &str) -> String {
        k.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    /// Every character of `k` is the one of `text` at the same line and column, or a blank.
    fn kept_in_place(k: &str, text: &str) {
        assert!(k.split('\n').count() <= text.split('\n').count());
        for (a, b) in k.split('\n').zip(text.split('\n')) {
            assert!(a.chars().count() <= b.chars().count(), "a line grew");
            for (x, y) in a.chars().zip(b.chars()) {
                assert!(x == y || x == ' ', "a kept character moved");
            }
        }
    }

    /// A database of `text` alone (file 0), for its [`SourceDb::lines`].
    fn lines_of(text: &str) -> crate::source::SourceDb {
        let mut db = crate::source::SourceDb::default();
        db.add("t.rs".into(), text.to_owned());
        db
    }

    /// The function view of `text`, whitespace collapsed, checked to keep every token at its
    /// line and column.
    fn view_of(text: &str) -> String {
        let k = functions(text, &scan(text));
        kept_in_place(&k, text);
        split(&k)
    }

    #[test]
    fn views_blank_comments() {
        let text = "//! Crate docs.\n/// Docs of f.\npub fn f() { /* a\nblock */ g() // g\n}\n\
                    mod m; // after\n/** Docs of h. */ fn h() {}";
        assert_eq!(view_of(text), "pub fn f() { g() } mod m; fn h() {}");
        assert_eq!(skel(text), "mod m;");
        // Comments inside a kept item are blanked too.
        let block = "extern \"C\" { /// Docs of x.\n static x: u8; // x\n /* y */ }";
        assert_eq!(skel(block), "extern \"C\" { static x: u8; }");
    }

    #[test]
    fn statics_count_where_stored_into_as_the_lowering_reads_stores() {
        let text = "fn f(p: *mut u8) { S = p; T.x[0].1 = p; U.store(p, O); R.swap::<u8>(p); \
                    let a = V; if W == p {} X += 1; Y.get(); Z.set.get(); acheck!(g(p)); }";
        let s = scan(text);
        let stored: Vec<&str> = s
            .idents
            .iter()
            .filter(|id| id.stores())
            .map(|id| id.text(text))
            .collect();
        // `a` of `let a =` too: an over-approximation, which costs a parse, never a finding.
        assert_eq!(stored, ["S", "T", "U", "R", "a", "acheck"]);
    }

    #[test]
    fn the_function_view_keeps_functions_and_type_names_and_blanks_the_rest() {
        let text = r#"
            use std::ffi::c_int;
            /// Docs.
            #[derive(Clone)]
            pub struct Flags<T: Copy> where T: Default { bits: [T; 4], len: usize }
            pub struct Pair(u8, u8);
            enum Mode { A = 1, B = { 2 } }
            pub type Raw = *mut c_int;
            pub const MAX: usize = { let x = 4; x * 2 };
            const _: () = ();
            macro_rules! m { ($e:expr) => { $e } }
            // A container, as in the skeleton: its body reads as no items either way.
            bitflags! { pub struct F: u32 { const A = 1; } }
            pub const unsafe fn cst(x: c_int) -> c_int { x }
            impl Flags<u8> { pub fn new() -> Self { todo!() } const N: u8 = 1; }
            unsafe impl Send for Pair {}
            pub trait Tr { fn d(&self) {} }
            mod inner { pub fn f() {} const HIDDEN: u8 = 0; }
        "#;
        assert_eq!(
            view_of(text),
            "use std::ffi::c_int; #[derive(Clone)] pub struct Flags<T: Copy> where T: Default { } \
             pub struct Pair(u8, u8); enum Mode { } pub type Raw = *mut c_int; \
             bitflags! { pub struct F: u32 { } } pub const unsafe fn cst(x: c_int) -> c_int { x } \
             impl Flags<u8> { pub fn new() -> Self { todo!() } const N: u8 = 1; } \
             unsafe impl Send for Pair {} pub trait Tr { fn d(&self) {} } \
             mod inner { pub fn f() {} }"
        );
        assert!(syn::parse_file(&functions(text, &scan(text))).is_ok());
    }

    #[test]
    fn a_constant_initialized_by_if_else_is_one_item() {
        // hashbrown's `MIN_HASH_LEN`, libc's `CPU_SETSIZE`: the `}` before `else` ends no item.
        // It did: `else { .. }` then read as a `cfg_if!` branch, kept in the skeleton and the
        // view, where it does not parse, and the file was parsed three times (skeleton, view,
        // whole).
        let text = "const N: usize = if cfg!(x) {\n    1\n} else {\n    2\n};\n\
                    pub fn f() {}\n";
        let k = skeleton(text, &scan(text));
        assert_eq!(split(&k), "");
        assert_eq!(view_of(text), "pub fn f() {}");
        assert!(syn::parse_file(&functions(text, &scan(text))).is_ok());
        // Whatever follows the braces: in a `cfg_if!` branch, `+ 2;` read as an item of no
        // known kind kept the whole branch in the view as written.
        let text = "cfg_if! { if #[cfg(x)] { const K: u32 = { 1 } + 2; pub fn g() {} } }\n";
        assert_eq!(view_of(text), "cfg_if! { if #[cfg(x)] { pub fn g() {} } }");
    }

    #[test]
    fn a_macro_with_items_of_unknown_shape_is_kept_as_written_in_the_function_view() {
        // libc's `f!`/`safe_f!` bodies: `pub {const} fn` and `const safe fn` make the body fail
        // to parse as items in the full tree; the view must fail the same way, never parse a
        // subset of it.
        let text = "s! { pub struct A { x: u8 } const C: u8 = 1; }\n\
                    safe_f! { pub {const} fn g() -> u8 { 0 } const D: u8 = 2; }\n\
                    f! { pub const safe fn h(x: u8) -> bool { x != 0 } }\n";
        assert_eq!(
            view_of(text),
            "s! { pub struct A { } } \
             safe_f! { pub {const} fn g() -> u8 { 0 } const D: u8 = 2; } \
             f! { pub const safe fn h(x: u8) -> bool { x != 0 } }"
        );
    }

    #[test]
    fn a_macro_whose_body_is_no_items_is_its_skeleton_in_the_function_view() {
        // winsafe's `const_values! { HRESULT; .. }`, winapi's `RIDL!{#[uuid(..)] interface ..}`:
        // the full tree reads such a body through its skeleton, so the view holds the skeleton
        // too, not the functions the lexer finds in it. A body whose first item may parse is
        // kept as written; so is a `cfg_if!` branch, which is left out when it does not parse.
        // A macro of which nothing is left is left out whole (`RIDL!`, `r!`).
        let text = "const_values! { HRESULT; => S_OK 0 fn f() {} use a::b; }\n\
                    RIDL!{#[uuid(1, 2)] interface I(IVtbl): U(UVtbl) { fn g(p: *mut u8) -> u8, }}\n\
                    r! { \"user32\"; fn h() {} }\n\
                    f! { pub fn k() {} HRESULT; fn l() {} }\n\
                    m! { a::b!(); Odd; fn n() {} }\n\
                    cfg_if! { if #[cfg(unix)] { Odd; fn o() {} } }\n";
        assert_eq!(
            view_of(text),
            "const_values! { use a::b; } \
             f! { pub fn k() {} HRESULT; fn l() {} } m! { a::b!(); Odd; fn n() {} } \
             cfg_if! { if #[cfg(unix)] { Odd; fn o() {} } }"
        );
        let expanded = |t: &str| {
            let mut file = syn::parse_file(t).expect("parses");
            crate::macros::expand_items(&mut file.items, lines_of(text).lines(0));
            file.items
        };
        assert_eq!(expanded(&functions(text, &scan(text))), expanded(text));
    }

    #[test]
    fn the_functions_of_extern_blocks_read_from_tokens_are_those_syn_reads() {
        // What `crate::ffi::collect` finds in the whole file's tree (syn's reading) and in the
        // skeleton's (the lexer's, for the functions the skeleton leaves out).
        let text = r#"
            unsafe extern "C" {
                pub fn plain(a: c_int, _: *mut c_void, mut b: u8) -> c_int;
                #[link_name = "real_sym"] #[link_name = "not_this"]
                pub(crate) safe fn renamed(r#type: c_int, r#in: *const c_char,);
                #[cfg(unix)] unsafe fn printf(fmt: *const c_char, ...) -> c_int;
                fn named_variadic(n: c_int, #[attr] args: ...);
                fn r#raw(cb: Option<unsafe extern "C" fn(x: *mut c_void, y: u8) -> i32>, m: HashMap<K, V>);
                static ERRNO: c_int;
                fn generic<T>(t: T);
                fn arrays(a: [u8; 4], b: *mut [*const c_char; 2], c: &'static u8);
                #[doc = "=> not a link name"] fn pattern((x, y): (u8, u8));
            }
            mod inner { extern "C" { fn inner_fn(p: *mut u8); } }
            fn body() { extern "C" { fn local(v: u8); } }
            cfg_if::cfg_if! { if #[cfg(unix)] { extern "C" { fn in_cfg_if(s: u8); } } }
            const_ptr_api! { extern "C" { fn f1(a: u8); fn f2(a: #[const_ptr_if(ossl300)] T); } }
        "#;
        let collected = |ast: syn::File, is_whole: bool| {
            let mut db = crate::source::SourceDb::default();
            let file = crate::workspace::ParsedFile::root(&mut db, "lib.rs", text, ast, is_whole);
            crate::ffi::collect(&db, &[file])
                .into_iter()
                .map(|f| {
                    format!(
                        "{}::{} {} {:?} {:?}",
                        f.module.join("::"),
                        f.name,
                        f.symbol,
                        f.params,
                        f.span
                    )
                })
                .collect::<Vec<_>>()
        };
        let mut whole = syn::parse_file(text).expect("parses");
        crate::macros::expand_items(&mut whole.items, lines_of(text).lines(0));
        let mut skeleton = syn::parse_file(&skeleton(text, &scan(text))).expect("parses");
        crate::macros::expand_items(&mut skeleton.items, None);
        let by_syn = collected(whole, true);
        assert_eq!(collected(skeleton, false), by_syn);
        // The lexer read all but `generic` and `pattern` (syn reads those in the skeleton) and
        // `f2`; syn cannot read the `const_ptr_api!` block, so `f1` counts in neither tree.
        let read: Vec<&str> = scan(text)
            .foreign
            .iter()
            .map(|f| &text[f.name.0 as usize..f.name.1 as usize])
            .collect();
        assert_eq!(
            read,
            [
                "plain",
                "renamed",
                "printf",
                "named_variadic",
                "r#raw",
                "arrays",
                "inner_fn",
                "local",
                "in_cfg_if",
                "f1"
            ]
        );
        assert_eq!(by_syn.len(), 11, "{by_syn:#?}");
    }

    fn idents(text: &str) -> Vec<&str> {
        let s = scan(text);
        s.idents.iter().map(|id| id.text(text)).collect()
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
             use super::S; #[link(name = \"z\")] unsafe extern \"C\" { } } \
             windows_targets::link!(\"k.dll\" \"system\" fn Beep(a: u32) -> i32);"
        );
        assert!(syn::parse_file(&skeleton(text, &scan(text))).is_ok());
        // The block's function is read from the tokens.
        let foreign = scan(text).foreign;
        let name = |(a, b): (u32, u32)| &text[a as usize..b as usize];
        assert_eq!(foreign.len(), 1);
        assert_eq!(name(foreign[0].name), "deflate");
        let params: Vec<&str> = foreign[0]
            .params
            .iter()
            .flatten()
            .map(|&p| name(p))
            .collect();
        assert_eq!(params, ["p"]);
    }

    #[test]
    fn a_macro_of_which_nothing_is_kept_is_left_out() {
        let text = "STRUCT!{ struct S { a: u8 } }\n\
                    cfg_if! { if #[cfg(x)] { ENUM!{ enum E { A } } } else { mod m; } }\n\
                    outer! { inner! { const C: u8 = 0; } }";
        assert_eq!(skel(text), "cfg_if! { if #[cfg(x)] { } else { mod m; } }");
        // The view keeps what it keeps inside (type names), with the header.
        assert_eq!(
            view_of(text),
            "STRUCT!{ struct S { } } cfg_if! { if #[cfg(x)] { ENUM!{ enum E { } } } else { mod m; } }"
        );
        // Its names are not counted, as when its header was kept.
        assert_eq!(
            idents(text),
            [
                "struct", "S", "a", "u8", "enum", "E", "A", "const", "C", "u8"
            ]
        );
    }

    #[test]
    fn an_unsafe_module_is_a_module() {
        // Found by the `skeleton` fuzz target: syn reads `unsafe mod` as a module (rustc
        // rejects it after parsing), so module discovery must see it in the skeleton too.
        assert_eq!(
            skel("unsafe mod a; unsafe mod b { mod c; }"),
            "unsafe mod a; unsafe mod b { mod c; }"
        );
    }

    #[test]
    fn extern_blocks_in_bodies_and_macros_are_kept_at_their_offsets() {
        let text = "fn f() { let x = 1; extern \"C\" { static A: u8; fn a(); } }\n\
                    cfg_if! { if #[cfg(x)] { extern { fn b(); } } }";
        assert_eq!(
            skel(text),
            "extern \"C\" { static A: u8; } cfg_if! { if #[cfg(x)] { extern { } } }"
        );
        let k = skeleton(text, &scan(text));
        let at = text.find("static A").unwrap();
        assert_eq!(&k[at..at + 8], "static A");
        let names: Vec<u32> = scan(text).foreign.iter().map(|f| f.name.0).collect();
        let offsets = [text.find("a()"), text.find("b()")].map(|o| o.unwrap() as u32);
        assert_eq!(names, offsets);
    }

    #[test]
    fn names_inside_ffi_declarations_are_not_mentions() {
        let text = "extern \"C\" { fn puts(s: *const c_char); }\nfn main() { unsafe { puts(p) } }";
        assert_eq!(idents(text), ["fn", "main", "unsafe", "puts", "p"]);
        assert_eq!(idents("r#match r#type"), ["match", "type"]);
    }

    #[test]
    fn statics_inside_functions_are_named_from_tokens() {
        let text = "fn f() { static mut A: u8 = 0; static /* c */ B: u8 = 0; }\n\
                    fn h() { thread_local! { static C: u8 = 0; } }\n\
                    macro_rules! m { ($name:ident) => { static $name: u8 = 0; } }\n\
                    static D: u8 = 0; fn g(x: &'static str) -> Box<dyn Fn() + 'static> { todo!() }";
        // `D` is in the skeleton; `$name` is no static's name.
        assert_eq!(scan(text).local_statics, ["A", "B", "C"]);
        assert!(!scan(text).always_full);
        // A lifetime is no `static` keyword: `U` is a type parameter.
        let bounds = "fn k() { fn g<T>() where T: 'static, U: Copy {} }";
        assert!(scan(bounds).local_statics.is_empty());
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
    fn macros_that_call_their_argument_under_a_path_are_found() {
        let text = "macro_rules! acheck {\n    ($f: ident ( $($x: expr),* ) ) => {{\n        \
                    let r = unsafe { alsa::$f( $($x),* ) };\n        r\n    }}\n}\n\
                    macro_rules! other { ($e:expr) => { f($e) } }";
        assert_eq!(
            scan(text).call_wrappers,
            [("acheck".to_owned(), vec!["alsa".to_owned()])]
        );
    }

    #[test]
    fn multibyte_text_keeps_lines_and_columns() {
        let text = "fn é() {}\nmod m; // ünïcode\n  /* → */ mod n;\nconst S: &str = \"日本\";";
        let k = skeleton(text, &scan(text));
        // A blanked character is one blank; the blanks that end a line are gone.
        assert_eq!(k, "\nmod m;\n          mod n;");
        kept_in_place(&k, text);
    }

    /// Runs the selector to its fixed point over files of one module each; returns the files
    /// parsed in each round and which were never parsed.
    fn rounds(texts: &[&str], modules: &[&str], seeds: &[&str]) -> (Vec<Vec<usize>>, Vec<usize>) {
        fn view<'a, 'b>(
            text: &'a str,
            scan: &'b Scan,
            ast: &'b Option<syn::File>,
            module: &'b [String],
            full: bool,
        ) -> FileView<'a, 'b> {
            FileView {
                text,
                lines: None,
                idents: &scan.idents,
                ast: ast.as_ref(),
                module,
                full,
                always_full: false,
            }
        }
        let modules: Vec<Vec<String>> = modules
            .iter()
            .map(|m| {
                m.split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .collect();
        let scans: Vec<Scan> = texts.iter().map(|t| scan(t)).collect();
        let mut asts: Vec<Option<syn::File>> = texts
            .iter()
            .zip(&scans)
            .map(|(t, s)| syn::parse_file(&skeleton(t, s)).ok())
            .collect();
        let mut full = vec![false; texts.len()];
        fn views<'a, 'b>(
            texts: &[&'a str],
            scans: &'b [Scan],
            asts: &'b [Option<syn::File>],
            modules: &'b [Vec<String>],
            full: &[bool],
        ) -> Vec<FileView<'a, 'b>> {
            (0..texts.len())
                .map(|i| view(texts[i], &scans[i], &asts[i], &modules[i], full[i]))
                .collect()
        }
        let mut sel = Selector::new(seeds.iter().map(|s| (*s).to_owned()), [], []);
        let mut order = Vec::new();
        loop {
            let wanted = sel.next(&views(texts, &scans, &asts, &modules, &full));
            if wanted.is_empty() {
                break;
            }
            order.push(wanted.clone());
            for i in wanted {
                asts[i] = syn::parse_file(texts[i]).ok();
                full[i] = true;
                sel.parsed(i, &view(texts[i], &scans[i], &asts[i], &modules[i], true));
            }
        }
        let never = (0..texts.len()).filter(|&i| !full[i]).collect();
        (order, never)
    }

    #[test]
    fn names_grow_through_functions_uses_and_modules() {
        // ffi.rs re-exports the bindings; wrap.rs calls them under an alias; user.rs calls
        // through a function of wrap.rs; other.rs names nothing that reaches C.
        let (order, never) = rounds(
            &[
                "mod ffi; mod wrap; mod user; mod other;",
                "pub use self::inner::*; mod inner { extern \"C\" { pub fn zcall(); } }",
                "use crate::ffi as raw; pub fn helper(p: *mut u8) { unsafe { raw::zcall(p) } }\n\
                 pub fn init() { helper(std::ptr::null_mut()) }",
                "fn f() { let mut x = 0; crate::wrap::helper(&mut x) }",
                "fn g() { println!(\"nothing\") }",
                "fn h() { crate::wrap::init() }",
            ],
            &["", "ffi", "wrap", "user", "other", "other2"],
            &["zcall"],
        );
        // `wrap` names `zcall`; then `helper` reaches C, so `user`. `init` reaches C too, but
        // takes no argument: nothing of its callers can flow in, so `other2` is not parsed.
        assert_eq!(order, [vec![2], vec![3]]);
        assert_eq!(
            never,
            [0, 1, 4, 5],
            "files that name nothing that reaches C are not parsed"
        );
    }

    #[test]
    fn callees_of_lowered_functions_are_parsed_transitively() {
        // `pass` returns the pointer it is given, through `inner`: both carry `v` to C.
        let (order, never) = rounds(
            &[
                "fn f() { let v = 1; unsafe { zcall(pass(&v)) } }",
                "pub fn pass(x: &u8) -> &u8 { inner::<u8>(x) }",
                "fn inner<T>(x: &T) -> &T { x }",
                "fn unrelated() { other(1) }",
                "fn zcall_like() { pass }",
            ],
            &["a", "b", "c", "d", "e"],
            &["zcall"],
        );
        assert_eq!(order, [vec![0], vec![1], vec![2]]);
        assert_eq!(
            never,
            [3, 4],
            "a mention that is no call does not pull a definition in"
        );
    }

    #[test]
    fn functions_nested_in_bodies_are_read_too() {
        // `inner` is defined in `outer`'s body and calls C with its argument: a call of
        // `inner` elsewhere reaches C. (`outer` itself reaches nothing: its body is walked for
        // the function it defines, not for what it calls.)
        let (order, never) = rounds(
            &[
                "fn outer() { fn inner(p: *const u8) { unsafe { zcall(p) } } }",
                "fn user(p: *const u8) { inner(p) }",
                "fn bystander(p: *const u8) { other(p) }",
            ],
            &["a", "b", "c"],
            &["zcall"],
        );
        assert_eq!(order, [vec![0], vec![1]]);
        assert_eq!(never, [2]);
    }

    #[test]
    fn imports_inside_function_bodies_count_once_the_file_is_read() {
        // `f` imports `open` from libc under a name of its own, inside its body: a call of
        // that name elsewhere goes through the bindings too.
        let (order, never) = rounds(
            &[
                "fn f(p: *const u8) { use libc::open as lopen; unsafe { libc::close(0); lopen(p) } }",
                "fn g(p: *const u8) { unsafe { lopen(p) } }",
                "fn h(p: *const u8) { unsafe { other(p) } }",
            ],
            &["a", "b", "c"],
            &[],
        );
        assert_eq!(order, [vec![0], vec![1]]);
        assert_eq!(never, [2]);
    }

    #[test]
    fn calls_through_unread_bindings_are_followed_and_types_are_not() {
        let (order, never) = rounds(
            &[
                "pub(crate) use libc as c; pub mod sys { pub use libc::*; }",
                "fn open(p: *const c::c_char) -> c::c_int { unsafe { c::open(p, 0) } }",
                "fn only_types(x: c::c_int) -> c::c_long { x as c::c_long }",
                "fn via_module() { unsafe { crate::sys::close(3) }; }",
                "use libc::fcntl; fn imported() { fcntl::<u8>(); }",
                "fn plain() { std::mem::drop(1) }",
                "use libc::*; fn globbed() { let _ = String::from(\"x\"); }",
                "use libc::{c_int, close}; fn bare(fd: c_int) { unsafe { close(fd) }; }",
                "use libc::c_int; fn typed(fd: c_int) -> c_int { fd }",
            ],
            &["", "a", "b", "c", "d", "e", "f", "g", "h"],
            &[],
        );
        // With a glob import of bindings, any called path may be one of theirs; a name
        // imported from them is one of theirs when it is called.
        assert_eq!(order, [vec![1, 3, 4, 6, 7]]);
        assert_eq!(never, [0, 2, 5, 8]);
    }

    #[test]
    fn callees_called_without_arguments_matter_only_under_a_glob_of_bindings() {
        let (order, never) = rounds(
            &[
                "fn f(p: *mut u8) { let c = Config::new(); unsafe { zcall(p, c.0) } }",
                "impl Config { pub fn new() -> Self { Config(0) } }",
                "use libc::*; fn g(p: *mut u8) { let e = Error::fresh(); unsafe { zcall(p, 0) } }",
                "impl Error { pub fn fresh() -> Self { Error } }",
            ],
            &["a", "b", "c", "d"],
            &["zcall"],
        );
        // `Config::new()` passes nothing of `f`'s: `b` is not parsed. Under `use libc::*`, an
        // unresolved `Error::fresh()` could be taken for libc's: `d` is parsed.
        assert_eq!(order, [vec![0, 2], vec![3]]);
        assert_eq!(never, [1]);
    }
}
