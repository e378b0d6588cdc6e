//! The billing API: runs its embedded diesel migrations at startup.

mod schema;

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!();

fn main() {
    let mut conn = db::connect();
    conn.run_pending_migrations(MIGRATIONS).expect("migrations");
}
