//! Directory-driven extractor tests: every `test_data/*.go` file is extracted for
//! PostgreSQL (or MySQL / SQLite when named `*.mysql.go` / `*.sqlite.go`) and what it
//! yields is compared with a snapshot beside it. Files named like goose migrations
//! (`00002_add_users.go`) are read as goose Go migrations; the others as GORM models.
//! The GORM dump ends with the declared columns GORM creates nullable but never writes NULL
//! into. Bless with `INSTA_UPDATE=always cargo test -p sg_extract_go` and review the diff.

use std::fmt::Write;

use sg_model::op::{ColumnDef, ConstraintKind, CreateTable};
use sg_model::{Dialect, FileId, LineIndex, Op, OpKind, Span};

struct Dump<'a> {
    src: &'a str,
    index: LineIndex,
}

impl Dump<'_> {
    fn at(&self, span: Span) -> String {
        let lc = self.index.line_col(self.src, span.start as usize);
        format!("{}:{}", lc.line, lc.column)
    }

    fn column(&self, c: &ColumnDef) -> String {
        let mut s = format!("{} {}", c.name, c.ty.raw);
        if c.ty.ty.canonical != c.ty.raw {
            write!(s, " [{}]", c.ty.ty.canonical).unwrap();
        }
        match c.nullable {
            Some(false) => s.push_str(" NOT NULL"),
            Some(true) => s.push_str(" NULL"),
            None => {}
        }
        if let Some(d) = &c.default {
            write!(s, " DEFAULT {}", d.to_sql()).unwrap();
        }
        if c.auto_increment {
            s.push_str(" AUTO_INCREMENT");
        }
        for k in &c.constraints {
            if let ConstraintKind::PrimaryKey { .. } = k.kind {
                s.push_str(" PRIMARY KEY");
            }
        }
        write!(s, " @{}", self.at(c.span)).unwrap();
        s
    }

    fn table(&self, t: &CreateTable, out: &mut String) {
        writeln!(out, "CREATE TABLE {}", t.name).unwrap();
        for c in &t.columns {
            writeln!(out, "      {}", self.column(c)).unwrap();
        }
        for k in &t.constraints {
            let name = k.name.as_ref().map(|n| format!("{n} ")).unwrap_or_default();
            let body = match &k.kind {
                ConstraintKind::PrimaryKey { columns, .. } => format!("PRIMARY KEY {}", list(columns)),
                ConstraintKind::Unique { columns, .. } => format!("UNIQUE {}", list(columns)),
                ConstraintKind::Check { expr, .. } => format!("CHECK ({expr})"),
                ConstraintKind::ForeignKey(fk) => format!(
                    "FOREIGN KEY {} REFERENCES {}{}{}{}",
                    list(&fk.columns),
                    fk.references,
                    list(&fk.referenced_columns),
                    fk.on_delete.map(|a| format!(" ON DELETE {}", a.sql())).unwrap_or_default(),
                    fk.on_update.map(|a| format!(" ON UPDATE {}", a.sql())).unwrap_or_default(),
                ),
                ConstraintKind::Exclude => "EXCLUDE".to_owned(),
            };
            writeln!(out, "      {name}{body} @{}", self.at(k.span)).unwrap();
        }
    }

    fn ops(&self, ops: &[Op], out: &mut String) {
        for op in ops {
            write!(out, "  {} ", self.at(op.span)).unwrap();
            if op.conditional {
                out.push_str("(conditional) ");
            }
            match &op.kind {
                OpKind::CreateTable(t) => self.table(t, out),
                OpKind::CreateIndex(i) => writeln!(
                    out,
                    "CREATE {}INDEX {} ON {} ({}){}{}",
                    if i.unique { "UNIQUE " } else { "" },
                    i.name.as_ref().map(ToString::to_string).unwrap_or_default(),
                    i.table,
                    i.keys.iter().map(|k| k.text()).collect::<Vec<_>>().join(", "),
                    i.method.as_ref().map(|m| format!(" USING {m}")).unwrap_or_default(),
                    i.predicate.as_ref().map(|p| format!(" WHERE {p}")).unwrap_or_default(),
                )
                .unwrap(),
                other => writeln!(out, "{other:?}").unwrap(),
            }
        }
    }
}

fn list(idents: &[sg_model::Ident]) -> String {
    format!("({})", idents.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))
}

fn dump(name: &str, src: &str, dialect: Dialect) -> String {
    let d = Dump { src, index: LineIndex::new(src) };
    let mut s = String::new();
    let findings = if let Some(n) = sg_extract_go::goose_go_name(name) {
        let m = sg_extract_go::extract_goose_go(src, FileId(0), dialect, &[]);
        writeln!(s, "goose version {} ({}), transactional: {}", n.version, n.name, m.transactional).unwrap();
        writeln!(s, "registration: {:?}", m.registration.map(|r| d.at(r))).unwrap();
        writeln!(s, "up:").unwrap();
        d.ops(&m.up, &mut s);
        match &m.down {
            Some(down) => {
                writeln!(s, "down:").unwrap();
                d.ops(down, &mut s);
            }
            None => writeln!(s, "down: none").unwrap(),
        }
        m.findings
    } else {
        let sources = [sg_extract_go::GoSource { file: FileId(0), in_scope: true, path: name, text: src }];
        let g = sg_extract_go::extract_gorm(&sources, dialect);
        writeln!(s, "migrate call: {:?}", g.migrate_call.map(|c| d.at(c))).unwrap();
        writeln!(s, "migrated:").unwrap();
        d.ops(&g.migrated, &mut s);
        if g.migrated.is_empty() {
            writeln!(s, "declared:").unwrap();
            d.ops(&g.declared, &mut s);
        }
        let never_null: Vec<String> = g.never_null.iter().map(|(t, c)| format!("{}.{c}", t.name)).collect();
        writeln!(s, "never null: {}", never_null.join(", ")).unwrap();
        g.findings
    };
    for f in &findings {
        let text = src.get(f.span.range()).unwrap_or("").lines().next().unwrap_or("");
        writeln!(s, "finding {} at {} `{}`: {}", f.rule, d.at(f.span), text, f.message).unwrap();
    }
    s
}

#[test]
fn extract_test_data() {
    insta::glob!("../test_data", "*.go", |path| {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let dialect = if name.ends_with(".mysql.go") {
            Dialect::MySql
        } else if name.ends_with(".sqlite.go") {
            Dialect::Sqlite
        } else {
            Dialect::Postgres
        };
        let src = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(dump(name, &src, dialect));
    });
}
