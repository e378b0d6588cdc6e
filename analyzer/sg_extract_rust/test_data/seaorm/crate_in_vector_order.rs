//! A migration crate whose vector order differs from its file names, with Iden enums in
//! their own module, overrides, an enum type, a foreign key, raw SQL, an existence guard, a
//! backend branch and a loop.
//- migration/src/lib.rs
pub use sea_orm_migration::prelude::*;

mod iden;
mod m20240101_000001_create_accounts;
mod m20240101_000002_create_invoices;
mod m20240102_000001_create_status_type;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            // The enum must exist before the invoices table: the vector says so, not the names.
            Box::new(m20240102_000001_create_status_type::Migration),
            Box::new(m20240101_000001_create_accounts::Migration),
            Box::new(m20240101_000002_create_invoices::Migration),
        ]
    }
}
//- migration/src/iden.rs
use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
pub enum Account {
    Table,
    Id,
    #[sea_orm(iden = "display_name")]
    Name,
    ETag,
}

#[derive(Iden)]
pub enum InvoiceIden {
    #[iden = "invoice"]
    Table,
    Id,
    AccountId,
    Status,
    AmountCents,
    Note,
}

#[derive(DeriveIden)]
pub struct InvoiceStatus;
//- migration/src/m20240102_000001_create_status_type.rs
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::extension::postgres::Type;

use crate::iden::InvoiceStatus;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_type(
                Type::create()
                    .as_enum(InvoiceStatus)
                    .values([Alias::new("draft"), Alias::new("paid")])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_type(Type::drop().name(InvoiceStatus).to_owned()).await
    }
}
//- migration/src/m20240101_000001_create_accounts.rs
use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Account;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .if_not_exists()
                    .col(pk_auto(Account::Id))
                    .col(string_uniq(Account::Name))
                    .col(string_len_null(Account::ETag, 64))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Account::Table).to_owned()).await
    }
}
//- migration/src/m20240101_000002_create_invoices.rs
use sea_orm_migration::prelude::*;

use crate::iden::{Account, InvoiceIden, InvoiceStatus};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InvoiceIden::Table)
                    .col(
                        ColumnDef::new(InvoiceIden::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(InvoiceIden::AccountId).integer().not_null())
                    .col(
                        ColumnDef::new(InvoiceIden::Status)
                            .custom(InvoiceStatus)
                            .not_null()
                            .default("draft"),
                    )
                    .col(ColumnDef::new(InvoiceIden::AmountCents).big_integer().not_null().default(0))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_invoice_account")
                            .from(InvoiceIden::Table, InvoiceIden::AccountId)
                            .to(Account::Table, Account::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        db.execute_unprepared("CREATE INDEX invoice_account_idx ON invoice (account_id)")
            .await?;

        if !manager.has_column("invoice", "note").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(InvoiceIden::Table)
                        .add_column(ColumnDef::new(InvoiceIden::Note).text())
                        .to_owned(),
                )
                .await?;
        }

        if manager.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared("PRAGMA foreign_keys = 1").await?;
        } else {
            db.execute(Statement::from_string(
                manager.get_database_backend(),
                "ALTER TABLE invoice ENABLE ROW LEVEL SECURITY".to_owned(),
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["invoice"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
