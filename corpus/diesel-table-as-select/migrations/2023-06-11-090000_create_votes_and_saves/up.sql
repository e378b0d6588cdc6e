CREATE TABLE post_like (
    person_id int NOT NULL REFERENCES person ON DELETE CASCADE,
    post_id int NOT NULL REFERENCES post ON DELETE CASCADE,
    score smallint NOT NULL,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);

CREATE TABLE post_saved (
    person_id int NOT NULL REFERENCES person ON DELETE CASCADE,
    post_id int NOT NULL REFERENCES post ON DELETE CASCADE,
    published timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, post_id)
);
