//! The language server's workspace: an edit rebuilds only the stream it touches.

use std::collections::BTreeMap;
use std::sync::Arc;

use sg_engine::{Config, MemoryFs, OverlayFs, SourceFs, Workspace};

fn base() -> MemoryFs {
    MemoryFs::from_fixture(
        r#"
//- billing/migrations/000001_invoices.up.sql
CREATE TABLE invoices (id bigint PRIMARY KEY);
//- accounts/migrations/000001_accounts.up.sql
CREATE TABLE accounts (id bigint PRIMARY KEY);
"#,
    )
}

fn rules(ws: &Workspace) -> Vec<(&str, &str)> {
    let a = ws.analysis();
    a.diagnostics.iter().map(|d| (d.finding.rule, a.files.path(d.finding.span.file))).collect()
}

#[test]
fn an_edit_rebuilds_only_its_stream() {
    let base = base();
    let mut overlay: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let config = Config { select: vec!["integrity".into()], ..Config::default() };
    let mut ws = Workspace::new(&OverlayFs { base: &base, overlay: &overlay }, config);
    assert_eq!(ws.rebuilt().len(), 2);
    assert!(rules(&ws).is_empty());
    let accounts_before = ws.analysis().streams.iter().find(|s| s.info.id == "accounts/migrations").cloned().unwrap();

    let edited = "billing/migrations/000001_invoices.up.sql".to_owned();
    overlay.insert(
        edited.clone(),
        b"CREATE TABLE invoices (id bigint PRIMARY KEY);\nALTER TABLE ledger ADD x int;\n".to_vec(),
    );
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&edited));
    assert_eq!(ws.rebuilt(), ["billing/migrations"]);
    assert_eq!(rules(&ws), vec![("dangling-reference", edited.as_str())]);
    let accounts_after = ws.analysis().streams.iter().find(|s| s.info.id == "accounts/migrations").cloned().unwrap();
    assert!(Arc::ptr_eq(&accounts_before, &accounts_after), "the untouched stream is reused, not rebuilt");

    // A new file joins its stream, which is rebuilt; the other is still reused.
    let added = "billing/migrations/000002_ledger.up.sql".to_owned();
    overlay.insert(added.clone(), b"CREATE TABLE ledger (id bigint PRIMARY KEY);\n".to_vec());
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&added));
    assert_eq!(ws.rebuilt(), ["billing/migrations"]);
    assert_eq!(rules(&ws), vec![("reference-before-creation", edited.as_str())]);

    // Undoing the edit clears the finding.
    overlay.remove(&edited);
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&edited));
    assert!(rules(&ws).is_empty(), "{:?}", rules(&ws));
}

#[test]
fn editing_a_rust_migration_or_schema_rs_rebuilds_its_stream() {
    let base = MemoryFs::from_fixture(
        r#"
//- app/Cargo.toml
[package]
name = "app"
//- app/diesel.toml
[print_schema]
file = "src/schema.rs"
//- app/migrations/2024-01-01-000000_users/up.sql
CREATE TABLE users (id bigint PRIMARY KEY);
//- app/src/schema.rs
diesel::table! { users (id) { id -> Int8, } }
//- migration/Cargo.toml
[package]
name = "migration"
//- migration/src/lib.rs
pub use sea_orm_migration::prelude::*;
mod m1;
pub struct Migrator;
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> { vec![Box::new(m1::Migration)] }
}
//- migration/src/m1.rs
use sea_orm_migration::prelude::*;
#[derive(DeriveMigrationName)]
pub struct Migration;
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("CREATE TABLE posts (id int)").await?;
        Ok(())
    }
}
"#,
    );
    let mut overlay: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let config = Config { select: vec!["drift".into(), "integrity".into()], ..Config::default() };
    let mut ws = Workspace::new(&OverlayFs { base: &base, overlay: &overlay }, config);
    assert_eq!(ws.rebuilt(), ["app/migrations", "migration"]);
    assert!(rules(&ws).is_empty(), "{:?}", rules(&ws));

    let migration = "migration/src/m1.rs".to_owned();
    let text = String::from_utf8(base.read(&migration).unwrap()).unwrap();
    overlay.insert(
        migration.clone(),
        text.replace("CREATE TABLE posts (id int)", "ALTER TABLE posts ADD x int").into_bytes(),
    );
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&migration));
    assert_eq!(ws.rebuilt(), ["migration"]);
    assert_eq!(rules(&ws), vec![("dangling-reference", migration.as_str())]);

    let schema = "app/src/schema.rs".to_owned();
    overlay.insert(schema.clone(), b"diesel::table! { users (id) { id -> Int8, name -> Text, } }\n".to_vec());
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&schema));
    assert_eq!(ws.rebuilt(), ["app/migrations"]);
    assert!(rules(&ws).contains(&("model-migration-drift", schema.as_str())), "{:?}", rules(&ws));
}

