//! Directory-driven extractor tests: every `test_data/*.py` revision file is extracted for
//! PostgreSQL and what it yields (identifiers, ops with their positions, findings) is
//! compared with a snapshot beside it. Files named `*.mysql.py` or `*.sqlite.py` are read
//! for that dialect instead. Bless with `INSTA_UPDATE=always cargo test -p
//! sg_extract_python` and review the diff.

use std::fmt::Write;

use sg_model::{Dialect, FileId, LineIndex, Op, Span};

fn dump(src: &str, dialect: Dialect) -> String {
    let rev = sg_extract_python::extract_revision(src, FileId(0), dialect, &std::collections::BTreeMap::new());
    let index = LineIndex::new(src);
    let at = |span: Span| {
        let lc = index.line_col(src, span.start as usize);
        format!("{}:{}", lc.line, lc.column)
    };
    let mut s = String::new();
    writeln!(s, "revision: {:?} at {}", rev.id, at(rev.id_span)).unwrap();
    writeln!(s, "down_revision: {:?} at {}", rev.down_revisions, at(rev.parents_span)).unwrap();
    writeln!(s, "depends_on: {:?}", rev.depends_on).unwrap();
    writeln!(s, "branch_labels: {:?}", rev.branch_labels).unwrap();
    writeln!(s, "message: {:?}", rev.message).unwrap();
    let ops = |s: &mut String, ops: &[Op]| {
        for op in ops {
            writeln!(s, "  {} `{}` {:?}", at(op.span), first_line(&src[op.span.range()]), op.kind).unwrap();
        }
    };
    writeln!(s, "upgrade:").unwrap();
    ops(&mut s, &rev.up);
    match &rev.down {
        Some(down) => {
            writeln!(s, "downgrade:").unwrap();
            ops(&mut s, down);
        }
        None => writeln!(s, "downgrade: none").unwrap(),
    }
    for f in &rev.findings {
        writeln!(s, "finding {} at {} `{}`: {}", f.rule, at(f.span), first_line(&src[f.span.range()]), f.message)
            .unwrap();
    }
    s
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

#[test]
fn extract_test_data() {
    insta::glob!("../test_data", "*.py", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let dialect = if name.ends_with(".mysql.py") {
            Dialect::MySql
        } else if name.ends_with(".sqlite.py") {
            Dialect::Sqlite
        } else {
            Dialect::Postgres
        };
        let src = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(dump(&src, dialect));
    });
}
