//! `unsupported-construct`: reported by extractors.

use crate::{Rule, declare_rule};

declare_rule! {
    /// A construct was read but what it does to the schema cannot be known statically.
    ///
    /// ## What it does
    /// Reports statements and calls that parsed but whose effect schemagraph does not
    /// model or cannot know without running code: dynamic SQL built at run time,
    /// `CREATE TABLE ... AS SELECT`, a DO block in another language, a schema rename.
    ///
    /// ## Why is this bad?
    /// The replayed schema may miss what the construct does, so later findings about the
    /// objects it touches may be wrong. Nothing is guessed: the construct is kept as an
    /// opaque step and reported here.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN note text', 'orders'); END $$;
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// DO $$ BEGIN EXECUTE 'ALTER TABLE orders ADD COLUMN note text'; END $$;
    /// ```
    pub struct UnsupportedConstruct {
        name: "unsupported-construct",
        category: Extraction,
        severity: Note,
    }
}

impl Rule for UnsupportedConstruct {}
