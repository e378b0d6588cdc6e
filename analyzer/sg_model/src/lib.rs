//! The schema model: one vocabulary for every language schemagraph reads.
//!
//! Extractors turn source files into [`Migration`]s made of [`Op`]s; [`replay`] applies
//! them to a [`Schema`]; [`graph`] builds the foreign-key graph of a state; rules read all of
//! that and write [`Finding`]s.
//!
//! Invariant: this crate does no IO, knows no file paths (only [`FileId`]s) and depends on
//! no parser.

pub mod expr;
pub mod finding;
pub mod graph;
pub mod ident;
pub mod literal;
pub mod migration;
pub mod naming;
pub mod op;
pub mod replay;
pub mod schema;
pub mod span;
pub mod text;
pub mod types;

pub use expr::Expr;
pub use finding::{Edit, Finding, Fix, Related, Severity};
pub use graph::{FkCycle, FkEdge, FkGraph};
pub use ident::{Dialect, Ident, ObjectName, QualifiedName};
pub use migration::{Layout, Migration, OrderKey};
pub use op::{Op, OpKind};
pub use replay::{Dependent, ObjectKey, ReplayEvent, Replayer};
pub use schema::{Column, ForeignKey, Index, Origin, Schema, Table};
pub use span::{FileId, OffsetMap, Span};
pub use text::{LineCol, LineIndex};
pub use types::{SqlType, TypeFamily};
