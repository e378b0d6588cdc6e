//! `missing-down-migration`: a migration without the down part its siblings have.

use sg_model::{Finding, Layout};

use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A migration has no down part in a stream whose migrations have them.
    ///
    /// ## What it does
    /// In a stream whose layout supports down migrations (golang-migrate, goose, dbmate,
    /// sqlx with `.up.sql`/`.down.sql`, diesel, Flyway undo files, Alembic, SeaORM) and
    /// where at least one migration has one, reports every migration that lacks its down
    /// part. Streams that never write downs are left alone.
    ///
    /// ## Why is this bad?
    /// A rollback stops at the first migration it cannot undo, usually during an incident.
    /// A team that writes downs expects every release to be reversible.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000001_users.down.sql
    /// DROP TABLE users;
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000002_teams.up.sql
    /// CREATE TABLE teams (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000001_users.down.sql
    /// DROP TABLE users;
    /// ```
    /// ```sql,file=migrations/000002_teams.up.sql
    /// CREATE TABLE teams (id bigint PRIMARY KEY);
    /// ```
    /// ```sql,file=migrations/000002_teams.down.sql
    /// DROP TABLE teams;
    /// ```
    ///
    /// ## Fix
    /// Write the down migration; if the change cannot be undone, write a down that fails
    /// loudly and say why in it.
    pub struct MissingDownMigration {
        name: "missing-down-migration",
        category: Rollback,
        severity: Warning,
    }
}

impl Rule for MissingDownMigration {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let supports_downs = matches!(
            cx.stream.layout,
            Layout::GolangMigrate
                | Layout::Goose
                | Layout::Dbmate
                | Layout::Sqlx
                | Layout::Diesel
                | Layout::Flyway
                | Layout::Alembic
                | Layout::SeaOrm
        );
        let versioned = || cx.migrations.iter().filter(|m| !m.key.repeatable);
        if !supports_downs || !versioned().any(|m| m.down.is_some()) {
            return;
        }
        let layout = cx.stream.layout;
        for m in versioned().filter(|m| m.down.is_none()) {
            let expected = match layout {
                Layout::GolangMigrate | Layout::Sqlx => format!("`{}.down.sql`", m.label()),
                Layout::Goose => "a `-- +goose Down` section".to_owned(),
                Layout::Dbmate => "a `-- migrate:down` section".to_owned(),
                Layout::Diesel => "a `down.sql`".to_owned(),
                Layout::Flyway => format!("an undo file `U{}__...sql`", m.version.trim_start_matches('V')),
                _ => "a downgrade".to_owned(),
            };
            out.push(
                Finding::new(
                    MissingDownMigration::META.name,
                    m.span,
                    format!("Migration `{}` has no down part, while other migrations of this stream do", m.label()),
                )
                .with_help(format!("add {expected} that undoes it, so a rollback can pass this migration"))
                .with_object(format!("down:{}", m.label())),
            );
        }
    }
}
