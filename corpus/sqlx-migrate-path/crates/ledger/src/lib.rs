//! The ledger keeps its own SQLite database; its schema changes live in `store/`.

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

/// Embedded at compile time from `crates/ledger/store`, relative to this crate's root.
pub static MIGRATOR: Migrator = sqlx::migrate!("store");

pub async fn open(url: &str) -> Result<SqlitePool, sqlx::Error> {
    let pool = SqlitePool::connect(url).await?;
    MIGRATOR.run(&pool).await?;
    Ok(pool)
}
