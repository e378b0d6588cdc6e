//! `model-migration-drift`: declared models and migrations describe different schemas.

use sg_model::migration::DeclaredSchema;
use sg_model::{Finding, QualifiedName, Replayer, Schema, Table};

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// Declared models and the migrations describe different schemas.
    ///
    /// ## What it does
    /// Where a stream has declared state besides its migrations (GORM models, diesel's
    /// `schema.rs`, dbmate's `db/schema.sql`), compares it with the schema the migrations
    /// produce: tables, columns, nullability and foreign keys that one side has and the
    /// other lacks. What the declaration has and the migrations lack is reported at the
    /// declaration (the struct field, the `table!` column) with the migrations' side as a
    /// related location; the reverse is reported at the migration.
    ///
    /// Nullability is compared as the declaration's tool writes rows. GORM creates a nullable
    /// column for a field of a plain Go type (`string`, `int64`, `time.Time`) that is not
    /// tagged `not null`, but writes the field's zero value, never NULL: a NOT NULL in the
    /// migrations agrees with such a field. It is drift for a field that can write NULL: a
    /// pointer, a slice, `sql.NullString` and its kin, a type whose `Value()` returns nil,
    /// a `default:null` tag. A NOT NULL that the declaration has and the migrations lack is
    /// always drift, and diesel's `Nullable<...>` and a schema dump are exact.
    ///
    /// Tables that migration tools keep for themselves (`schema_migrations`,
    /// `goose_db_version`, `alembic_version`, ...) are ignored.
    ///
    /// ## Why is this bad?
    /// Code is written against the declared models. A column the models declare but no
    /// migration creates fails at run time; a NOT NULL the models do not know about fails
    /// inserts; a table only the migrations have is invisible to the ORM. Drift means a
    /// migration was forgotten, or the declaration is stale.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=db/migrations/20240101000000_users.sql
    /// -- migrate:up
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
    /// -- migrate:down
    /// DROP TABLE users;
    /// ```
    /// ```sql,expect_diagnostic,file=db/schema.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=db/migrations/20240101000000_users.sql
    /// -- migrate:up
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
    /// -- migrate:down
    /// DROP TABLE users;
    /// ```
    /// ```sql,file=db/schema.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, name text);
    /// ```
    ///
    /// ### Invalid
    /// A `*string` field is NULL when the pointer is nil, which the migrations refuse:
    /// ```text-file,file=go.mod
    /// module example.com/app
    /// ```
    /// ```sql,file=db/migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigserial PRIMARY KEY, nickname text NOT NULL);
    /// ```
    /// ```go,expect_diagnostic,file=models/user.go
    /// package models
    ///
    /// type User struct {
    ///     ID       uint `gorm:"primaryKey"`
    ///     Nickname *string
    /// }
    /// ```
    ///
    /// ### Valid
    /// A `string` field is written as `""`, never NULL, so NOT NULL in the migrations is fine:
    /// ```text-file,file=go.mod
    /// module example.com/app
    /// ```
    /// ```sql,file=db/migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigserial PRIMARY KEY, nickname text NOT NULL);
    /// ```
    /// ```go,file=models/user.go
    /// package models
    ///
    /// type User struct {
    ///     ID       uint `gorm:"primaryKey"`
    ///     Nickname string
    /// }
    /// ```
    ///
    /// ## Fix
    /// Write the missing migration, or update the declaration to match what the
    /// migrations create.
    pub struct ModelMigrationDrift {
        name: "model-migration-drift",
        category: Drift,
        severity: Warning,
    }
}

fn is_tool_table(name: &QualifiedName) -> bool {
    crate::support::is_tool_table(name.name.key())
}

impl Rule for ModelMigrationDrift {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        for declared in cx.declared {
            compare(cx, declared, out);
        }
    }
}

/// Replays the declaration on its own.
fn declared_schema(cx: &StreamContext<'_>, declared: &DeclaredSchema) -> Schema {
    let mut replayer = Replayer::new(cx.stream.dialect);
    let mut events = Vec::new();
    for op in &declared.ops {
        replayer.apply(op, &mut events);
    }
    replayer.into_schema()
}

