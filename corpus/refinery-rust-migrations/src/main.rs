//! The audit service applies its migrations from `db/sql` on startup.

mod embedded {
    use refinery::embed_migrations;
    embed_migrations!("db/sql");
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut client, connection) = tokio_postgres::connect(&std::env::var("DATABASE_URL")?, tokio_postgres::NoTls).await?;
    tokio::spawn(connection);
    embedded::migrations::runner().run_async(&mut client).await?;
    Ok(())
}
