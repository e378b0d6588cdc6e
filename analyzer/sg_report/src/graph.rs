//! `schemagraph graph`: the foreign-key graph as Graphviz DOT or as a Mermaid `erDiagram`
//! that GitHub renders in Markdown.
//!
//! ```text
//! erDiagram
//!     customers ||--o{ orders : "customer_id"
//! ```

use std::fmt::Write;

use sg_model::{Dialect, QualifiedName, Table};

use crate::schema::SchemaView;

fn label(name: &QualifiedName, dialect: Dialect) -> String {
    name.display(dialect)
}

fn dot_quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

pub fn dot(views: &[SchemaView<'_>]) -> String {
    let mut s = String::from("digraph schemagraph {\n    rankdir=LR;\n    node [shape=box, fontname=\"Helvetica\"];\n");
    for v in views {
        let d = v.schema.dialect;
        let multi = views.len() > 1;
        let prefix = |n: &QualifiedName| if multi { format!("{}:{}", v.id, label(n, d)) } else { label(n, d) };
        if multi {
            writeln!(
                s,
                "    subgraph {} {{\n        label={};",
                dot_quote(&format!("cluster_{}", v.id)),
                dot_quote(v.id)
            )
            .unwrap();
        }
        for t in v.schema.tables.values() {
            writeln!(s, "    {} [label={}];", dot_quote(&prefix(&t.name)), dot_quote(&label(&t.name, d))).unwrap();
        }
        for t in v.schema.tables.values() {
            for fk in &t.foreign_keys {
                let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                writeln!(
                    s,
                    "    {} -> {} [label={}];",
                    dot_quote(&prefix(&t.name)),
                    dot_quote(&prefix(&fk.referenced_table)),
                    dot_quote(&cols)
                )
                .unwrap();
            }
        }
        if multi {
            s.push_str("    }\n");
        }
    }
    s.push_str("}\n");
    s
}

/// Mermaid identifiers allow letters, digits, `_` and `-`.
fn mermaid_id(stream: Option<&str>, name: &QualifiedName, dialect: Dialect) -> String {
    let raw = match stream {
        Some(s) => format!("{s}__{}", label(name, dialect)),
        None => label(name, dialect),
    };
    raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect()
}

/// Mermaid attribute types allow no spaces or commas: `character varying(20)` becomes
/// `character_varying(20)`.
fn mermaid_type(t: &str) -> String {
    t.chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '_' | '(' | ')' | '[' | ']' | '-') { c } else { '_' })
        .collect()
}

fn entity(s: &mut String, id: &str, t: &Table, dialect: Dialect) {
    let shown = label(&t.name, dialect);
    if shown == id {
        writeln!(s, "    {id} {{").unwrap();
    } else {
        writeln!(s, "    {id}[\"{shown}\"] {{").unwrap();
    }
    for c in &t.columns {
        let mut keys = Vec::new();
        if t.primary_key.as_ref().is_some_and(|pk| pk.columns.contains(&c.name)) {
            keys.push("PK");
        }
        if t.foreign_keys.iter().any(|fk| fk.columns.contains(&c.name)) {
            keys.push("FK");
        }
        if t.uniques.iter().any(|u| u.columns.len() == 1 && u.columns[0] == c.name) {
            keys.push("UK");
        }
        let name = mermaid_type(c.name.as_str());
        let keys = if keys.is_empty() { String::new() } else { format!(" {}", keys.join(", ")) };
        writeln!(s, "        {} {name}{keys}", mermaid_type(&c.ty.canonical)).unwrap();
    }
    s.push_str("    }\n");
}

pub fn mermaid(views: &[SchemaView<'_>]) -> String {
    let mut s = String::from("erDiagram\n");
    let multi = views.len() > 1;
    for v in views {
        let d = v.schema.dialect;
        let stream = multi.then_some(v.id);
        for t in v.schema.tables.values() {
            entity(&mut s, &mermaid_id(stream, &t.name, d), t, d);
        }
        for t in v.schema.tables.values() {
            for fk in &t.foreign_keys {
                let child = mermaid_id(stream, &t.name, d);
                let parent = mermaid_id(stream, &fk.referenced_table, d);
                let optional = fk.columns.iter().any(|c| t.column(c).is_none_or(|c| c.nullable));
                let one_to_one = t.has_unique_key(&fk.columns);
                let left = if optional { "|o" } else { "||" };
                let right = if one_to_one { "o|" } else { "o{" };
                let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
                writeln!(s, "    {parent} {left}--{right} {child} : \"{cols}\"").unwrap();
            }
        }
    }
    s
}