fn compare(cx: &StreamContext<'_>, declared: &DeclaredSchema, out: &mut Vec<Finding>) {
    let model = declared_schema(cx, declared);
    let head = cx.head;
    let dialect = cx.stream.dialect;
    let source = &declared.source;
    let name = ModelMigrationDrift::META.name;
    for (qn, table) in &model.tables {
        let shown = qn.display(dialect);
        let Some(migrated) = head.table(qn) else {
            if !is_tool_table(qn) {
                out.push(
                    Finding::new(
                        name,
                        table.origin.span,
                        format!("Table `{shown}` is declared in {source}, but no migration creates it"),
                    )
                    .with_help(format!("write a migration that creates `{shown}`, or remove it from {source}"))
                    .with_object(format!("drift:table:{qn}")),
                );
            }
            continue;
        };
        compare_tables(declared, head, &shown, qn, table, migrated, out);
    }
    for (qn, table) in &head.tables {
        if model.tables.contains_key(qn) || is_tool_table(qn) || !declared.scope.covers_table(qn) {
            continue;
        }
        let shown = qn.display(dialect);
        out.push(
            Finding::new(
                name,
                table.origin.span,
                format!("Table `{shown}` is created by the migrations but not declared in {source}"),
            )
            .with_help(format!("declare `{shown}` in {source}, or drop it in a migration if it is no longer used"))
            .with_object(format!("drift:table:{qn}")),
        );
    }
}

fn compare_tables(
    declared: &DeclaredSchema,
    head: &Schema,
    shown: &str,
    qn: &QualifiedName,
    model: &Table,
    migrated: &Table,
    out: &mut Vec<Finding>,
) {
    let name = ModelMigrationDrift::META.name;
    let source = declared.source.as_str();
    for col in &model.columns {
        match migrated.column(&col.name) {
            None => out.push(
                Finding::new(
                    name,
                    col.origin.span,
                    format!("Column `{shown}.{}` is declared in {source}, but no migration creates it", col.name),
                )
                .with_related(migrated.origin.span, format!("`{shown}` is created here"))
                .with_help(format!("add `{}` to `{shown}` in a new migration, or remove it from {source}", col.name))
                .with_object(format!("drift:column:{qn}.{}", col.name)),
            ),
            // A column the declaration leaves nullable but never writes NULL into (a GORM
            // field of a plain Go type) agrees with a NOT NULL in the migrations.
            Some(m) if m.nullable != col.nullable && (!col.nullable || declared.scope.needs_null(qn, &col.name)) => {
                let (declared, migrated_says) =
                    if col.nullable { ("nullable", "NOT NULL") } else { ("NOT NULL", "nullable") };
                out.push(
                    Finding::new(
                        name,
                        col.origin.span,
                        format!(
                            "Column `{shown}.{}` is {declared} in {source}, but the migrations make it {migrated_says}",
                            col.name
                        ),
                    )
                    .with_related(m.origin.span, format!("`{shown}.{}` is created here", col.name))
                    .with_help("make the declaration and the migrations agree on whether the column may be NULL")
                    .with_object(format!("drift:nullability:{qn}.{}", col.name)),
                );
            }
            Some(_) => {}
        }
    }
    for col in &migrated.columns {
        if model.column(&col.name).is_none() {
            out.push(
                Finding::new(
                    name,
                    col.origin.span,
                    format!("Column `{shown}.{}` is created by the migrations but not declared in {source}", col.name),
                )
                .with_related(model.origin.span, format!("`{shown}` is declared here"))
                .with_help(format!("declare `{}` in {source}, or drop it in a migration", col.name))
                .with_object(format!("drift:column:{qn}.{}", col.name)),
            );
        }
    }
    let same_fk = |a: &sg_model::ForeignKey, b: &sg_model::ForeignKey| {
        a.columns == b.columns && a.referenced_table == b.referenced_table
    };
    for fk in &model.foreign_keys {
        if !migrated.foreign_keys.iter().any(|m| same_fk(fk, m)) {
            let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            out.push(
                Finding::new(
                    name,
                    fk.origin.span,
                    format!(
                        "A foreign key from `{shown}` ({cols}) to `{}` is declared in {source}, but no migration creates it",
                        fk.referenced_table.name
                    ),
                )
                .with_related(migrated.origin.span, format!("`{shown}` is created here"))
                .with_help("add the foreign key in a migration, or remove it from the declaration")
                .with_object(format!("drift:fk:{qn}:{cols}")),
            );
        }
    }
    for fk in &migrated.foreign_keys {
        // A key the declaration has no way to write down is not drift.
        if !declared.scope.covers_foreign_key(head, qn, fk) {
            continue;
        }
        if !model.foreign_keys.iter().any(|m| same_fk(fk, m)) {
            let cols = fk.columns.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            out.push(
                Finding::new(
                    name,
                    fk.origin.span,
                    format!(
                        "The migrations create a foreign key from `{shown}` ({cols}) to `{}` that {source} does not declare",
                        fk.referenced_table.name
                    ),
                )
                .with_related(model.origin.span, format!("`{shown}` is declared here"))
                .with_help("declare the relation in the models, or drop the foreign key in a migration")
                .with_object(format!("drift:fk:{qn}:{cols}")),
            );
        }
    }
}
