// @generated automatically by Diesel CLI.

diesel::table! {
    person (id) {
        id -> Int4,
        name -> Text,
    }
}

diesel::table! {
    post (id) {
        id -> Int4,
        creator_id -> Int4,
        title -> Text,
    }
}

diesel::table! {
    post_actions (person_id, post_id) {
        person_id -> Int4,
        post_id -> Int4,
        liked_at -> Nullable<Timestamptz>,
        saved_at -> Nullable<Timestamptz>,
        vote_is_upvote -> Nullable<Bool>,
    }
}

diesel::joinable!(post -> person (creator_id));
diesel::joinable!(post_actions -> person (person_id));
diesel::joinable!(post_actions -> post (post_id));

diesel::allow_tables_to_appear_in_same_query!(person, post, post_actions,);
