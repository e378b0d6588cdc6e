//! The migration CLI (`cargo run -p migration -- up`).

use sea_orm_migration::prelude::*;

#[async_std::main]
async fn main() {
    cli::run_cli(migration::Migrator).await;
}
