//! A table! that does not parse and a joinable! without its column: both are reported, the
//! rest is read.
table! {
    users (id) {
        id -> Int4,
        name -> ,
    }
}

table! {
    posts (id) {
        id -> Int4,
        author_id -> Int4,
    }
}

joinable!(posts -> users);
