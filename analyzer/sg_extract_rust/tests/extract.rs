//! Directory-driven extractor tests: every `test_data/<kind>/*.rs` input is extracted and
//! what it yields (ops with the source they point at, and findings) is compared with a
//! snapshot. Inputs of several files are written as one fixture with `//- path` headers.
//! Bless with `INSTA_UPDATE=always cargo test -p sg_extract_rust` and review the diff.

use std::fmt::Write;
use std::path::Path;

use sg_extract_rust::{SeaOrmCrate, SeaOrmOptions, SourceSet, include_path, module_paths};
use sg_model::op::ColumnDef;
use sg_model::{Dialect, FileId, Finding, LineIndex, Op, OpKind, Span};

/// The files of one fixture.
struct Fixture {
    files: Vec<(String, String)>,
}

impl Fixture {
    /// Splits `//- path` sections; a fixture without headers is one file named `name`.
    /// The `//!` lines that open a fixture of several files describe it.
    fn parse(text: &str, name: &str) -> Fixture {
        let mut files: Vec<(String, String)> = Vec::new();
        let several = text.lines().any(|l| l.starts_with("//- "));
        for line in text.split_inclusive('\n') {
            if several && files.is_empty() && line.starts_with("//!") {
                continue;
            }
            if let Some(path) = line.strip_prefix("//- ") {
                files.push((path.trim().to_owned(), String::new()));
            } else if let Some((_, body)) = files.last_mut() {
                body.push_str(line);
            } else {
                files.push((name.to_owned(), line.to_owned()));
            }
        }
        Fixture { files }
    }

    fn find(&self, path: &str) -> Option<FileId> {
        self.files.iter().position(|(p, _)| p == path).map(|i| FileId(i as u32))
    }

    /// `path:line:column` of an offset.
    fn at(&self, file: FileId, offset: usize) -> String {
        let (path, text) = &self.files[file.index()];
        let lc = LineIndex::new(text).line_col(text, offset);
        format!("{path}:{}:{}", lc.line, lc.column)
    }

    fn text_of(&self, span: Span) -> &str {
        self.files[span.file.index()].1.get(span.range()).unwrap_or("<out of range>")
    }
}

impl SourceSet for Fixture {
    fn text(&self, file: FileId) -> &str {
        &self.files[file.index()].1
    }

    fn path(&self, file: FileId) -> &str {
        &self.files[file.index()].0
    }

    fn include(&self, from: FileId, path: &str) -> Option<FileId> {
        self.find(&include_path(self.path(from), path)?)
    }

    fn module(&self, from: FileId, name: &str, path_attr: Option<&str>) -> Option<FileId> {
        module_paths(self.path(from), name, path_attr).iter().find_map(|p| self.find(p))
    }
}

/// One line per op (where it points, its kind), then the text each column, constraint
/// and the op itself cover, then the findings.
fn dump_ops(fx: &Fixture, ops: &[Op], out: &mut String) {
    for op in ops {
        let cond = if op.conditional { " (conditional)" } else { "" };
        writeln!(out, "{}{cond} {:?}", fx.at(op.span.file, op.span.start as usize), op.kind).unwrap();
        writeln!(out, "    op: `{}`", one_line(fx.text_of(op.span))).unwrap();
        let mut column = |c: &ColumnDef| {
            writeln!(out, "    column {}: `{}`", c.name, one_line(fx.text_of(c.span))).unwrap();
            for k in &c.constraints {
                writeln!(out, "    column {} constraint: `{}`", c.name, one_line(fx.text_of(k.span))).unwrap();
            }
        };
        match &op.kind {
            OpKind::CreateTable(ct) => {
                ct.columns.iter().for_each(&mut column);
                for k in &ct.constraints {
                    writeln!(out, "    constraint: `{}`", one_line(fx.text_of(k.span))).unwrap();
                }
            }
            OpKind::AddColumn { column: c, .. } | OpKind::RedefineColumn { def: c, .. } => column(c),
            OpKind::AddConstraint { constraint, .. } => {
                writeln!(out, "    constraint: `{}`", one_line(fx.text_of(constraint.span))).unwrap();
            }
            _ => {}
        }
    }
}

