//! Table and column names shared by the migrations.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden)]
pub enum Workspace {
    Table,
    Id,
    Slug,
    DisplayName,
    CreatedAt,
}

#[derive(DeriveIden)]
pub enum Document {
    Table,
    Id,
    WorkspaceId,
    Title,
    Status,
    // The column predates the rename of "parent" to "folder" in the application.
    #[sea_orm(iden = "parent_id")]
    FolderId,
    Body,
}

/// Written with sea-query's own derive, which names the table on the enum.
#[derive(Iden)]
#[iden = "document_revision"]
pub enum RevisionIden {
    Table,
    Id,
    #[iden = "doc_id"]
    DocumentId,
    Body,
    SavedAt,
}

#[derive(DeriveIden)]
pub struct DocumentStatus;

#[derive(DeriveIden)]
pub enum DocumentStatusVariant {
    Draft,
    Published,
    Archived,
}
