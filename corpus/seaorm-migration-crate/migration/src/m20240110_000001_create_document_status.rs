//! The document status enum, a PostgreSQL type.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_query::extension::postgres::Type;

use crate::iden::{DocumentStatus, DocumentStatusVariant};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_type(
                Type::create()
                    .as_enum(DocumentStatus)
                    .values([DocumentStatusVariant::Draft, DocumentStatusVariant::Published, DocumentStatusVariant::Archived])
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_type(Type::drop().name(DocumentStatus).to_owned()).await
    }
}
