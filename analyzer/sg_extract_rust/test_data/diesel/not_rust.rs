//! A file syn cannot parse: one located finding, nothing declared.
diesel::table! {
    users (id) {
        id -> Int4,
    }
}

fn broken( {
