//! `duplicate-object`: a statement creates an object that already exists.

use sg_model::{Finding, ReplayEvent};

use super::{capitalized, describe, object_id};
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A migration creates an object that already exists.
    ///
    /// ## What it does
    /// Replays the stream and reports each statement that creates a table, column, index,
    /// constraint, type or other object under a name that is already taken at that point,
    /// without `IF NOT EXISTS`.
    ///
    /// ## Why is this bad?
    /// The database rejects the statement, so the migration fails on every environment
    /// that runs the whole history. This usually means two migrations (often from two
    /// branches) made the same change.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ALTER TABLE users ADD COLUMN email text;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, email text);
    /// ALTER TABLE users ADD COLUMN IF NOT EXISTS email text;
    /// ```
    ///
    /// ## Fix
    /// Remove the duplicate change, choose another name, or use `IF NOT EXISTS` where
    /// re-creating is intended.
    pub struct DuplicateObject {
        name: "duplicate-object",
        category: Integrity,
        severity: Error,
    }
}

impl Rule for DuplicateObject {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        for e in cx.events {
            let ReplayEvent::Duplicate { key, span, existing } = &e.event else { continue };
            let what = describe(key, cx.stream.dialect);
            let (message, related) = match existing {
                Some(origin) => {
                    let creator = cx.migrations.get(origin.migration).map(|m| m.label()).unwrap_or_default();
                    let when = if origin.migration == e.migration {
                        "earlier in this migration".to_owned()
                    } else {
                        format!("by migration `{creator}`")
                    };
                    (format!("{} already exists: it was created {when}", capitalized(&what)), Some(origin.span))
                }
                None => (format!("{} already exists", capitalized(&what)), None),
            };
            let mut f = Finding::new(DuplicateObject::META.name, *span, message)
                .with_help(format!(
                    "the database rejects this statement; remove the duplicate change, pick another name, or add IF NOT EXISTS if creating {what} again is intended"
                ))
                .with_object(object_id(key));
            if let Some(span) = related {
                f = f.with_related(span, format!("{what} is first created here"));
            }
            out.push(f);
        }
    }
}
