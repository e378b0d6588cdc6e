//! Reads a real database's catalog into the JSON shape of `schemagraph schema --format
//! json`, and lists the objects a database holds for the rollback check.
//!
//! The query reads `pg_catalog` directly rather than `information_schema`: the latter
//! repeats rows for composite foreign keys and hides objects the current role does not own.
//! What each field is, in PostgreSQL's own words:
//!
//! - columns in `attnum` order, skipping dropped ones; `type` is
//!   `format_type(atttypid, atttypmod)`, `nullable` is `NOT attnotnull`, `default` is
//!   `pg_get_expr(adbin, adrelid)`. A stored generated column also keeps its expression in
//!   `pg_attrdef`, but that expression is not a default (an INSERT cannot override it), and
//!   the contract has no field for it, so it reads as no default;
//! - `primary_key` in `conkey` order; `unique` holds the unique constraints' columns;
//! - foreign keys from `pg_constraint`, their actions spelled as in SQL. A foreign key that
//!   references a partitioned table has internal copies, one per partition, on the same
//!   referencing table; they are PostgreSQL's bookkeeping, not constraints anyone wrote,
//!   and are left out (a partition's own clone of its parent's foreign key is kept);
//! - `indexes` are the indexes that back no constraint, each key as
//!   `pg_get_indexdef(indexrelid, k, true)` prints it;
//! - `rls` is `relrowsecurity`.
//!
//! Tables and enum types created by an extension are the extension's, not the migrations',
//! and are left out, as are the system schemas.

use serde_json::Value;

/// The schemas every database has, which no migration creates.
const SYSTEM_SCHEMA_FILTER: &str = "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'";

/// Whether the object `oid` of the catalog `class` belongs to an extension.
fn extension_owned(class: &str, oid: &str) -> String {
    format!(
        "EXISTS (SELECT FROM pg_catalog.pg_depend dep WHERE dep.classid = '{class}'::regclass \
         AND dep.objid = {oid} AND dep.deptype = 'e')"
    )
}

/// A list of attribute names in key order, as a JSON array.
fn attnames(relid: &str, keys: &str) -> String {
    format!(
        "COALESCE((SELECT json_agg(a.attname ORDER BY k.ord) \
         FROM unnest({keys}) WITH ORDINALITY AS k(attnum, ord) \
         JOIN pg_catalog.pg_attribute a ON a.attrelid = {relid} AND a.attnum = k.attnum), '[]')"
    )
}

fn action(column: &str) -> String {
    format!(
        "CASE {column} WHEN 'a' THEN 'NO ACTION' WHEN 'r' THEN 'RESTRICT' WHEN 'c' THEN 'CASCADE' \
         WHEN 'n' THEN 'SET NULL' WHEN 'd' THEN 'SET DEFAULT' END"
    )
}

/// One query that returns the whole schema as one JSON value.
pub(crate) fn schema_query() -> String {
    let columns = "COALESCE((SELECT json_agg(json_build_object(\
            'name', a.attname, \
            'type', pg_catalog.format_type(a.atttypid, a.atttypmod), \
            'nullable', NOT a.attnotnull, \
            'default', CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) END\
         ) ORDER BY a.attnum) \
         FROM pg_catalog.pg_attribute a \
         LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]')";
    let primary_key = format!(
        "COALESCE((SELECT {} FROM pg_catalog.pg_constraint con WHERE con.conrelid = c.oid AND con.contype = 'p'), '[]')",
        attnames("con.conrelid", "con.conkey")
    );
    let unique = format!(
        "COALESCE((SELECT json_agg({}) FROM pg_catalog.pg_constraint con \
         WHERE con.conrelid = c.oid AND con.contype = 'u'), '[]')",
        attnames("con.conrelid", "con.conkey")
    );
    let foreign_keys = format!(
        "COALESCE((SELECT json_agg(json_build_object(\
            'name', con.conname, \
            'columns', {}, \
            'references', json_build_object('schema', rn.nspname, 'table', rc.relname, 'columns', {}), \
            'on_delete', {}, \
            'on_update', {}\
         )) FROM pg_catalog.pg_constraint con \
         JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid \
         JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace \
         WHERE con.conrelid = c.oid AND con.contype = 'f' \
           AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint pc \
                           WHERE pc.oid = con.conparentid AND pc.conrelid = con.conrelid)), '[]')",
        attnames("con.conrelid", "con.conkey"),
        attnames("con.confrelid", "con.confkey"),
        action("con.confdeltype"),
        action("con.confupdtype"),
    );
    let indexes = "COALESCE((SELECT json_agg(json_build_object(\
            'name', ic.relname, \
            'columns', (SELECT json_agg(pg_catalog.pg_get_indexdef(i.indexrelid, k, true) ORDER BY k) \
                        FROM generate_series(1, i.indnkeyatts) AS k), \
            'unique', i.indisunique\
         )) FROM pg_catalog.pg_index i \
         JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid \
         WHERE i.indrelid = c.oid AND NOT EXISTS (SELECT FROM pg_catalog.pg_constraint con \
             WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))), '[]')";
    format!(
        "SELECT json_build_object(\
           'tables', COALESCE((SELECT json_agg(json_build_object(\
               'schema', n.nspname, 'name', c.relname, \
               'columns', {columns}, \
               'primary_key', {primary_key}, \
               'unique', {unique}, \
               'foreign_keys', {foreign_keys}, \
               'indexes', {indexes}, \
               'rls', c.relrowsecurity)) \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p') AND {SYSTEM_SCHEMA_FILTER} AND NOT {table_ext}), '[]'), \
           'enums', COALESCE((SELECT json_agg(json_build_object(\
               'schema', n.nspname, 'name', t.typname, \
               'values', COALESCE((SELECT json_agg(e.enumlabel ORDER BY e.enumsortorder) \
                                   FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid), '[]'))) \
             FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
             WHERE t.typtype = 'e' AND {SYSTEM_SCHEMA_FILTER} AND NOT {type_ext}), '[]'))",
        table_ext = extension_owned("pg_catalog.pg_class", "c.oid"),
        type_ext = extension_owned("pg_catalog.pg_type", "t.oid"),
    )
}

