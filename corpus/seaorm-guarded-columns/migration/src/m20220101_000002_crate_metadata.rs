//! New columns, added only where missing (SQLite has no ADD COLUMN IF NOT EXISTS), then
//! filled in from the index by a helper declared inside `up`.

use sea_orm_migration::prelude::*;
use tracing::debug;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.has_column("crate_meta", "readme").await? {
            debug!("Column crate_meta.readme already exists");
        } else {
            manager
                .alter_table(
                    Table::alter()
                        .table(CrateMetaIden::Table)
                        .add_column_if_not_exists(ColumnDef::new(CrateMetaIden::Readme).text().null())
                        .to_owned(),
                )
                .await?;
        }

        if !manager.has_column("krate", "description").await? {
            manager
                .alter_table(
                    Table::alter()
                        .table(CrateIden::Table)
                        .add_column_if_not_exists(ColumnDef::new(CrateIden::Description).text().null())
                        .add_column_if_not_exists(ColumnDef::new(CrateIden::Homepage).text().null())
                        .to_owned(),
                )
                .await?;
        }

        async fn fill(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
            let rows = db
                .query_all(Statement::from_string(db.get_database_backend(), "SELECT id, name FROM krate"))
                .await?;
            for row in rows {
                let id: i64 = row.try_get("", "id")?;
                db.execute(Statement::from_sql_and_values(
                    db.get_database_backend(),
                    "UPDATE krate SET description = $1 WHERE id = $2",
                    [format!("crate {id}").into(), id.into()],
                ))
                .await?;
            }
            Ok(())
        }
        fill(manager.get_connection()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The description and homepage live on `krate`, not on `crate_meta`.
        manager
            .alter_table(
                Table::alter()
                    .table(CrateMetaIden::Table)
                    .drop_column(CrateMetaIden::Readme)
                    .drop_column(CrateIden::Description)
                    .drop_column(CrateIden::Homepage)
                    .to_owned(),
            )
            .await
    }
}

// The migration keeps its own copy of the names it uses, as the project did.
#[derive(Iden)]
pub enum CrateIden {
    #[iden = "krate"]
    Table,
    Description,
    Homepage,
}

#[derive(Iden)]
pub enum CrateMetaIden {
    #[iden = "crate_meta"]
    Table,
    Readme,
}
