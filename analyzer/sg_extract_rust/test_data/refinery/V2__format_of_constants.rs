//! SQL built with format! and + from constants, a local and escapes: resolved.
const TABLE: &str = "audit_logs";
const TENANTS: &str = "tenants";

pub fn migration() -> String {
    let fk = "REFERENCES tenants (id)";
    format!(
        r#"CREATE TABLE {TABLE} (
    id bigserial PRIMARY KEY,
    tenant_id uuid NOT NULL {},
    message text
);
"#,
        fk,
    ) + &format!("ALTER TABLE {t} ADD COLUMN note text;\n\tALTER TABLE {TABLE} \
                  ADD COLUMN source text;", t = TENANTS)
}
