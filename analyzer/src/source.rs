//! Source files and spans: the one place that turns byte offsets into lines and columns.
//!
//! Every later stage refers to code by [`Span`] (file id plus byte range) and never computes
//! positions itself, so line/column conventions (1-based, columns counted in characters, as
//! rustc prints them) are decided here once.

use codespan_reporting::files::{Files as _, SimpleFiles};

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
        let r = span.byte_range();
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

/// A 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// The files of one analysis, with the names they are shown under.
#[derive(Default)]
pub struct SourceDb {
    files: SimpleFiles<String, String>,
    count: usize,
}

impl SourceDb {
    /// Adds a file shown as `name` with contents `text`.
    pub fn add(&mut self, name: String, text: String) -> FileId {
        self.count += 1;
        self.files.add(name, text)
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether there is no file.
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The name a file is shown under.
    pub fn name(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map(|f| f.name().as_str())
            .unwrap_or("<unknown>")
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map(|f| f.source().as_str())
            .unwrap_or("")
    }

    /// Line and column of a byte offset.
    pub fn location(&self, file: FileId, byte: usize) -> Location {
        let byte = byte.min(self.text(file).len());
        match self.files.location(file, byte) {
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
        let old = std::mem::take(&mut self.files);
        for file in 0..self.count {
            let (name, text) = match old.get(file) {
                Ok(f) if keep(file) => (f.name().clone(), f.source().clone()),
                Ok(f) => (f.name().clone(), String::new()),
                Err(_) => (String::new(), String::new()),
            };
            self.files.add(name, text);
        }
    }

    /// The underlying codespan file database, for rendering.
    pub fn files(&self) -> &SimpleFiles<String, String> {
        &self.files
    }
}
