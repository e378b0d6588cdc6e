//! Full-text search, in SQL: a generated column, its index, and a trigger function.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE document ADD COLUMN search tsvector
                GENERATED ALWAYS AS (to_tsvector('simple', title || ' ' || body)) STORED",
        )
        .await?;
        db.execute(Statement::from_string(
            manager.get_database_backend(),
            "CREATE INDEX idx_document_search ON document USING gin (search)".to_owned(),
        ))
        .await?;
        db.execute_unprepared(include_str!("../sql/touch_revision.sql")).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "DROP TRIGGER document_revision_touch ON document_revision;
             DROP FUNCTION touch_document;
             DROP INDEX idx_document_search;
             ALTER TABLE document DROP COLUMN search;",
        )
        .await?;
        Ok(())
    }
}
