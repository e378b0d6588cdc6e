//! `schemagraph schema`: the replayed schema as JSON (the contract the PostgreSQL oracle
//! compares) or as SQL.

use serde::Serialize;
use sg_model::op::IndexKey;
use sg_model::types::quote_pg_ident;
use sg_model::{Dialect, Ident, QualifiedName, Schema, Table};

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    streams: Vec<StreamOut<'a>>,
}

#[derive(Serialize)]
struct StreamOut<'a> {
    id: &'a str,
    dialect: &'a str,
    /// The migration the schema is shown after.
    at: Option<&'a str>,
    tables: Vec<TableOut>,
    enums: Vec<EnumOut>,
}

#[derive(Serialize)]
struct TableOut {
    schema: Option<String>,
    name: String,
    columns: Vec<ColumnOut>,
    primary_key: Vec<String>,
    unique: Vec<Vec<String>>,
    foreign_keys: Vec<ForeignKeyOut>,
    indexes: Vec<IndexOut>,
    rls: bool,
}

#[derive(Serialize)]
struct ColumnOut {
    name: String,
    #[serde(rename = "type")]
    ty: String,
    nullable: bool,
    default: Option<String>,
}

#[derive(Serialize)]
struct ForeignKeyOut {
    name: String,
    columns: Vec<String>,
    references: ReferenceOut,
    on_delete: &'static str,
    on_update: &'static str,
}

#[derive(Serialize)]
struct ReferenceOut {
    schema: Option<String>,
    table: String,
    columns: Vec<String>,
}

#[derive(Serialize)]
struct IndexOut {
    name: String,
    columns: Vec<String>,
    unique: bool,
}

#[derive(Serialize)]
struct EnumOut {
    schema: Option<String>,
    name: String,
    values: Vec<String>,
}

/// One stream's schema, for the writers.
pub struct SchemaView<'a> {
    pub id: &'a str,
    pub at: Option<&'a str>,
    pub schema: &'a Schema,
}

fn names(idents: &[Ident]) -> Vec<String> {
    idents.iter().map(ToString::to_string).collect()
}

/// An index key as the database prints it: PostgreSQL's `pg_get_indexdef` quotes a
/// column name that needs quotes (`"UserId"`, `"order"`).
fn index_key_text(key: &IndexKey, dialect: Dialect) -> String {
    match (key, dialect) {
        (IndexKey::Column(c), Dialect::Postgres) => quote_pg_ident(c.as_str()),
        _ => key.text(),
    }
}

fn table_out(t: &Table, dialect: Dialect) -> TableOut {
    let mut unique: Vec<Vec<String>> = t.uniques.iter().map(|u| names(&u.columns)).collect();
    unique.sort();
    let mut foreign_keys: Vec<ForeignKeyOut> = t
        .foreign_keys
        .iter()
        .map(|fk| ForeignKeyOut {
            name: fk.name.to_string(),
            columns: names(&fk.columns),
            references: ReferenceOut {
                schema: fk.referenced_table.schema_str().map(str::to_owned),
                table: fk.referenced_table.name.to_string(),
                columns: names(&fk.referenced_columns),
            },
            on_delete: fk.on_delete.sql(),
            on_update: fk.on_update.sql(),
        })
        .collect();
    foreign_keys.sort_by(|a, b| a.name.cmp(&b.name));
    let mut indexes: Vec<IndexOut> = t
        .indexes
        .iter()
        .map(|ix| IndexOut {
            name: ix.name.to_string(),
            columns: ix.keys.iter().map(|k| index_key_text(k, dialect)).collect(),
            unique: ix.unique,
        })
        .collect();
    indexes.sort_by(|a, b| a.name.cmp(&b.name));
    TableOut {
        schema: t.name.schema_str().map(str::to_owned),
        name: t.name.name.to_string(),
        columns: t
            .columns
            .iter()
            .map(|c| ColumnOut {
                name: c.name.to_string(),
                ty: c.ty.canonical.clone(),
                nullable: c.nullable,
                default: match &c.generated {
                    // A generated column's expression is not a default.
                    Some(sg_model::op::Generated::Expression { .. }) => None,
                    _ => c.default.as_ref().and_then(|d| d.render_default(&c.ty, dialect)),
                },
            })
            .collect(),
        primary_key: t.primary_key.as_ref().map(|pk| names(&pk.columns)).unwrap_or_default(),
        unique,
        foreign_keys,
        indexes,
        rls: t.rls_enabled,
    }
}

