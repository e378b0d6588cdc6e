//! Documents and their revisions: foreign keys inline and through the manager.

use sea_orm_migration::prelude::*;

use crate::iden::{Document, DocumentStatus, RevisionIden, Workspace};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Document::Table)
                    .if_not_exists()
                    .col(ColumnDef::new(Document::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(Document::WorkspaceId).integer().not_null())
                    .col(ColumnDef::new(Document::Title).string_len(300).not_null())
                    .col(ColumnDef::new(Document::Status).custom(DocumentStatus).not_null().default("draft"))
                    .col(ColumnDef::new(Document::FolderId).big_integer())
                    .col(ColumnDef::new(Document::Body).text().not_null().default(""))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_document_workspace")
                            .from(Document::Table, Document::WorkspaceId)
                            .to(Workspace::Table, Workspace::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // A folder is a document too.
        manager
            .create_foreign_key(
                ForeignKey::create()
                    .name("fk_document_parent")
                    .from(Document::Table, Document::FolderId)
                    .to(Document::Table, Document::Id)
                    .on_delete(ForeignKeyAction::SetNull)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(RevisionIden::Table)
                    .col(ColumnDef::new(RevisionIden::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(RevisionIden::DocumentId).big_integer().not_null())
                    .col(ColumnDef::new(RevisionIden::Body).text().not_null())
                    .col(ColumnDef::new(RevisionIden::SavedAt).timestamp_with_time_zone().not_null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(RevisionIden::Table, RevisionIden::DocumentId)
                            .to(Document::Table, Document::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_index(
                Index::create()
                    .name("idx_document_workspace_title")
                    .table(Document::Table)
                    .col(Document::WorkspaceId)
                    .col(Document::Title)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(Index::create().name("idx_document_parent").table(Document::Table).col(Document::FolderId).to_owned())
            .await?;
        manager
            .create_index(
                Index::create().name("idx_revision_document").table(RevisionIden::Table).col(RevisionIden::DocumentId).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(RevisionIden::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(Document::Table).to_owned()).await
    }
}
