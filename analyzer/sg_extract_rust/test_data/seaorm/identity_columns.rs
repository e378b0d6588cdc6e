//! sea-query 1 (SeaORM 2): identity columns, table_auto, schema helpers and alter_table, in
//! an inline module (named `lib` after its file, as DeriveMigrationName does).
//- migration/src/lib.rs
// sea-query 1: auto-increment columns are identity columns.
pub use sea_orm_migration::prelude::*;

mod m1 {
    use sea_orm_migration::{prelude::*, schema::*};

    #[derive(DeriveMigrationName)]
    pub struct Migration;

    #[derive(DeriveIden)]
    enum Post {
        Table,
        Id,
        Title,
        Body,
    }

    #[async_trait::async_trait]
    impl MigrationTrait for Migration {
        async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
            manager
                .create_table(table_auto(Post::Table).col(big_pk_auto(Post::Id)).col(string(Post::Title)).to_owned())
                .await?;
            manager
                .alter_table(
                    Table::alter()
                        .table(Post::Table)
                        .add_column(text_null(Post::Body))
                        .modify_column(ColumnDef::new(Post::Title).string_len(300).not_null())
                        .rename_column(Post::Body, Alias::new("content"))
                        .to_owned(),
                )
                .await
        }
    }
}

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m1::Migration)]
    }
}
