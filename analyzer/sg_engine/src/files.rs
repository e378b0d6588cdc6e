//! The file table: the one place that maps file ids to paths and text.

use sg_model::finding::builtin::UNREADABLE_FILE;
use sg_model::{FileId, Finding, LineCol, LineIndex, Span};

use crate::fs::SourceFs;

pub struct SourceFile {
    /// Relative to the analyzed root, with `/` separators.
    pub path: String,
    pub text: String,
    pub line_index: LineIndex,
}

#[derive(Default)]
pub struct FileTable {
    files: Vec<SourceFile>,
}

impl FileTable {
    pub fn new() -> FileTable {
        FileTable::default()
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.index()]
    }

    pub fn path(&self, id: FileId) -> &str {
        &self.files[id.index()].path
    }

    pub fn text(&self, id: FileId) -> &str {
        &self.files[id.index()].text
    }

    pub fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|f| f.path == path).map(|i| FileId(i as u32))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// 1-based line and character column of a span's start.
    pub fn line_col(&self, id: FileId, offset: usize) -> LineCol {
        let f = self.get(id);
        f.line_index.line_col(&f.text, offset)
    }

    pub fn span_text(&self, span: Span) -> &str {
        let text = self.text(span.file);
        text.get(span.range()).unwrap_or("")
    }

    /// Replaces a file's text (an edited buffer), keeping its id.
    fn set_text(&mut self, id: FileId, text: String) {
        let f = &mut self.files[id.index()];
        f.line_index = LineIndex::new(&text);
        f.text = text;
    }

    fn push(&mut self, path: String, text: String) -> FileId {
        let line_index = LineIndex::new(&text);
        self.files.push(SourceFile { path, text, line_index });
        FileId(self.files.len() as u32 - 1)
    }
}

/// Reads files into a table, once each, reporting unreadable and non-UTF-8 files.
///
/// Loading is sequential and happens in a deterministic order (discovery walks sorted
/// paths), so file ids, and everything ordered by them, are the same on every run.
pub(crate) struct Loader<'a> {
    fs: &'a dyn SourceFs,
    pub(crate) table: FileTable,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Loader<'a> {
    pub(crate) fn new(fs: &'a dyn SourceFs) -> Loader<'a> {
        Loader { fs, table: FileTable::new(), findings: Vec::new() }
    }

    /// A loader that continues an earlier table: loaded files keep their ids.
    pub(crate) fn with_table(fs: &'a dyn SourceFs, table: FileTable, findings: Vec<Finding>) -> Loader<'a> {
        Loader { fs, table, findings }
    }

    /// Loads `path` (or returns its id if loaded already).
    pub(crate) fn load(&mut self, path: &str) -> FileId {
        if let Some(id) = self.table.find(path) {
            return id;
        }
        let (text, problem) = self.read(path);
        let id = self.table.push(path.to_owned(), text);
        self.report(id, path, problem);
        id
    }

    /// Reads `path` again if it was loaded (its text changed), keeping its id.
    pub(crate) fn reload(&mut self, path: &str) {
        let Some(id) = self.table.find(path) else { return };
        let (text, problem) = self.read(path);
        self.table.set_text(id, text);
        self.findings.retain(|f| f.span.file != id);
        self.report(id, path, problem);
    }

    fn read(&self, path: &str) -> (String, Option<(usize, usize, String)>) {
        match self.fs.read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => (text, None),
                Err(err) => {
                    let at = err.utf8_error().valid_up_to();
                    let text = String::from_utf8_lossy(err.as_bytes()).into_owned();
                    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
                    let what = "is not valid UTF-8: invalid bytes were replaced and the rest was analyzed";
                    (text, Some((at, end, what.to_owned())))
                }
            },
            Err(err) => (String::new(), Some((0, 0, format!("could not be read ({err}) and was not analyzed")))),
        }
    }

    fn report(&mut self, id: FileId, path: &str, problem: Option<(usize, usize, String)>) {
        if let Some((start, end, what)) = problem {
            self.findings.push(
                Finding::new(UNREADABLE_FILE, Span::new(id, start, end), format!("`{path}` {what}"))
                    .with_help(
                        "save the file as UTF-8; a migration tool may read these bytes differently than they look",
                    )
                    .with_object(format!("file:{path}")),
            );
        }
    }

    pub(crate) fn text(&self, id: FileId) -> &str {
        self.table.text(id)
    }

    /// Reads a file without adding it to the table, for discovery to decide whether it
    /// matters (a Rust source that names no migrations is not part of the analysis). An
    /// unreadable or non-UTF-8 file reads as `None`; if it matters, loading it reports why.
    pub(crate) fn peek(&self, path: &str) -> Option<String> {
        if let Some(id) = self.table.find(path) {
            return Some(self.table.text(id).to_owned());
        }
        self.fs.read(path).ok().and_then(|b| String::from_utf8(b).ok())
    }
}

impl sg_rules::SourceText for FileTable {
    fn sql_file(&self, file: FileId) -> Option<&str> {
        let f = self.files.get(file.index())?;
        f.path.ends_with(".sql").then_some(f.text.as_str())
    }
}
