//! The registry's migrations; they run on PostgreSQL and on SQLite.

pub use sea_orm_migration::prelude::*;

pub mod iden;
mod m20220101_000001_create_tables;
mod m20220101_000002_crate_metadata;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20220101_000001_create_tables::Migration),
            Box::new(m20220101_000002_crate_metadata::Migration),
        ]
    }
}
