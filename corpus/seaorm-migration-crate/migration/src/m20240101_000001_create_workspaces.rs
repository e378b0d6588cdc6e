//! Workspaces, with sea-orm-migration's column helpers.

use sea_orm_migration::{prelude::*, schema::*};

use crate::iden::Workspace;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Workspace::Table)
                    .if_not_exists()
                    .col(pk_auto(Workspace::Id))
                    .col(string_len_uniq(Workspace::Slug, 64))
                    .col(string(Workspace::DisplayName))
                    .col(timestamp_with_time_zone(Workspace::CreatedAt).default(Expr::current_timestamp()))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Workspace::Table).to_owned()).await
    }
}
