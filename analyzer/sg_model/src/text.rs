//! Line index: converts byte offsets to the positions each consumer wants.
//!
//! JSON, SARIF and the terminal count lines and columns from 1, with columns in characters
//! (code points); the language server counts both from 0, with columns in UTF-16 code units.
//! Every conversion goes through this one type.

/// A position as humans and most tools see it: 1-based line and 1-based character column.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset at which each line starts; the first is always 0.
    line_starts: Vec<u32>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        LineIndex { line_starts, len: u32::try_from(text.len()).unwrap_or(u32::MAX) }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The 0-based line containing `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = u32::try_from(offset).unwrap_or(u32::MAX).min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts.get(line).map_or(self.len as usize, |&s| s as usize)
    }

    /// The byte range of a 0-based line, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line);
        let mut end = self.line_start(line + 1);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        start..end
    }

    /// 1-based line and 1-based column in characters.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column = text[start..offset].chars().count();
        LineCol { line: line as u32 + 1, column: column as u32 + 1 }
    }

    /// 0-based line and 0-based column in UTF-16 code units, as LSP wants them.
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let column: usize = text[start..offset].chars().map(char::len_utf16).sum();
        (line as u32, column as u32)
    }

    /// The byte offset of a 0-based line and 0-based UTF-16 column; positions past the end
    /// of a line clamp to its end, as LSP requires.
    pub fn offset_utf16(&self, text: &str, line: u32, column: u32) -> usize {
        let line = line as usize;
        if line >= self.line_count() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let mut units = 0u32;
        for (i, ch) in text[range.clone()].char_indices() {
            if units >= column {
                return range.start + i;
            }
            units += ch.len_utf16() as u32;
        }
        range.end
    }

    /// The byte offset of a 1-based line and 1-based character column.
    pub fn offset(&self, text: &str, line: u32, column: u32) -> usize {
        let line = (line.max(1) - 1) as usize;
        if line >= self.line_count() {
            return text.len();
        }
        let range = self.line_range(text, line);
        let skip = (column.max(1) - 1) as usize;
        text[range.clone()].char_indices().nth(skip).map_or(range.end, |(i, _)| range.start + i)
    }
}

fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_utf16_units() {
        let text = "ab\ntä€𝄞x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 5 });
        // 't', 'ä', '€' are one UTF-16 unit each, '𝄞' is two.
        assert_eq!(index.line_col_utf16(text, x), (1, 5));
        assert_eq!(index.offset_utf16(text, 1, 5), x);
        assert_eq!(index.offset(text, 2, 5), x);
    }

    #[test]
    fn offsets_past_the_end_clamp() {
        let text = "abc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 99), LineCol { line: 1, column: 4 });
        assert_eq!(index.offset_utf16(text, 5, 0), 3);
        assert_eq!(index.offset_utf16(text, 0, 99), 3);
    }
}
