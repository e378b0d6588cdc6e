//! `unparsed-statement`: reported by the SQL extractor.

use crate::{Rule, declare_rule};

declare_rule! {
    /// A statement could not be parsed and was skipped.
    ///
    /// ## What it does
    /// Reports each statement (or host-language call) that schemagraph could not parse: a
    /// syntax error, a statement outside what the parser knows, an unterminated string or
    /// dollar quote, a psql meta-command that includes other files. The finding points at
    /// the statement, and at the place where the parser stopped.
    ///
    /// ## Why is this bad?
    /// Whatever the statement does to the schema is unknown, so the replayed schema, and
    /// every finding that depends on it, may be wrong from this point on. An unterminated
    /// quote swallows the rest of the file.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE accounts (id bigint,, email text);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE accounts (id bigint, email text);
    /// ```
    ///
    /// ## Fix
    /// Correct the statement. If it is valid SQL that schemagraph does not read, report it
    /// and allow the finding with a reason meanwhile.
    pub struct UnparsedStatement {
        name: "unparsed-statement",
        category: Extraction,
        severity: Note,
    }
}

impl Rule for UnparsedStatement {}