fn dump_findings(fx: &Fixture, findings: &[Finding], out: &mut String) {
    for f in findings {
        writeln!(out, "finding {} at {}: {}", f.rule, fx.at(f.span.file, f.span.start as usize), f.message).unwrap();
        writeln!(out, "    covers: `{}`", one_line(fx.text_of(f.span))).unwrap();
    }
}

fn one_line(s: &str) -> String {
    let joined = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > 120 { format!("{}…", joined.chars().take(119).collect::<String>()) } else { joined }
}

fn dialect_of(fx: &Fixture) -> Dialect {
    // A fixture may ask for another dialect on its first line: `// dialect: mysql`.
    fx.files
        .first()
        .and_then(|(_, t)| t.lines().next())
        .and_then(|l| l.strip_prefix("// dialect: "))
        .and_then(Dialect::from_name)
        .unwrap_or(Dialect::Postgres)
}

fn read(path: &Path) -> (Fixture, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("input.rs").to_owned();
    (Fixture::parse(&text, &name), name)
}

#[test]
fn diesel_schema_rs() {
    insta::glob!("../test_data", "diesel/*.rs", |path| {
        let (fx, _) = read(path);
        let (declared, findings) = sg_extract_rust::diesel_schema(
            FileId(0),
            &fx.files[0].1,
            dialect_of(&fx),
            "diesel's `schema.rs`".into(),
            None,
        );
        let mut out = String::new();
        if let Some(d) = declared {
            writeln!(out, "declared in {} with {:?}", d.source, d.scope).unwrap();
            dump_ops(&fx, &d.ops, &mut out);
        }
        dump_findings(&fx, &findings, &mut out);
        insta::assert_snapshot!(out);
    });
}

#[test]
fn refinery_rust_migrations() {
    insta::glob!("../test_data", "refinery/*.rs", |path| {
        let (fx, _) = read(path);
        let e = sg_extract_rust::refinery_migration(&fx, FileId(0), dialect_of(&fx));
        let mut out = String::new();
        dump_ops(&fx, &e.ops, &mut out);
        dump_findings(&fx, &e.findings, &mut out);
        insta::assert_snapshot!(out);
    });
}

#[test]
fn seaorm_migration_crates() {
    insta::glob!("../test_data", "seaorm/*.rs", |path| {
        let (fx, _) = read(path);
        let migrator = fx
            .files
            .iter()
            .position(|(_, t)| t.contains("MigratorTrait for"))
            .map(|i| FileId(i as u32))
            .expect("a fixture with a migrator");
        let rust_files =
            fx.files.iter().enumerate().filter(|(_, (p, _))| p.ends_with(".rs")).map(|(i, _)| FileId(i as u32));
        let krate = SeaOrmCrate { migrator, files: rust_files.collect() };
        let sea_query_1 = fx.files[0].1.contains("// sea-query 1");
        let (migrations, findings) =
            sg_extract_rust::seaorm_migrations(&fx, &krate, dialect_of(&fx), SeaOrmOptions { sea_query_1 });
        let mut out = String::new();
        for m in &migrations {
            writeln!(
                out,
                "migration {} in {} (transactional: {}) at `{}`",
                m.version,
                fx.path(m.file),
                m.transactional,
                fx.text_of(m.span)
            )
            .unwrap();
            writeln!(out, "  up:").unwrap();
            dump_ops(&fx, &m.up, &mut out);
            match &m.down {
                Some(down) => {
                    writeln!(out, "  down:").unwrap();
                    dump_ops(&fx, down, &mut out);
                }
                None => writeln!(out, "  no down").unwrap(),
            }
        }
        dump_findings(&fx, &findings, &mut out);
        insta::assert_snapshot!(out);
    });
}
