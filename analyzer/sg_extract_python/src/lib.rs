//! The Python extractor: Alembic revision files to revision metadata, upgrade and
//! downgrade ops, and findings.
//!
//! A revision file is read, never run: tree-sitter-python parses it (the queries live in
//! `grammars/python/`), the module-level assignments give the revision identifiers and the
//! constants, and the bodies of `upgrade()` and `downgrade()` are walked statement by
//! statement. Each `op.*` call becomes the ops the DDL Alembic would emit for it describes;
//! SQL passed to `op.execute` goes through the SQL extractor with an offset map into the
//! Python file. Whatever depends on run time (loops, conditions, calls to helpers, f-strings)
//! becomes an `Opaque` op with the reason and an `unsupported-construct` finding, never a
//! guess.
//!
//! Invariant: extraction never fails. A file with syntax errors yields located findings and
//! whatever could still be read.

mod body;
mod py;
mod revision;
mod sa;
mod types;

pub use revision::{Revision, extract_revision};
