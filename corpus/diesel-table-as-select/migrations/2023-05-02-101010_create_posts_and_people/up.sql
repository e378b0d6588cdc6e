CREATE TABLE person (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE
);

CREATE TABLE post (
    id serial PRIMARY KEY,
    creator_id int NOT NULL REFERENCES person ON DELETE CASCADE,
    title text NOT NULL
);
