//! include_str!, SQL made at run time, a helper taking the manager, a builder changed by
//! later statements, .extra(...), and rows written through the connection.
//- migration/src/lib.rs
pub use sea_orm_migration::prelude::*;

mod m20240301_000001_raw;

pub struct Migrator;

impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut migrations: Vec<Box<dyn MigrationTrait>> = vec![];
        migrations.push(Box::new(m20240301_000001_raw::Migration));
        migrations
    }
}
//- migration/src/m20240301_000001_raw.rs
use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20240301_000001_raw_sql"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let conn = manager.get_connection();
        conn.execute_unprepared(include_str!("../sql/0001_up.sql")).await?;
        let suffix = std::env::var("SUFFIX").unwrap();
        conn.execute_unprepared(&format!("CREATE TABLE t_{suffix} (id int)")).await?;
        create_helpers(manager).await?;
        backfill(manager.get_connection()).await?;

        // A helper declared inside the function body is followed too.
        async fn seed(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
            db.execute_unprepared("INSERT INTO settings (k, v) VALUES ('theme', 'dark')").await?;
            Ok(())
        }
        seed(conn).await?;
        manager.exec_stmt(Query::insert().into_table(Alias::new("settings")).columns([Alias::new("k")]).values_panic(["v".into()]).to_owned()).await?;
        Ok(())
    }
}

// Rows written through the migration's connection: data changes, in a loop or not.
async fn backfill(db: &SchemaManagerConnection<'_>) -> Result<(), DbErr> {
    for row in settings::Entity::find().all(db).await? {
        let mut model: settings::ActiveModel = row.into();
        model.v = Set(model.v.take().unwrap_or_default().trim().to_owned());
        model.update(db).await?;
    }
    settings::Entity::delete_many().filter(settings::Column::V.eq("")).exec(db).await?;
    Ok(())
}

async fn create_helpers(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let mut table = Table::create();
    table.table(Alias::new("helpers")).if_not_exists();
    table.col(ColumnDef::new(Alias::new("id")).uuid().not_null().primary_key().extra("DEFAULT gen_random_uuid()"));
    manager.create_table(table).await
}
//- migration/sql/0001_up.sql
CREATE TABLE settings (
    k text PRIMARY KEY,
    v text NOT NULL
);
ALTER TABLE settings ADD COLUMN ;
