//! What a name under the cursor refers to: a table or column, as it stands just before the
//! migration the cursor is in, and the migration that created it.

use std::fmt::Write;

use sg_engine::{Analysis, Stream};
use sg_model::{FileId, Ident, ObjectName, Origin, QualifiedName, Schema, Span, Table};

/// The migration a file belongs to, in its stream.
pub(crate) struct Place<'a> {
    pub(crate) stream: &'a Stream,
    /// Index in the stream's replay order; `None` for a file that is not a migration
    /// (a model file, a schema dump), which sees the head.
    pub(crate) migration: Option<usize>,
}

pub(crate) fn place(analysis: &Analysis, file: FileId) -> Option<Place<'_>> {
    for s in &analysis.streams {
        for (i, m) in s.migrations.iter().enumerate() {
            let in_ops = m.up.iter().chain(m.down.iter().flatten()).any(|op| op.span.file == file);
            if m.file == file || m.down_file == Some(file) || in_ops {
                return Some(Place { stream: s, migration: Some(i) });
            }
        }
    }
    analysis
        .streams
        .iter()
        .find(|s| s.declared.iter().flat_map(|d| &d.ops).any(|op| op.span.file == file))
        .map(|s| Place { stream: s, migration: None })
}

/// The identifier under `offset`: letters, digits and `_`, with a `schema.` prefix when
/// there is one, unquoted.
pub(crate) fn word_at(text: &str, offset: usize) -> Option<(Option<String>, String, std::ops::Range<usize>)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let offset = offset.min(text.len());
    let start = text[..offset].char_indices().rev().take_while(|(_, c)| is_word(*c)).last().map_or(offset, |(i, _)| i);
    let end = text[offset..].char_indices().find(|(_, c)| !is_word(*c)).map_or(text.len(), |(i, _)| offset + i);
    if start >= end {
        return None;
    }
    let name = text[start..end].to_owned();
    let schema = text[..start].strip_suffix('.').map(|before| {
        let s = before.char_indices().rev().take_while(|(_, c)| is_word(*c)).last().map_or(before.len(), |(i, _)| i);
        before[s..].to_owned()
    });
    Some((schema.filter(|s| !s.is_empty()), name, start..end))
}

/// A table or column found for a name.
pub(crate) enum Found<'a> {
    Table(&'a Table),
    Column(&'a Table, &'a sg_model::Column),
}

impl Found<'_> {
    pub(crate) fn origin(&self) -> Origin {
        match self {
            Found::Table(t) => t.origin,
            Found::Column(_, c) => c.origin,
        }
    }
}

/// Looks the name up in `schema`: as a table, then as a column of the table the statement
/// under the cursor works on, then as the only column of that name in the schema.
pub(crate) fn find<'a>(
    schema: &'a Schema,
    stream: &Stream,
    migration: Option<usize>,
    cursor: Span,
    qualifier: Option<&str>,
    name: &str,
) -> Option<Found<'a>> {
    let d = stream.info.dialect;
    let ident = Ident::new(name, false, d);
    let object = ObjectName { schema: qualifier.map(|q| Ident::new(q, false, d)), name: ident.clone() };
    if let Some(t) = schema.table(&object.resolve(d)) {
        return Some(Found::Table(t));
    }
    let statement_table: Option<QualifiedName> = migration.and_then(|i| {
        let m = &stream.migrations[i];
        m.up.iter()
            .chain(m.down.iter().flatten())
            .find(|op| op.span.file == cursor.file && op.span.start <= cursor.start && cursor.start <= op.span.end)
            .and_then(|op| op.kind.table())
            .map(|t| t.resolve(d))
    });
    if let Some(t) = statement_table.as_ref().and_then(|qn| schema.table(qn))
        && let Some(c) = t.column(&ident)
    {
        return Some(Found::Column(t, c));
    }
    let mut candidates = schema.tables.values().filter_map(|t| t.column(&ident).map(|c| (&**t, c)));
    match (candidates.next(), candidates.next()) {
        (Some((t, c)), None) => Some(Found::Column(t, c)),
        _ => None,
    }
}

/// Markdown describing a table, or a column within it, for hover.
pub(crate) fn describe(analysis: &Analysis, stream: &Stream, found: &Found<'_>, when: &str) -> String {
    let d = stream.info.dialect;
    let mut s = String::new();
    let table = match found {
        Found::Table(t) => t,
        Found::Column(t, c) => {
            let null = if c.nullable { "NULL" } else { "NOT NULL" };
            let default = c
                .default
                .as_ref()
                .and_then(|e| e.render_default(&c.ty, d))
                .map(|x| format!(" DEFAULT {x}"))
                .unwrap_or_default();
            let _ = writeln!(s, "**column `{}.{}`** `{}` {null}{default} — {when}\n", t.name.display(d), c.name, c.ty);
            let _ = writeln!(s, "created by {}\n", created_by(analysis, stream, c.origin));
            t
        }
    };
    let _ = writeln!(s, "**table `{}`** — {when}\n", table.name.display(d));
    let _ = writeln!(s, "| column | type | null | default |\n|---|---|---|---|");
    for c in &table.columns {
        let key = if table.primary_key.as_ref().is_some_and(|pk| pk.columns.contains(&c.name)) { " 🔑" } else { "" };
        let default = c.default.as_ref().and_then(|e| e.render_default(&c.ty, d)).unwrap_or_default();
        let null = if c.nullable { "yes" } else { "no" };
        let _ = writeln!(
            s,
            "| `{}`{key} | `{}` | {null} | {} |",
            c.name,
            c.ty,
            if default.is_empty() { String::new() } else { format!("`{default}`") }
        );
    }
    if !table.foreign_keys.is_empty() {
        s.push_str("\nforeign keys:\n");
        for fk in &table.foreign_keys {
            let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            let refs = fk.referenced_columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            let _ = writeln!(
                s,
                "- `{}`: ({cols}) → `{}` ({refs}) ON DELETE {}",
                fk.name,
                fk.referenced_table.display(d),
                fk.on_delete.sql()
            );
        }
    }
    let _ = write!(s, "\ncreated by {}", created_by(analysis, stream, table.origin));
    s
}

fn created_by(analysis: &Analysis, stream: &Stream, origin: Origin) -> String {
    let files = &analysis.files;
    let at = files.line_col(origin.span.file, origin.span.start as usize);
    let label =
        stream.migrations.get(origin.migration).map(|m| m.label()).unwrap_or_else(|| "the declared models".to_owned());
    format!("migration `{label}` ({}:{})", files.path(origin.span.file), at.line)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_qualifiers() {
        let text = "ALTER TABLE app.orders ADD x int";
        let at = text.find("orders").unwrap() + 2;
        let (schema, name, range) = word_at(text, at).unwrap();
        assert_eq!((schema.as_deref(), name.as_str()), (Some("app"), "orders"));
        assert_eq!(&text[range], "orders");
        assert!(word_at("a  b", 2).is_none());
    }
}
