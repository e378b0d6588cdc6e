//! The archive table is built with barrel.

use barrel::backend::Pg;
use barrel::{types, Migration};

pub fn migration() -> String {
    let mut m = Migration::new();
    m.create_table("event_archive", |t| {
        t.add_column("event_id", types::integer());
        t.add_column("archived_at", types::custom("timestamptz"));
    });
    m.make::<Pg>()
}
