//! Where sources come from: the disk (respecting .gitignore), or memory for tests and for
//! the language server's unsaved buffers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A tree of source files, addressed by paths relative to its root with `/` separators.
pub trait SourceFs: Sync {
    /// Every file of the tree, sorted, skipping what `.gitignore` and hidden directories
    /// exclude.
    fn walk(&self) -> Vec<String>;

    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
}

/// Files on disk under `root`.
pub struct DiskFs {
    pub root: PathBuf,
}

impl DiskFs {
    pub fn new(root: impl Into<PathBuf>) -> DiskFs {
        DiskFs { root: root.into() }
    }
}

/// Directories that never hold sources worth reading, even when no .gitignore says so.
const ALWAYS_SKIPPED: &[&str] = &["node_modules", "target", "vendor", "__pycache__", ".venv", "venv"];

impl SourceFs for DiskFs {
    fn walk(&self) -> Vec<String> {
        let mut out = Vec::new();
        let walker = ignore::WalkBuilder::new(&self.root)
            .hidden(true)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(true)
            .require_git(false)
            .follow_links(false)
            .filter_entry(|e| !ALWAYS_SKIPPED.contains(&e.file_name().to_string_lossy().as_ref()))
            .build();
        for entry in walker.flatten() {
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            if let Some(rel) = relative(&self.root, entry.path()) {
                out.push(rel);
            }
        }
        out.sort();
        out
    }

    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        std::fs::read(self.root.join(path))
    }
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Files held in memory.
#[derive(Clone, Default)]
pub struct MemoryFs {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl MemoryFs {
    pub fn new() -> MemoryFs {
        MemoryFs::default()
    }

    pub fn with(mut self, path: &str, contents: impl Into<Vec<u8>>) -> MemoryFs {
        self.files.insert(path.to_owned(), contents.into());
        self
    }

    /// Builds a tree from a fixture: files introduced by `//- path` lines.
    ///
    /// ```text
    /// //- migrations/000001_a.up.sql
    /// CREATE TABLE a (id int);
    /// //- migrations/000002_b.up.sql
    /// CREATE TABLE b (id int);
    /// ```
    pub fn from_fixture(fixture: &str) -> MemoryFs {
        let mut fs = MemoryFs::new();
        let mut current: Option<(String, String)> = None;
        for line in fixture.lines() {
            if let Some(path) = line.strip_prefix("//- ") {
                if let Some((p, text)) = current.take() {
                    fs.files.insert(p, text.into_bytes());
                }
                current = Some((path.trim().to_owned(), String::new()));
            } else if let Some((_, text)) = current.as_mut() {
                text.push_str(line);
                text.push('\n');
            }
        }
        if let Some((p, text)) = current {
            fs.files.insert(p, text.into_bytes());
        }
        fs
    }
}

impl SourceFs for MemoryFs {
    fn walk(&self) -> Vec<String> {
        self.files.keys().cloned().collect()
    }

    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        self.files.get(path).cloned().ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, path.to_owned()))
    }
}

/// A tree whose files are overridden by in-memory contents: the language server's view,
/// where an unsaved buffer wins over the file on disk.
pub struct OverlayFs<'a> {
    pub base: &'a dyn SourceFs,
    pub overlay: &'a BTreeMap<String, Vec<u8>>,
}

impl SourceFs for OverlayFs<'_> {
    fn walk(&self) -> Vec<String> {
        let mut files = self.base.walk();
        files.extend(self.overlay.keys().cloned());
        files.sort();
        files.dedup();
        files
    }

    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        match self.overlay.get(path) {
            Some(bytes) => Ok(bytes.clone()),
            None => self.base.read(path),
        }
    }
}
