//! Reads the examples out of a rule's documentation, so that a test can run them.
//!
//! A code block is one file of an example repository. Blocks carry a language and flags
//! after it: `sql,expect_diagnostic` must make the rule fire exactly once;
//! `file=path` places the block in the repository (several such blocks in one section form
//! one repository); `escapes` decodes `\xNN` so an example can hold invalid UTF-8.
//!
//! ````text
//! ### Invalid
//!
//! ```sql,expect_diagnostic,file=migrations/000001_a.up.sql
//! CREATE TABLE a (b_id int REFERENCES b);
//! ```
//! ````

/// One example: a small repository and whether the rule must fire in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    /// The section heading the example sits under.
    pub heading: String,
    pub files: Vec<(String, Vec<u8>)>,
    pub expect_diagnostic: bool,
}

/// The default place of a block without `file=`.
pub const DEFAULT_EXAMPLE_PATH: &str = "migrations/000001_example.up.sql";

pub fn examples(docs: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut heading = String::new();
    let mut group: Option<Example> = None;
    let mut lines = docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l));
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            heading = line.trim_start_matches('#').trim().to_owned();
            out.extend(group.take());
            continue;
        }
        let Some(info) = line.strip_prefix("```") else { continue };
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        let mut flags = info.split(',').map(str::trim);
        let lang = flags.next().unwrap_or("");
        if !matches!(lang, "sql" | "toml" | "python" | "go" | "rust" | "text-file") {
            continue;
        }
        let mut file = None;
        let mut expect = false;
        let mut escapes = false;
        for flag in flags {
            match flag {
                "expect_diagnostic" => expect = true,
                "escapes" => escapes = true,
                f if f.starts_with("file=") => file = Some(f["file=".len()..].to_owned()),
                _ => {}
            }
        }
        let bytes = if escapes { decode_escapes(&body) } else { body.into_bytes() };
        match file {
            Some(path) => {
                let g = group.get_or_insert_with(|| Example {
                    heading: heading.clone(),
                    files: Vec::new(),
                    expect_diagnostic: false,
                });
                g.files.push((path, bytes));
                g.expect_diagnostic |= expect;
            }
            None => {
                out.extend(group.take());
                out.push(Example {
                    heading: heading.clone(),
                    files: vec![(DEFAULT_EXAMPLE_PATH.to_owned(), bytes)],
                    expect_diagnostic: expect,
                });
            }
        }
    }
    out.extend(group);
    out
}

fn decode_escapes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\\'
            && bytes.get(i + 1) == Some(&b'x')
            && let Some(v) = s.get(i + 2..i + 4).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 4;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_files_by_section() {
        let docs = "## Examples\n### Invalid\n```sql,expect_diagnostic,file=a/1.sql\nX\n```\n```sql,file=a/2.sql\nY\n```\n### Valid\n```sql\nZ\n```\n```text\nnot an example\n```\n";
        let ex = examples(docs);
        assert_eq!(ex.len(), 2);
        assert_eq!(ex[0].files.len(), 2);
        assert!(ex[0].expect_diagnostic);
        assert_eq!(ex[1].files[0].0, DEFAULT_EXAMPLE_PATH);
        assert!(!ex[1].expect_diagnostic);
    }

    #[test]
    fn escapes_decode_bytes() {
        assert_eq!(decode_escapes("a\\xE9b"), vec![b'a', 0xE9, b'b']);
    }
}
