//! File ids and byte spans: how every fact in the model points back at its source.
//!
//! The model never sees a path. A [`FileId`] is an index that the engine's file table maps
//! to a path and its text; a [`Span`] is a byte range inside one file.

use std::fmt;

/// An index into the engine's file table.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default)]
pub struct FileId(pub u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A half-open byte range `start..end` in one file.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { file, start: to_u32(start), end: to_u32(end.max(start)) }
    }

    /// An empty span at the start of a file, for facts about a file as a whole.
    pub fn file_start(file: FileId) -> Span {
        Span { file, start: 0, end: 0 }
    }

    /// The first line of a file (`text`), without its line break: where facts about the
    /// file as a whole point, visible in an editor and a code-scanning alert, unlike an
    /// empty span.
    pub fn first_line(file: FileId, text: &str) -> Span {
        let line = text.split(['\r', '\n']).next().unwrap_or("");
        Span::new(file, 0, line.len())
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both; both must be in the same file.
    pub fn cover(self, other: Span) -> Span {
        debug_assert_eq!(self.file, other.file);
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// A sub-range given relative to this span's start.
    pub fn sub(self, start: usize, end: usize) -> Span {
        let start = (self.start as usize + start).min(self.end as usize);
        let end = (self.start as usize + end).clamp(start, self.end as usize);
        Span::new(self.file, start, end)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}..{}", self.file.0, self.start, self.end)
    }
}

fn to_u32(n: usize) -> u32 {
    // Files over 4 GiB are refused by the engine before extraction, so this saturates only
    // on a bug; saturating keeps the span inside the file instead of wrapping around.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Maps byte offsets in a text that was extracted from a host file back to offsets in that
/// file. SQL inside a Python or Go string literal is analyzed as its own text; every span the
/// SQL extractor produces goes through this map so diagnostics land in the host file.
///
/// The map is piecewise linear: each segment says "text offset `text` corresponds to file
/// offset `file`", and offsets between two segment starts advance one to one. A literal
/// without escapes needs a single segment; every escape sequence starts a new one.
#[derive(Clone, Debug)]
pub struct OffsetMap {
    pub file: FileId,
    segments: Vec<(u32, u32)>,
    text_len: u32,
    file_end: u32,
}

impl OffsetMap {
    /// The identity map for a whole file.
    pub fn identity(file: FileId, len: usize) -> OffsetMap {
        OffsetMap { file, segments: vec![(0, 0)], text_len: to_u32(len), file_end: to_u32(len) }
    }

    /// A text that starts at `file_offset` in the host file and has no escapes.
    pub fn shifted(file: FileId, file_offset: usize, len: usize) -> OffsetMap {
        OffsetMap {
            file,
            segments: vec![(0, to_u32(file_offset))],
            text_len: to_u32(len),
            file_end: to_u32(file_offset + len),
        }
    }

    /// Joins texts, each with its own map into the same file, into one text whose map
    /// follows each part: a statement written across concatenated string literals (`"a"
    /// "b"` in Python, `"a" + "b"` in Go) is still located where each piece is written.
    pub fn concat<'a>(parts: impl IntoIterator<Item = (&'a str, &'a OffsetMap)>) -> (String, OffsetMap) {
        let mut value = String::new();
        let mut segments = Vec::new();
        let mut file = FileId::default();
        let mut end = 0;
        for (text, map) in parts {
            file = map.file;
            // Every byte is asked where it maps, and a segment starts wherever the file
            // offsets stop advancing one to one; parts are short literals.
            let base = value.len();
            let mut last: Option<(usize, usize)> = None;
            for i in 0..text.len() {
                let f = map.offset(i);
                if last.is_none_or(|(li, lf)| f != lf + (i - li)) {
                    segments.push((base + i, f));
                }
                last = Some((i, f));
            }
            end = map.offset(text.len());
            value.push_str(text);
        }
        let len = value.len();
        (value, OffsetMap::from_segments(file, segments, len, end))
    }

    /// A map built from explicit segments `(text_offset, file_offset)`, sorted by text
    /// offset, with the file offset just past the text's last byte.
    pub fn from_segments(file: FileId, segments: Vec<(usize, usize)>, text_len: usize, file_end: usize) -> OffsetMap {
        let mut segments: Vec<(u32, u32)> = segments.into_iter().map(|(t, f)| (to_u32(t), to_u32(f))).collect();
        if segments.first().is_none_or(|s| s.0 != 0) {
            let first_file = segments.first().map_or(to_u32(file_end), |s| s.1);
            segments.insert(0, (0, first_file));
        }
        OffsetMap { file, segments, text_len: to_u32(text_len), file_end: to_u32(file_end) }
    }

    pub fn offset(&self, text_offset: usize) -> usize {
        let text_offset = to_u32(text_offset);
        if text_offset >= self.text_len {
            return self.file_end as usize;
        }
        let idx = match self.segments.binary_search_by_key(&text_offset, |s| s.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (t, f) = self.segments[idx];
        (f + (text_offset - t)) as usize
    }

    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.offset(start);
        let e = self.offset(end).max(s);
        Span::new(self.file, s, e)
    }

    /// Composes this map with a text taken from a sub-range `start..` of the mapped text:
    /// the result maps offsets of the sub-text to file offsets.
    pub fn sub_map(&self, start: usize, len: usize) -> OffsetMap {
        let segments = (0..len)
            .filter(|&i| i == 0 || self.is_segment_start(start + i))
            .map(|i| (i, self.offset(start + i)))
            .collect::<Vec<_>>();
        // Collecting one segment per byte would be quadratic for long texts; the filter keeps
        // only the places where the mapping is not one to one.
        OffsetMap::from_segments(self.file, segments, len, self.offset(start + len))
    }

    fn is_segment_start(&self, text_offset: usize) -> bool {
        let t = to_u32(text_offset);
        self.segments.binary_search_by_key(&t, |s| s.0).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifted_map_moves_every_offset() {
        let map = OffsetMap::shifted(FileId(3), 10, 5);
        assert_eq!(map.offset(0), 10);
        assert_eq!(map.offset(4), 14);
        assert_eq!(map.offset(5), 15);
        assert_eq!(map.span(1, 3), Span::new(FileId(3), 11, 13));
    }

    #[test]
    fn segments_account_for_escapes() {
        // Host source `"a\nb"`: the text is `a<newline>b`; file offsets 1, 2..4, 4.
        let map = OffsetMap::from_segments(FileId(0), vec![(0, 1), (1, 2), (2, 4)], 3, 5);
        assert_eq!(map.offset(0), 1);
        assert_eq!(map.offset(1), 2);
        assert_eq!(map.offset(2), 4);
        assert_eq!(map.offset(3), 5);
        let sub = map.sub_map(1, 2);
        assert_eq!(sub.offset(0), 2);
        assert_eq!(sub.offset(1), 4);
        assert_eq!(sub.offset(2), 5);
    }
}
