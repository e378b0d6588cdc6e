//! The language server's workspace: an edit rebuilds only the stream it touches.

use std::collections::BTreeMap;
use std::sync::Arc;

use sg_engine::{Config, MemoryFs, OverlayFs, Workspace};

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
