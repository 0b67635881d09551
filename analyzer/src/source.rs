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
    /// Span of a syntax node of `file` (proc-macro2 byte ranges are relative to the parsed file).
    pub fn of(file: FileId, span: proc_macro2::Span) -> Span {
        Span::in_file(file, None, span)
    }

    /// [`Span::of`], faster with the [`SourceDb::ascii_lines`] of `file` (see [`byte_range`]).
    pub fn in_file(file: FileId, lines: Option<&[usize]>, span: proc_macro2::Span) -> Span {
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

/// The byte range of a syntax node, relative to the parsed text. With `lines`, the
/// [`SourceDb::ascii_lines`] of that text, it is found from proc-macro2's line and column (a
/// binary search); without, by proc-macro2's own conversion, which counts characters from the
/// nearest offset it converted before and remembers each answer in a map (5.6% of the
/// analysis's time on the corpus).
pub fn byte_range(lines: Option<&[usize]>, span: proc_macro2::Span) -> Range<usize> {
    let byte = |at: proc_macro2::LineColumn| Some(lines?.get(at.line.checked_sub(1)?)? + at.column);
    match (byte(span.start()), byte(span.end())) {
        (Some(start), Some(end)) => start..end,
        _ => span.byte_range(),
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
    lines: OnceLock<Lines>,
}

/// Where each line of a text starts (codespan's [`line_starts`]), and whether the text is
/// ASCII (its columns are then bytes).
struct Lines {
    starts: Box<[usize]>,
    ascii: bool,
}

impl SourceFile {
    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| Lines {
            starts: line_starts(&self.text).collect(),
            ascii: self.text.is_ascii(),
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

    /// The byte offset where each line of `file` starts, when its text is ASCII (a line's
    /// columns are then bytes), for [`byte_range`].
    pub fn ascii_lines(&self, file: FileId) -> Option<&[usize]> {
        let lines = self.files.get(file)?.lines();
        lines.ascii.then_some(&*lines.starts)
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
        let lines = db.ascii_lines(file);
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
        let text = "fn f(a: u8) {\r\n    let s = \"x\\ny\";\n\n    g(&a, s)\n}\n// end";
        let ranges = ranges(text);
        assert!(ranges.len() > 15, "{ranges:?}");
        for (slow, fast) in ranges {
            assert_eq!(slow, fast, "{:?}", &text[slow.clone()]);
        }
    }

    #[test]
    fn a_file_that_is_not_ascii_has_no_line_table_for_spans() {
        let mut db = SourceDb::default();
        let file = db.add("t.rs".into(), "fn é() {}\n".to_owned());
        assert_eq!(db.ascii_lines(file), None);
        assert_eq!(db.location(file, 7), Location { line: 1, column: 7 });
        let ascii = db.add("u.rs".into(), "a\nbc\n".to_owned());
        assert_eq!(db.ascii_lines(ascii), Some(&[0, 2, 5][..]));
    }
}
