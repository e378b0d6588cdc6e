//! The first tables.

use sea_orm_migration::prelude::*;

use crate::iden::{CrateIden, CrateMetaIden};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CrateIden::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(CrateIden::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(CrateIden::Name).text().not_null().unique_key())
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CrateMetaIden::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(CrateMetaIden::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(CrateMetaIden::Version).text().not_null())
                    .col(ColumnDef::new(CrateMetaIden::CrateFk).big_integer().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .name("crate_fk")
                            .from(CrateMetaIden::Table, CrateMetaIden::CrateFk)
                            .to(CrateIden::Table, CrateIden::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name("idx-crate-meta-crate").table(CrateMetaIden::Table).col(CrateMetaIden::CrateFk).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CrateMetaIden::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CrateIden::Table).to_owned()).await
    }
}
