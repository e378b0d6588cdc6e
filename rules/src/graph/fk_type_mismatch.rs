//! `fk-type-mismatch`: a foreign key column of a different type than the key it references.

use sg_model::{Finding, TypeFamily};

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A foreign key column's type differs from the type of the column it references.
    ///
    /// ## What it does
    /// At the head of each stream, compares each foreign key column with the referenced
    /// column: `integer` referencing `bigint`, `text` referencing `uuid`, `bigint`
    /// referencing `numeric`. Text types of different lengths are not reported.
    ///
    /// ## Why is this bad?
    /// A narrower column cannot hold every referenced key: the first `bigint` id above
    /// 2^31 cannot be referenced and inserts start failing in production, years after the
    /// migration. Different types also force casts in every join, which can keep the
    /// planner from using indexes.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE accounts (id bigint PRIMARY KEY);
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, account_id integer REFERENCES accounts (id));
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE accounts (id bigserial PRIMARY KEY);
    /// CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id));
    /// ```
    ///
    /// ## Fix
    /// Give the foreign key column the referenced column's type.
    pub struct FkTypeMismatch {
        name: "fk-type-mismatch",
        category: Graph,
        severity: Warning,
    }
}

impl Rule for FkTypeMismatch {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            for fk in &table.foreign_keys {
                let Some(target) = cx.head.table(&fk.referenced_table) else { continue };
                for (c, r) in fk.columns.iter().zip(&fk.referenced_columns) {
                    let (Some(col), Some(rcol)) = (table.column(c), target.column(r)) else { continue };
                    if col.ty.canonical == rcol.ty.canonical
                        // A type the replay does not know (CREATE TABLE AS SELECT) proves nothing.
                        || col.ty.family.is_unknown()
                        || rcol.ty.family.is_unknown()
                        || (col.ty.family.is_text_like() && rcol.ty.family.is_text_like())
                        || same_integer(&col.ty.family, &rcol.ty.family)
                    {
                        continue;
                    }
                    let t = table.name.display(d);
                    let rt = target.name.display(d);
                    out.push(
                        Finding::new(
                            FkTypeMismatch::META.name,
                            fk.origin.span,
                            format!("`{t}.{c}` is `{}` but references `{rt}.{r}`, which is `{}`", col.ty, rcol.ty),
                        )
                        .with_related(rcol.origin.span, format!("`{rt}.{r}` is declared here"))
                        .with_help(format!("make `{t}.{c}` a `{}` like the column it references", rcol.ty))
                        .with_object(format!("fk:{}.{}:{c}", table.name, fk.name)),
                    );
                }
            }
        }
    }
}

/// MySQL spells the same integer with and without `unsigned`; only equal sizes and
/// signedness match.
fn same_integer(a: &TypeFamily, b: &TypeFamily) -> bool {
    matches!((a, b), (TypeFamily::Integer { bytes: x, unsigned: u }, TypeFamily::Integer { bytes: y, unsigned: v }) if x == y && u == v)
}
