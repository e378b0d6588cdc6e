//! The migrator: its vector, not the file names, is the order the migrations run in.

pub use sea_orm_migration::prelude::*;

mod iden;
mod m20240101_000001_create_workspaces;
mod m20240105_000001_create_documents;
mod m20240110_000001_create_document_status;
mod m20240201_000001_document_search;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20240101_000001_create_workspaces::Migration),
            // Written later but must run before the documents, which use the type.
            Box::new(m20240110_000001_create_document_status::Migration),
            Box::new(m20240105_000001_create_documents::Migration),
            Box::new(m20240201_000001_document_search::Migration),
        ]
    }
}
