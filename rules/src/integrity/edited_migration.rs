//! `edited-migration`: reported by the engine when it checks `schemagraph.sum`.

use crate::{Rule, declare_rule};

declare_rule! {
    /// A migration changed after it was recorded in `schemagraph.sum`.
    ///
    /// ## What it does
    /// `schemagraph lock` writes `schemagraph.sum`: for every stream, each migration with a
    /// checksum of its files and a running checksum of the stream up to it. `analyze` then
    /// reports a recorded migration whose files changed, a recorded migration that
    /// disappeared, and a new migration ordered before the last recorded one.
    ///
    /// ## Why is this bad?
    /// Databases that already ran a migration never run it again: editing it changes what
    /// new environments get but not what production has, and a migration slipped in before
    /// the last recorded one is skipped or refused by most tools. The sum file is the audit
    /// trail that the reviewed history is the deployed history.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    /// ```text-file,expect_diagnostic,file=schemagraph.sum
    /// # schemagraph.sum: written by `schemagraph lock`; do not edit.
    /// stream migrations
    /// 000001_users 0000000000000000000000000000000000000000000000000000000000000000 0000000000000000000000000000000000000000000000000000000000000000
    /// ```
    ///
    /// ### Valid
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ```
    ///
    /// ## Fix
    /// Put the old content back and make the change in a new migration. If the edit is
    /// deliberate (a comment, a fix that every database already has), run
    /// `schemagraph lock` and commit the new `schemagraph.sum` with the change, so review
    /// sees it.
    pub struct EditedMigration {
        name: "edited-migration",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for EditedMigration {}
