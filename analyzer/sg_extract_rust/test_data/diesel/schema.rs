//! A schema.rs as diesel print-schema writes it: sql_types, Nullable, max_length, sql_name,
//! a schema-qualified table, the default primary key, and a joinable! to an unknown table.
// @generated automatically by Diesel CLI.

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "invoice_status"))]
    pub struct InvoiceStatus;

    #[derive(diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "ltree", schema = "extensions"))]
    pub struct Ltree;
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::InvoiceStatus;

    /// Rechnungen — one per project and month.
    invoices (id) {
        id -> Int8,
        project_id -> Int8,
        #[max_length = 3]
        currency -> Bpchar,
        amount_cents -> Int8,
        status -> InvoiceStatus,
        due_on -> Nullable<Date>,
        tags -> Array<Nullable<Text>>,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    projects (id) {
        id -> Int8,
        tenant_id -> Uuid,
        #[max_length = 200]
        name -> Varchar,
        #[sql_name = "type"]
        type_ -> Text,
        archived_at -> Nullable<Timestamptz>,
        settings -> Jsonb,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Ltree;

    audit.tenant_members (tenant_id, email) {
        tenant_id -> Uuid,
        email -> Text,
        path -> Ltree,
    }
}

diesel::table! {
    tenants {
        id -> Uuid,
        name -> Text,
    }
}

diesel::joinable!(invoices -> projects (project_id));
diesel::joinable!(projects -> tenants (tenant_id));
diesel::joinable!(projects -> nowhere (tenant_id));

diesel::allow_tables_to_appear_in_same_query!(invoices, projects, tenants,);
