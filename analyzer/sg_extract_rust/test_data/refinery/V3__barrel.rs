//! A barrel migration: its table builder is reported, inject_custom and the drop are read.
use barrel::backend::Pg;
use barrel::{types, Migration};

pub fn migration() -> String {
    let mut m = Migration::new();
    m.create_table("users", |t| {
        t.add_column("name", types::varchar(255));
    });
    m.inject_custom("CREATE INDEX users_name_idx ON users (name)");
    m.drop_table_if_exists("legacy_users");
    m.make::<Pg>()
}