pub fn schema_json(views: &[SchemaView<'_>]) -> String {
    let out = Output {
        version: 1,
        streams: views
            .iter()
            .map(|v| StreamOut {
                id: v.id,
                dialect: v.schema.dialect.name(),
                at: v.at,
                tables: v.schema.tables.values().map(|t| table_out(t, v.schema.dialect)).collect(),
                enums: v
                    .schema
                    .enums
                    .values()
                    .map(|e| EnumOut {
                        schema: e.name.schema_str().map(str::to_owned),
                        name: e.name.name.to_string(),
                        values: e.values.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&out).unwrap_or_default();
    s.push('\n');
    s
}

fn quote(name: &str, dialect: Dialect) -> String {
    match dialect {
        Dialect::Postgres => quote_pg_ident(name),
        Dialect::MySql => {
            if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                name.to_owned()
            } else {
                format!("`{}`", name.replace('`', "``"))
            }
        }
        Dialect::Sqlite => {
            if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                name.to_owned()
            } else {
                format!("\"{}\"", name.replace('"', "\"\""))
            }
        }
    }
}

fn qualified(name: &QualifiedName, dialect: Dialect) -> String {
    match &name.schema {
        Some(s) if Some(s.key()) != dialect.default_schema() => {
            format!("{}.{}", quote(s.as_str(), dialect), quote(name.name.as_str(), dialect))
        }
        _ => quote(name.name.as_str(), dialect),
    }
}

fn column_list(cols: &[Ident], dialect: Dialect) -> String {
    cols.iter().map(|c| quote(c.as_str(), dialect)).collect::<Vec<_>>().join(", ")
}

/// The schema as SQL that recreates it: types, tables with their keys, then indexes and
/// foreign keys (added last so that cycles need no ordering).
pub fn schema_sql(views: &[SchemaView<'_>]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for v in views {
        let d = v.schema.dialect;
        let at = v.at.map(|a| format!(" at {a}")).unwrap_or_default();
        writeln!(s, "-- stream {} ({}){at}", v.id, d.name()).unwrap();
        for schema in v.schema.schemas.keys() {
            writeln!(s, "CREATE SCHEMA {};", quote(schema.as_str(), d)).unwrap();
        }
        for ext in v.schema.extensions.keys() {
            writeln!(s, "CREATE EXTENSION IF NOT EXISTS {};", quote(ext.as_str(), d)).unwrap();
        }
        for e in v.schema.enums.values() {
            let values = e.values.iter().map(|v| sg_model::expr::quote_literal(v)).collect::<Vec<_>>().join(", ");
            writeln!(s, "CREATE TYPE {} AS ENUM ({values});", qualified(&e.name, d)).unwrap();
        }
        for t in v.schema.tables.values() {
            writeln!(s, "\nCREATE TABLE {} (", qualified(&t.name, d)).unwrap();
            let mut lines = Vec::new();
            for c in &t.columns {
                let mut line = format!("    {} {}", quote(c.name.as_str(), d), c.ty.canonical);
                if !c.nullable {
                    line.push_str(" NOT NULL");
                }
                match &c.generated {
                    Some(sg_model::op::Generated::Identity { always }) => {
                        line.push_str(if *always {
                            " GENERATED ALWAYS AS IDENTITY"
                        } else {
                            " GENERATED BY DEFAULT AS IDENTITY"
                        });
                    }
                    Some(sg_model::op::Generated::Expression { expr, .. }) => {
                        write!(line, " GENERATED ALWAYS AS ({}) STORED", expr.to_sql()).unwrap();
                    }
                    None => {
                        if let Some(default) = c.default.as_ref().and_then(|e| e.render_default(&c.ty, d)) {
                            write!(line, " DEFAULT {default}").unwrap();
                        }
                    }
                }
                lines.push(line);
            }
            if let Some(pk) = &t.primary_key {
                lines.push(format!(
                    "    CONSTRAINT {} PRIMARY KEY ({})",
                    quote(pk.name.as_str(), d),
                    column_list(&pk.columns, d)
                ));
            }
            for u in &t.uniques {
                lines.push(format!(
                    "    CONSTRAINT {} UNIQUE ({})",
                    quote(u.name.as_str(), d),
                    column_list(&u.columns, d)
                ));
            }
            for c in &t.checks {
                lines.push(format!("    CONSTRAINT {} CHECK ({})", quote(c.name.as_str(), d), c.expr));
            }
            writeln!(s, "{}\n);", lines.join(",\n")).unwrap();
            if t.rls_enabled {
                writeln!(s, "ALTER TABLE {} ENABLE ROW LEVEL SECURITY;", qualified(&t.name, d)).unwrap();
            }
            for ix in &t.indexes {
                let keys = ix.keys.iter().map(|k| match k {
                    IndexKey::Column(c) => quote(c.as_str(), d),
                    IndexKey::Expression(e) => format!("({e})"),
                });
                let unique = if ix.unique { "UNIQUE " } else { "" };
                let predicate = ix.predicate.as_ref().map(|p| format!(" WHERE {p}")).unwrap_or_default();
                writeln!(
                    s,
                    "CREATE {unique}INDEX {} ON {} ({}){predicate};",
                    quote(ix.name.as_str(), d),
                    qualified(&t.name, d),
                    keys.collect::<Vec<_>>().join(", ")
                )
                .unwrap();
            }
        }
        let mut wrote_header = false;
        for t in v.schema.tables.values() {
            for fk in &t.foreign_keys {
                if !wrote_header {
                    s.push('\n');
                    wrote_header = true;
                }
                let mut line = format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
                    qualified(&t.name, d),
                    quote(fk.name.as_str(), d),
                    column_list(&fk.columns, d),
                    qualified(&fk.referenced_table, d),
                    column_list(&fk.referenced_columns, d)
                );
                if fk.on_delete != sg_model::op::RefAction::NoAction {
                    write!(line, " ON DELETE {}", fk.on_delete.sql()).unwrap();
                }
                if fk.on_update != sg_model::op::RefAction::NoAction {
                    write!(line, " ON UPDATE {}", fk.on_update.sql()).unwrap();
                }
                if fk.deferrable {
                    line.push_str(" DEFERRABLE INITIALLY DEFERRED");
                }
                writeln!(s, "{line};").unwrap();
            }
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    // `pg_get_indexdef(indexrelid, k, true)` in PostgreSQL 15 prints `"UserId"` and
    // `"order"` for those key columns.
    #[test]
    fn index_key_columns_are_quoted_as_postgres_prints_them() {
        let pg = |name: &str, quoted| IndexKey::Column(Ident::new(name, quoted, Dialect::Postgres));
        assert_eq!(index_key_text(&pg("UserId", true), Dialect::Postgres), "\"UserId\"");
        assert_eq!(index_key_text(&pg("order", false), Dialect::Postgres), "\"order\"");
        assert_eq!(index_key_text(&pg("tenant_id", false), Dialect::Postgres), "tenant_id");
        let my = IndexKey::Column(Ident::new("UserId", false, Dialect::MySql));
        assert_eq!(index_key_text(&my, Dialect::MySql), "UserId");
    }
}
