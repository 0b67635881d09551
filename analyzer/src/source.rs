//! Source files and spans: the one place that turns byte offsets into lines and columns.
//!
//! Every later stage refers to code by [`Span`] (file id plus byte range) and never computes
//! positions itself, so line/column conventions (1-based, columns counted in characters, as
//! rustc prints them) are decided here once.

use std::ops::Range;
use std::sync::OnceLock;

use codespan_reporting::files::{Error, Files, line_starts};

/// Index of a file in a [`SourceDb`].
pub type FileId = usize;

/// A byte range in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// The file.
    pub file: FileId,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span of a syntax node of `file`, whose [`SourceDb::lines`] are `lines` (see
    /// [`byte_range`]).
    pub fn in_file(file: FileId, lines: Option<Lines<'_>>, span: proc_macro2::Span) -> Span {
        let r = byte_range(lines, span);
        Span {
            file,
            start: r.start,
            end: r.end.max(r.start),
        }
    }

    /// The span from this span's start to `other`'s end (same file).
    pub fn join(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
            ..self
        }
    }

    /// The last byte of this span.
    pub fn at_end(self) -> Span {
        Span {
            start: self.end.saturating_sub(1),
            ..self
        }
    }
}

/// The length of the byte order mark `text` starts with, if any: rustc and syn leave it out, so
/// the first line's columns count from after it.
pub fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    }
}

/// The byte range of a syntax node of a file. With `lines`, the file's [`SourceDb::lines`], it
/// is found from proc-macro2's line and column, which the prefilter's views keep (see
/// [`crate::prefilter::skeleton`]). Without, by proc-macro2's own conversion, relative to the
/// text that was parsed (a view's offsets are not the file's, and syn leaves out a byte order
/// mark), counting characters from the nearest offset it converted before (5.6% of the
/// analysis's time on the corpus when every file went that way).
pub fn byte_range(lines: Option<Lines<'_>>, span: proc_macro2::Span) -> Range<usize> {
    let byte = |at: proc_macro2::LineColumn| lines?.byte(at);
    match (byte(span.start()), byte(span.end())) {
        (Some(start), Some(end)) => start..end,
        _ => span.byte_range(),
    }
}

/// A file's text and where its lines start: turns a line and column (in characters, as
/// proc-macro2 counts them) into a byte offset, see [`byte_range`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lines<'a> {
    text: &'a str,
    starts: &'a [usize],
    /// Its characters of more than one byte (none in an ASCII text).
    wide: &'a [Wide],
}

/// A character of more than one byte, where columns and bytes part (see [`Lines`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Wide {
    /// Its byte offset.
    at: usize,
    /// Its column in its line, in characters.
    column: usize,
    /// The bytes beyond one that it and the characters before it on its line take.
    extra: usize,
}

/// The characters of more than one byte of `text`, in order, with their columns counted from
/// each line's start (the first line's after a byte order mark).
fn wide_chars(text: &str) -> Box<[Wide]> {
    let bom = bom_len(text);
    let mut out = Vec::new();
    let (mut column, mut extra) = (0, 0);
    for (at, c) in text[bom..].char_indices() {
        let len = c.len_utf8();
        if c == '\n' {
            (column, extra) = (0, 0);
            continue;
        }
        if len > 1 {
            extra += len - 1;
            out.push(Wide {
                at: bom + at,
                column,
                extra,
            });
        }
        column += 1;
    }
    out.into_boxed_slice()
}

impl<'a> Lines<'a> {
    /// The file's text.
    pub fn text(self) -> &'a str {
        self.text
    }

    /// The byte offset of 1-based `line` and 0-based character `column`.
    fn byte(self, at: proc_macro2::LineColumn) -> Option<usize> {
        let start = match at.line {
            1 => bom_len(self.text),
            line => *self.starts.get(line.checked_sub(1)?)?,
        };
        // Columns are bytes but for the characters of several bytes before the column.
        let end = self.starts.get(at.line).copied().unwrap_or(self.text.len());
        let line = &self.wide[self.wide.partition_point(|w| w.at < start)..];
        let line = &line[..line.partition_point(|w| w.at < end)];
        let before = &line[..line.partition_point(|w| w.column < at.column)];
        Some(start + at.column + before.last().map_or(0, |w| w.extra))
    }
}

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The files of one analysis, with the names they are shown under.
///
/// A file's table of line starts is built the first time a position in it is asked for: most
/// files an analysis reads are never shown nor lowered, and the tables of every file read cost
/// as much time as lexing them. The one table serves codespan's rendering and
/// [`byte_range`].
#[derive(Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
}

struct SourceFile {
    name: String,
    text: String,
    /// Its line table, once a position in it was asked for.
    lines: OnceLock<LineTable>,
}

/// Where each line of a text starts (codespan's [`line_starts`]), and its characters of more
/// than one byte (see [`Lines`]): where there are none, columns are bytes.
struct LineTable {
    starts: Box<[usize]>,
    wide: Box<[Wide]>,
}

impl SourceFile {
    fn lines(&self) -> &LineTable {
        self.lines.get_or_init(|| LineTable {
            starts: line_starts(&self.text).collect(),
            // (Checking for ASCII first is much faster than walking every character.)
            wide: match self.text.is_ascii() {
                true => Box::default(),
                false => wide_chars(&self.text),
            },
        })
    }

    /// The byte range of line `index` (codespan's convention: the line after the last is
    /// empty, at the end of the text).
    fn line_range(&self, index: usize) -> Result<Range<usize>, Error> {
        let starts = &self.lines().starts;
        let start = |i: usize| match starts.get(i) {
            Some(&s) => Ok(s),
            None if i == starts.len() => Ok(self.text.len()),
            None => Err(Error::LineTooLarge {
                given: i,
                max: starts.len() - 1,
            }),
        };
        Ok(start(index)?..start(index + 1)?)
    }
}

