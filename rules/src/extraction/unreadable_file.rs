//! `unreadable-file`: reported by the engine when it reads sources.

use crate::{Rule, declare_rule};

declare_rule! {
    /// A file could not be read, or is not valid UTF-8.
    ///
    /// ## What it does
    /// Reports a migration or source file that could not be read from disk, and a file
    /// that is not valid UTF-8. Invalid bytes are replaced and the rest of the file is
    /// still analyzed; the finding points at the first invalid byte.
    ///
    /// ## Why is this bad?
    /// Databases and migration tools read the file as bytes in some encoding; an identifier
    /// or literal with invalid bytes may not be what it looks like, and an unreadable file
    /// is a migration the analysis could not see at all.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic,escapes
    /// CREATE TABLE caf\xE9 (id bigint);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE cafe (id bigint);
    /// ```
    pub struct UnreadableFile {
        name: "unreadable-file",
        category: Extraction,
        severity: Warning,
    }
}

impl Rule for UnreadableFile {}
