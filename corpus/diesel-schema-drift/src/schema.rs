// @generated automatically by Diesel CLI.

diesel::table! {
    invoices (id) {
        id -> Int8,
        project_id -> Int8,
        amount_cents -> Int8,
        status -> Text,
        issued_by -> Int8,
        paid_at -> Nullable<Timestamptz>,
    }
}

diesel::table! {
    projects (id) {
        id -> Int8,
        owner_id -> Int8,
        created_by -> Int8,
        #[max_length = 200]
        name -> Varchar,
        archived_at -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        id -> Int8,
        handle -> Text,
        display_name -> Nullable<Text>,
        created_at -> Timestamptz,
    }
}

diesel::joinable!(invoices -> projects (project_id));
diesel::joinable!(invoices -> users (issued_by));

diesel::allow_tables_to_appear_in_same_query!(invoices, projects, users,);
