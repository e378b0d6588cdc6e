//! The language server: `schemagraph lsp` on stdio, with lsp-server and lsp-types.
//!
//! It analyzes the workspace folder on initialize and publishes diagnostics for every
//! migration file; it re-analyzes on open, change (the unsaved buffer wins), save and
//! close, rebuilding only the stream the file belongs to; it answers pull diagnostics,
//! hover (a table or column as it stands just before the migration), go to definition (the
//! migration that created it) and code actions ("allow RULE here", and a rule's fix).
//!
//! Invariant: this crate is the only one that knows LSP.

mod actions;
mod convert;
mod lookup;
mod server;

pub use server::serve;

/// Runs the server on standard input and output.
pub fn run_stdio() -> Result<(), String> {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    serve(connection)?;
    io_threads.join().map_err(|e| e.to_string())
}
