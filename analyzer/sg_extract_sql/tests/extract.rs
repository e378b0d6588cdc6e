//! Directory-driven extractor tests: every `test_data/<dialect>/*.sql` file is extracted
//! and the ops and findings it yields are compared with a snapshot beside it.
//! Bless with `INSTA_UPDATE=always cargo test -p sg_extract_sql` and review the diff.

use std::fmt::Write;

use sg_model::op::ColumnDef;
use sg_model::{Dialect, FileId, LineIndex, OffsetMap, OpKind, Span};

fn dump(src: &str, dialect: Dialect) -> String {
    let map = OffsetMap::identity(FileId(0), src.len());
    let out = sg_extract_sql::extract_sql(src, &map, dialect);
    let index = LineIndex::new(src);
    let mut s = String::new();
    for op in &out.ops {
        let at = index.line_col(src, op.span.start as usize);
        let cond = if op.conditional { " (conditional)" } else { "" };
        writeln!(s, "{}:{}{cond} {:?}", at.line, at.column, op.kind).unwrap();
        for (label, span) in sub_spans(&op.kind) {
            writeln!(s, "    {label}: `{}`", &src[span.range()]).unwrap();
        }
    }
    for f in &out.findings {
        let at = index.line_col(src, f.span.start as usize);
        writeln!(s, "finding {} at {}:{}: {}", f.rule, at.line, at.column, f.message).unwrap();
    }
    s
}

/// The spans inside an op, shown as the text they cover.
fn sub_spans(kind: &OpKind) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    let mut column = |c: &ColumnDef| {
        out.push((format!("column {}", c.name), c.span));
        for k in &c.constraints {
            out.push((format!("column {} constraint", c.name), k.span));
        }
    };
    match kind {
        OpKind::CreateTable(ct) => {
            ct.columns.iter().for_each(&mut column);
            for k in &ct.constraints {
                out.push(("constraint".into(), k.span));
            }
        }
        OpKind::AddColumn { column: c, .. } | OpKind::RedefineColumn { def: c, .. } => column(c),
        OpKind::AddConstraint { constraint, .. } => out.push(("constraint".into(), constraint.span)),
        _ => {}
    }
    out
}

#[test]
fn extract_test_data() {
    insta::glob!("../test_data", "*/*.sql", |path| {
        let dir = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or_default();
        let dialect = Dialect::from_name(dir).expect("test_data/<dialect>/");
        let src = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(dump(&src, dialect));
    });
}
