//! `drop-enum-value`: removing a value from an enum that rows and code may use.

use sg_model::op::EnumChange;
use sg_model::{Finding, OpKind, TypeFamily};

use crate::{OpContext, Rule, declare_rule};

declare_rule! {
    /// A migration removes a value from an existing enum.
    ///
    /// ## What it does
    /// Reports the ways an enum loses a value: PostgreSQL has no `DROP VALUE`, so
    /// migrations recreate the type (drop it and create it again, or create a new type and
    /// move columns to it) without the value; MySQL redefines an inline `enum(...)` column.
    /// Enums created in the same migration are not reported.
    ///
    /// One change is reported once. When the old type is renamed and a new one created under
    /// its name (`ALTER TYPE ... RENAME TO ..._old; CREATE TYPE ...`), nothing is lost until a
    /// column moves to the new type: the finding is at each `ALTER COLUMN ... TYPE`, which
    /// names the column whose rows break, not at the `CREATE TYPE`.
    ///
    /// ## Why is this bad?
    /// Rows holding the removed value make the migration fail (or, in MySQL, become empty
    /// strings), and deployed code that still writes the value fails.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_status.up.sql
    /// CREATE TYPE order_status AS ENUM ('pending', 'paid', 'legacy');
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop_legacy.up.sql
    /// DROP TYPE order_status;
    /// CREATE TYPE order_status AS ENUM ('pending', 'paid');
    /// ```
    ///
    /// ### Invalid
    /// Renamed away and recreated: reported once, where the column moves:
    /// ```sql,file=migrations/000001_status.up.sql
    /// CREATE TYPE order_status AS ENUM ('pending', 'paid', 'legacy');
    /// CREATE TABLE orders (id bigint PRIMARY KEY, status order_status NOT NULL);
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_drop_legacy.up.sql
    /// ALTER TYPE order_status RENAME TO order_status_old;
    /// CREATE TYPE order_status AS ENUM ('pending', 'paid');
    /// ALTER TABLE orders ALTER COLUMN status TYPE order_status USING status::text::order_status;
    /// DROP TYPE order_status_old;
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_status.up.sql
    /// CREATE TYPE order_status AS ENUM ('pending', 'paid');
    /// ```
    /// ```sql,file=migrations/000002_refunded.up.sql
    /// ALTER TYPE order_status ADD VALUE 'refunded';
    /// ```
    ///
    /// ## Fix
    /// Stop writing the value, migrate the rows that hold it, and only then recreate the
    /// type without it; keep readers tolerant of the value until then.
    pub struct DropEnumValue {
        name: "drop-enum-value",
        category: Compat,
        severity: Warning,
    }
}

impl Rule for DropEnumValue {
    fn check_op(&self, cx: &OpContext<'_>, out: &mut Vec<Finding>) {
        let (name, removed, target, moved_to) = match &cx.op.kind {
            // `DROP TYPE x; CREATE TYPE x AS ENUM (...)` with fewer values.
            OpKind::CreateEnum { name, values } => {
                let qn = cx.resolve(name);
                let Some(old) = cx.migration_start.enums.get(&qn) else { return };
                // Renamed away rather than dropped: its columns still hold it, and lose the
                // values where they move to this type, which is reported there.
                if cx.before.enums.values().any(|e| e.origin == old.origin && e.name != qn) {
                    return;
                }
                let removed: Vec<String> = old.values.iter().filter(|v| !values.contains(v)).cloned().collect();
                (cx.show(&qn), removed, format!("type:{qn}"), None)
            }
            OpKind::AlterEnum { name, change: EnumChange::DropValue { value } } => {
                let qn = cx.resolve(name);
                if !cx.migration_start.enums.contains_key(&qn) {
                    return;
                }
                (cx.show(&qn), vec![value.clone()], format!("type:{qn}"), None)
            }
            // A column moved from one enum to another that lacks some of its values, or a
            // MySQL inline enum redefined with fewer values.
            OpKind::AlterColumnType { table, column, ty, .. } => {
                let Some(col) = cx.column_before_migration(table, column) else { return };
                let removed = removed_values(cx, &col.ty, &ty.ty);
                (
                    format!("{}.{column}", cx.show(&cx.resolve(table))),
                    removed,
                    format!("column:{}.{column}", cx.resolve(table)),
                    Some(&ty.ty),
                )
            }
            OpKind::RedefineColumn { table, column, def } => {
                let Some(col) = cx.column_before_migration(table, column) else { return };
                let removed = removed_values(cx, &col.ty, &def.ty.ty);
                (
                    format!("{}.{column}", cx.show(&cx.resolve(table))),
                    removed,
                    format!("column:{}.{column}", cx.resolve(table)),
                    None,
                )
            }
            _ => return,
        };
        if removed.is_empty() {
            return;
        }
        let list = removed.iter().map(|v| format!("'{v}'")).collect::<Vec<_>>().join(", ");
        // Where the type the column moves to was created, when it is an enum of the schema.
        let created = moved_to.and_then(|ty| enum_of(cx, ty)).map(|e| (e.origin.span, cx.show(&e.name)));
        let mut finding = Finding::new(
                DropEnumValue::META.name,
                cx.op.span,
                match moved_to {
                    Some(ty) => format!(
                        "`{name}` moves to `{ty}`, which lacks {list}: rows holding it break the migration and deployed code that writes it fails"
                    ),
                    None => format!(
                        "This removes {list} from `{name}`: rows holding it break the migration and deployed code that writes it fails"
                    ),
                },
            )
            .with_help(format!(
                "stop writing {list}, update the rows that hold it, and recreate the type without it in a later migration"
            ))
            .with_object(target);
        if let Some((span, shown)) = created {
            finding = finding.with_related(span, format!("`{shown}` is created here without {list}"));
        }
        out.push(finding);
    }
}

/// The enum a named type stands for, in the schema before the op.
fn enum_of<'a>(cx: &'a OpContext<'_>, ty: &sg_model::SqlType) -> Option<&'a sg_model::schema::EnumType> {
    let TypeFamily::Named(name) = &ty.family else { return None };
    let qn = sg_model::ObjectName::unqualified(sg_model::Ident::new(name, false, cx.dialect())).resolve(cx.dialect());
    cx.before.enums.get(&qn)
}

/// Values of the old enum type that the new one lacks.
fn removed_values(cx: &OpContext<'_>, old: &sg_model::SqlType, new: &sg_model::SqlType) -> Vec<String> {
    let values = |ty: &sg_model::SqlType| -> Option<Vec<String>> {
        match &ty.family {
            TypeFamily::InlineEnum(v) => Some(v.clone()),
            TypeFamily::Named(_) => enum_of(cx, ty).map(|e| e.values.clone()),
            _ => None,
        }
    };
    match (values(old), values(new)) {
        (Some(a), Some(b)) => a.into_iter().filter(|v| !b.contains(v)).collect(),
        _ => Vec::new(),
    }
}
