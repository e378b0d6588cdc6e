//! The SQL extractor: statement splitting, SQL to ops, and the SQL migration layouts.
//!
//! Every other extractor hands the SQL it finds (in `op.execute("...")`, `tx.Exec("...")`,
//! `execute_unprepared("...")`) to [`extract_sql`] with an [`sg_model::OffsetMap`] that
//! places the text in its host file, so findings land on the right line there.
//!
//! Invariant: extraction never fails. A statement that cannot be understood becomes an
//! `Opaque` op plus a located finding, and the rest of the text is still extracted.

mod dialect;
mod extract;
mod fragment;
mod layout;
mod lexer;
mod lower;
mod plpgsql;
mod rewrite;
mod split;
mod words;

pub use dialect::{DialectEvidence, dialect_evidence};
pub use extract::{Extraction, extract_sql};
pub use fragment::{SqlExpression, parse_expression};
pub use layout::{
    Direction, MigrationName, SqlMigrationFile, diesel_run_in_transaction, extract_migration_file, parse_name,
};