impl SourceDb {
    /// Adds a file shown as `name` with contents `text`.
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.files.push(SourceFile {
            name,
            text,
            lines: OnceLock::new(),
        });
        self.files.len() - 1
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there is no file.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The name a file is shown under.
    pub fn name(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map_or("<unknown>", |f| f.name.as_str())
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        self.files.get(file).map_or("", |f| f.text.as_str())
    }

    /// The text of `file` with where each of its lines starts, for [`byte_range`].
    pub fn lines(&self, file: FileId) -> Option<Lines<'_>> {
        let f = self.files.get(file)?;
        let table = f.lines();
        Some(Lines {
            text: &f.text,
            starts: &table.starts,
            wide: &table.wide,
        })
    }

    /// Line and column of a byte offset.
    pub fn location(&self, file: FileId, byte: usize) -> Location {
        let byte = byte.min(self.text(file).len());
        match Files::location(self, file, byte) {
            Ok(l) => Location {
                line: l.line_number,
                column: l.column_number,
            },
            Err(_) => Location { line: 1, column: 1 },
        }
    }

    /// The source text a span covers.
    pub fn snippet(&self, span: Span) -> &str {
        self.text(span.file).get(span.start..span.end).unwrap_or("")
    }

    /// Forgets the text of every file `keep` rejects (its name stays): a report holds on to
    /// the files its findings point into, not to every file it read.
    pub fn retain_texts(&mut self, keep: impl Fn(FileId) -> bool) {
        for (id, f) in self.files.iter_mut().enumerate() {
            if !keep(id) {
                f.text = String::new();
                f.lines = OnceLock::new();
            }
        }
    }
}

/// The file database codespan renders from, over each file's line table.
impl<'a> Files<'a> for SourceDb {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, Error> {
        self.files
            .get(id)
            .map(|f| f.name.as_str())
            .ok_or(Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, Error> {
        self.files
            .get(id)
            .map(|f| f.text.as_str())
            .ok_or(Error::FileMissing)
    }

    fn line_index(&'a self, id: FileId, byte_index: usize) -> Result<usize, Error> {
        let f = self.files.get(id).ok_or(Error::FileMissing)?;
        let starts = &f.lines().starts;
        Ok(starts
            .binary_search(&byte_index)
            .unwrap_or_else(|next| next - 1))
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        self.files
            .get(id)
            .ok_or(Error::FileMissing)?
            .line_range(line_index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token's range, by proc-macro2's conversion and by the line table.
    fn ranges(text: &str) -> Vec<(Range<usize>, Range<usize>)> {
        let mut db = SourceDb::default();
        let file = db.add("t.rs".into(), text.to_owned());
        let lines = db.lines(file);
        fn walk(ts: proc_macro2::TokenStream, out: &mut Vec<proc_macro2::Span>) {
            for t in ts {
                out.push(t.span());
                if let proc_macro2::TokenTree::Group(g) = t {
                    out.push(g.span_open());
                    out.push(g.span_close());
                    walk(g.stream(), out);
                }
            }
        }
        let mut spans = Vec::new();
        walk(text.parse().expect("the text lexes"), &mut spans);
        spans
            .into_iter()
            .map(|s| (s.byte_range(), byte_range(lines, s)))
            .collect()
    }

    #[test]
    fn the_line_table_gives_proc_macro2s_byte_ranges() {
        let ascii = "fn f(a: u8) {\r\n    let s = \"x\\ny\";\n\n    g(&a, s)\n}\n// end";
        let other = "fn é(a: u8) {\r\n    let s = \"→ x\\ny\"; h('é', s);\n\n    g(&a, s)\n}\n// ü";
        // Many characters of several bytes between many tokens on one line.
        let long: String = (0..200).map(|i| format!("g(\"é{i}→\", '日'); ")).collect();
        let long = format!("fn f() {{ {long} }}\n");
        for text in [ascii, other, &long] {
            let ranges = ranges(text);
            assert!(ranges.len() > 15, "{ranges:?}");
            for (slow, fast) in ranges {
                assert_eq!(slow, fast, "{:?}", &text[slow.clone()]);
            }
        }
    }

    #[test]
    fn columns_are_characters() {
        let mut db = SourceDb::default();
        let file = db.add("t.rs".into(), "fn é() {}\n  ü x\n".to_owned());
        let lines = db.lines(file).expect("the file's lines");
        let at = |line, column| lines.byte(proc_macro2::LineColumn { line, column });
        // `(` is the 5th character of line 1, after the two bytes of `é`.
        assert_eq!(at(1, 4), Some(5));
        assert_eq!(at(2, 2), Some(13));
        assert_eq!(at(2, 4), Some(16));
        assert_eq!(at(3, 0), Some(18));
        assert_eq!(at(4, 0), None);
        assert_eq!(db.location(file, 7), Location { line: 1, column: 7 });
    }

    #[test]
    fn the_first_line_starts_after_a_byte_order_mark() {
        let text = "\u{feff}fn é(a: u8) { g(&a) }\nfn h() {}";
        let file: syn::File = syn::parse_file(text).expect("parses");
        let mut db = SourceDb::default();
        let id = db.add("t.rs".into(), text.to_owned());
        let syn::Item::Fn(f) = &file.items[0] else {
            panic!("a function")
        };
        let r = byte_range(db.lines(id), f.sig.paren_token.span.join());
        assert_eq!(&text[r], "(a: u8)");
        let syn::Item::Fn(h) = &file.items[1] else {
            panic!("a function")
        };
        let r = byte_range(db.lines(id), h.sig.ident.span());
        assert_eq!(&text[r], "h");
    }
}
