//! The MySQL backend: varchar(255), int, an inline ENUM, and a match on the backend.
//- migration/src/lib.rs
// dialect: mysql
pub use sea_orm_migration::prelude::*;

mod m20240101_000001_users;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20240101_000001_users::Migration)]
    }
}
//- migration/src/m20240101_000001_users.rs
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    Role,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(pk_auto(Users::Id))
                    .col(string(Users::Email))
                    .col(enumeration(Users::Role, Alias::new("role"), [Alias::new("admin"), Alias::new("member")]))
                    .to_owned(),
            )
            .await?;
        match manager.get_database_backend() {
            DbBackend::MySql => {
                manager
                    .create_index(Index::create().name("users_email_idx").table(Users::Table).col(Users::Email).unique().to_owned())
                    .await
            }
            DbBackend::Postgres | DbBackend::Sqlite => Ok(()),
        }
    }
}
