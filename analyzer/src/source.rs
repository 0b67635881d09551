//! Source files and spans: the one place that turns byte offsets into lines and columns.
//!
//! Every later stage refers to code by [`Span`] (file id plus byte range) and never computes
//! positions itself, so line/column conventions (1-based, columns counted in characters, as
//! rustc prints them) are decided here once.

use std::ops::Range;
use std::sync::OnceLock;

use codespan_reporting::files::{Error, Files, SimpleFile};

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

    /// [`Span::of`], faster with the [`SourceDb::ascii_lines`] of `file`'s text when it has
    /// them.
    ///
    /// proc-macro2 turns a span into bytes by counting characters from the nearest offset it
    /// converted before, and remembers each answer in a map: 5.6% of the analysis's time on
    /// the corpus. Its line and column take a binary search, and in an ASCII text a line's
    /// start and column are bytes.
    pub fn in_file(file: FileId, lines: Option<&[u32]>, span: proc_macro2::Span) -> Span {
        let byte = |at: proc_macro2::LineColumn| {
            let line = lines?.get(at.line.checked_sub(1)?)?;
            Some(*line as usize + at.column)
        };
        let (start, end) = match (byte(span.start()), byte(span.end())) {
            (Some(start), Some(end)) => (start, end),
            _ => {
                let r = span.byte_range();
                (r.start, r.end)
            }
        };
        Span {
            file,
            start,
            end: end.max(start),
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
/// files an analysis reads are never shown, and the tables of every file read cost as much
/// time as lexing them.
#[derive(Default)]
pub struct SourceDb {
    files: Vec<SourceFile>,
}

struct SourceFile {
    name: String,
    /// Where each line starts, when the text is ASCII (see [`Span::in_file`]).
    ascii_lines: OnceLock<Option<Box<[u32]>>>,
    /// The text, with its line table once a position in it was asked for.
    lines: OnceLock<SimpleFile<&'static str, String>>,
    text: String,
}

impl SourceFile {
    fn lines(&self) -> &SimpleFile<&'static str, String> {
        self.lines
            .get_or_init(|| SimpleFile::new("", self.text.clone()))
    }
}

impl SourceDb {
    /// Adds a file shown as `name` with contents `text`.
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.files.push(SourceFile {
            name,
            ascii_lines: OnceLock::new(),
            lines: OnceLock::new(),
            text,
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
    /// columns are then bytes), for [`Span::in_file`]; built when first asked for.
    pub fn ascii_lines(&self, file: FileId) -> Option<&[u32]> {
        let f = self.files.get(file)?;
        f.ascii_lines
            .get_or_init(|| {
                let text = f.text.as_bytes();
                if !text.is_ascii() || u32::try_from(text.len()).is_err() {
                    return None;
                }
                let breaks = text
                    .iter()
                    .enumerate()
                    .filter(|&(_, &b)| b == b'\n')
                    .map(|(i, _)| i as u32 + 1);
                Some(std::iter::once(0).chain(breaks).collect())
            })
            .as_deref()
    }

    /// Line and column of a byte offset.
    pub fn location(&self, file: FileId, byte: usize) -> Location {
        let byte = byte.min(self.text(file).len());
        match self.files.get(file).map(|f| f.lines().location((), byte)) {
            Some(Ok(l)) => Location {
                line: l.line_number,
                column: l.column_number,
            },
            _ => Location { line: 1, column: 1 },
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
                f.ascii_lines = OnceLock::new();
            }
        }
    }
}

/// The file database codespan renders from: each file's line table is codespan's own
/// [`SimpleFile`], built on first use.
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
        f.lines().line_index((), byte_index)
    }

    fn line_range(&'a self, id: FileId, line_index: usize) -> Result<Range<usize>, Error> {
        let f = self.files.get(id).ok_or(Error::FileMissing)?;
        f.lines().line_range((), line_index)
    }
}