#[test]
fn editing_a_go_migration_its_package_or_a_gorm_model_rebuilds_its_stream() {
    let base = MemoryFs::from_fixture(
        r#"
//- db/migrations/00001_tenants.sql
-- +goose Up
CREATE TABLE tenants (id bigint PRIMARY KEY);
//- db/migrations/00002_projects.go
package migrations

import (
	"context"
	"database/sql"

	"github.com/pressly/goose/v3"
)

func init() { goose.AddMigrationContext(up, nil) }

func up(ctx context.Context, tx *sql.Tx) error { return createProjects(ctx, tx) }
//- db/migrations/helpers.go
package migrations

import (
	"context"
	"database/sql"
)

func createProjects(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "CREATE TABLE projects (id bigint PRIMARY KEY, tenant_id bigint REFERENCES tenants (id))")
	return err
}
//- shop/go.mod
module example.com/shop

go 1.22
//- shop/main.go
package main

import (
	"gorm.io/driver/postgres"
	"gorm.io/gorm"

	"example.com/shop/models"
)

func main() {
	db, _ := gorm.Open(postgres.Open(""), &gorm.Config{})
	db.AutoMigrate(&models.Product{})
}
//- shop/models/product.go
package models

type Product struct {
	ID   uint   `gorm:"primaryKey"`
	Name string `gorm:"not null"`
}
"#,
    );
    let mut overlay: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let config = Config { select: vec!["integrity".into()], ..Config::default() };
    let mut ws = Workspace::new(&OverlayFs { base: &base, overlay: &overlay }, config);
    let mut streams: Vec<&str> = ws.analysis().streams.iter().map(|s| s.info.id.as_str()).collect();
    streams.sort();
    assert_eq!(streams, ["db/migrations", "shop"], "the goose stream and the AutoMigrate stream");
    assert!(rules(&ws).is_empty(), "{:?}", rules(&ws));

    // The helper in another file of the package is what the migration runs.
    let helper = "db/migrations/helpers.go".to_owned();
    let text = String::from_utf8(base.read(&helper).expect("fixture file")).expect("UTF-8");
    overlay.insert(helper.clone(), text.replace("REFERENCES tenants", "REFERENCES tenant").into_bytes());
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&helper));
    assert_eq!(ws.rebuilt(), ["db/migrations"]);
    assert_eq!(rules(&ws), vec![("dangling-reference", helper.as_str())]);

    // A model file is read by the AutoMigrate stream.
    let model = "shop/models/product.go".to_owned();
    let text = String::from_utf8(base.read(&model).expect("fixture file")).expect("UTF-8");
    overlay.insert(model.clone(), text.replace("Name string", "Name string\n\tSKU  string").into_bytes());
    ws.update(&OverlayFs { base: &base, overlay: &overlay }, std::slice::from_ref(&model));
    assert_eq!(ws.rebuilt(), ["shop"]);
}
