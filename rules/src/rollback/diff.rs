//! Compares two schemas and describes the differences in words, for findings.

use sg_model::{Dialect, Schema, Table};

/// What `restored` lacks or has in addition to `expected`, one phrase each.
pub(crate) fn schema_differences(expected: &Schema, restored: &Schema) -> Vec<String> {
    let d = expected.dialect;
    let mut out = Vec::new();
    for (name, table) in &expected.tables {
        match restored.table(name) {
            None => out.push(format!("table `{}` is missing", name.display(d))),
            Some(r) => table_differences(expected, table, r, d, &mut out),
        }
    }
    for name in restored.tables.keys() {
        if !expected.tables.contains_key(name) {
            out.push(format!("table `{}` is left behind", name.display(d)));
        }
    }
    for (name, e) in &expected.enums {
        match restored.enums.get(name) {
            None => out.push(format!("type `{}` is missing", name.display(d))),
            Some(r) if r.values != e.values => out.push(format!(
                "type `{}` has values ({}) instead of ({})",
                name.display(d),
                r.values.join(", "),
                e.values.join(", ")
            )),
            Some(_) => {}
        }
    }
    for name in restored.enums.keys() {
        if !expected.enums.contains_key(name) {
            out.push(format!("type `{}` is left behind", name.display(d)));
        }
    }
    for name in expected.views.keys() {
        if !restored.views.contains_key(name) {
            out.push(format!("view `{}` is missing", name.display(d)));
        }
    }
    for name in restored.views.keys() {
        if !expected.views.contains_key(name) {
            out.push(format!("view `{}` is left behind", name.display(d)));
        }
    }
    out
}

fn table_differences(expected: &Schema, e: &Table, r: &Table, d: Dialect, out: &mut Vec<String>) {
    let t = e.name.display(d);
    for c in &e.columns {
        match r.column(&c.name) {
            None => out.push(format!("column `{t}.{}` is missing", c.name)),
            Some(rc) => {
                // A type the replay does not know (CREATE TABLE AS SELECT) cannot differ.
                let known = !rc.ty.family.is_unknown() && !c.ty.family.is_unknown();
                if known && rc.ty.canonical != c.ty.canonical {
                    out.push(format!("column `{t}.{}` is `{}` instead of `{}`", c.name, rc.ty, c.ty));
                }
                if rc.nullable != c.nullable {
                    let (now, was) = if rc.nullable { ("nullable", "NOT NULL") } else { ("NOT NULL", "nullable") };
                    out.push(format!("column `{t}.{}` is {now} instead of {was}", c.name));
                }
                let render = |col: &sg_model::Column| col.default.as_ref().and_then(|x| x.render_default(&col.ty, d));
                if render(rc) != render(c) {
                    out.push(format!("column `{t}.{}` has a different default", c.name));
                }
            }
        }
    }
    for c in &r.columns {
        if e.column(&c.name).is_none() {
            out.push(format!("column `{t}.{}` is left behind", c.name));
        }
    }
    let key = |k: &Option<sg_model::schema::KeyConstraint>| k.as_ref().map(|k| k.columns.clone());
    if key(&e.primary_key) != key(&r.primary_key) {
        out.push(format!("the primary key of `{t}` differs"));
    }
    let mut eu: Vec<_> = e.uniques.iter().map(|u| u.columns.clone()).collect();
    let mut ru: Vec<_> = r.uniques.iter().map(|u| u.columns.clone()).collect();
    eu.sort();
    ru.sort();
    if eu != ru {
        out.push(format!("the unique constraints of `{t}` differ"));
    }
    for fk in &e.foreign_keys {
        // A key to a table that does not exist comes from an ordering error, reported on
        // its own; whatever the down does with it is not this migration's fault.
        if !expected.tables.contains_key(&fk.referenced_table) {
            continue;
        }
        if !r.foreign_keys.iter().any(|x| x.columns == fk.columns && x.referenced_table == fk.referenced_table) {
            out.push(format!("foreign key `{}` of `{t}` is missing", fk.name));
        }
    }
    for fk in &r.foreign_keys {
        if !e.foreign_keys.iter().any(|x| x.columns == fk.columns && x.referenced_table == fk.referenced_table) {
            out.push(format!("foreign key `{}` of `{t}` is left behind", fk.name));
        }
    }
    for ix in &e.indexes {
        if !r.indexes.iter().any(|x| x.keys == ix.keys && x.unique == ix.unique) {
            out.push(format!("index `{}` is missing", ix.name));
        }
    }
    for ix in &r.indexes {
        if !e.indexes.iter().any(|x| x.keys == ix.keys && x.unique == ix.unique) {
            out.push(format!("index `{}` is left behind", ix.name));
        }
    }
    for c in &e.checks {
        if !r.checks.iter().any(|x| x.expr == c.expr) {
            out.push(format!("check constraint `{}` of `{t}` is missing", c.name));
        }
    }
    for c in &r.checks {
        if !e.checks.iter().any(|x| x.expr == c.expr) {
            out.push(format!("check constraint `{}` of `{t}` is left behind", c.name));
        }
    }
    if e.rls_enabled != r.rls_enabled {
        let state = if r.rls_enabled { "enabled" } else { "disabled" };
        out.push(format!("row-level security on `{t}` is left {state}"));
    }
}