/// Puts the catalog's JSON in the contract's order: tables and enums by (schema, name),
/// unique column lists sorted, foreign keys and indexes by name. Sorting here, byte-wise
/// as Rust sorts strings, keeps the query free of collation questions.
pub(crate) fn normalize(mut v: Value) -> Value {
    let key = |v: &Value| (v["schema"].as_str().unwrap_or("").to_owned(), v["name"].as_str().unwrap_or("").to_owned());
    if let Some(tables) = v["tables"].as_array_mut() {
        tables.sort_by_key(key);
        for t in tables {
            if let Some(u) = t["unique"].as_array_mut() {
                u.sort_by_key(|cols| {
                    cols.as_array()
                        .map(|c| c.iter().map(|s| s.as_str().unwrap_or("").to_owned()).collect::<Vec<_>>())
                        .unwrap_or_default()
                });
            }
            for list in ["foreign_keys", "indexes"] {
                if let Some(items) = t[list].as_array_mut() {
                    items.sort_by_key(|i| i["name"].as_str().unwrap_or("").to_owned());
                }
            }
        }
    }
    if let Some(enums) = v["enums"].as_array_mut() {
        enums.sort_by_key(key);
    }
    v
}

/// Every object a migration could leave behind, one `kind schema.name` per line: relations
/// (tables, views, sequences, indexes, composite types), types, functions and procedures in
/// non-system schemas, and schemas and extensions themselves. Objects that belong to an
/// extension are the extension's and are not listed separately.
pub(crate) fn objects_query() -> String {
    format!(
        "SELECT kind || ' ' || name FROM (\
           SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' \
                  WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'i' THEN 'index' \
                  WHEN 'I' THEN 'index' WHEN 'c' THEN 'composite type' WHEN 'f' THEN 'foreign table' \
                  ELSE 'relation' END AS kind, n.nspname || '.' || c.relname AS name \
             FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
             WHERE {SYSTEM_SCHEMA_FILTER} AND NOT {rel_ext} \
           UNION ALL \
           SELECT 'type', n.nspname || '.' || t.typname \
             FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace \
             WHERE {SYSTEM_SCHEMA_FILTER} AND NOT {type_ext} AND t.typrelid = 0 \
               AND NOT EXISTS (SELECT FROM pg_catalog.pg_type el WHERE el.typarray = t.oid) \
           UNION ALL \
           SELECT 'function', n.nspname || '.' || p.proname \
             FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace \
             WHERE {SYSTEM_SCHEMA_FILTER} AND NOT {proc_ext} \
           UNION ALL \
           SELECT 'schema', n.nspname FROM pg_catalog.pg_namespace n WHERE {SYSTEM_SCHEMA_FILTER} \
           UNION ALL \
           SELECT 'extension', x.extname FROM pg_catalog.pg_extension x\
         ) AS o ORDER BY 1",
        rel_ext = extension_owned("pg_catalog.pg_class", "c.oid"),
        type_ext = extension_owned("pg_catalog.pg_type", "t.oid"),
        proc_ext = extension_owned("pg_catalog.pg_proc", "p.oid"),
    )
}
