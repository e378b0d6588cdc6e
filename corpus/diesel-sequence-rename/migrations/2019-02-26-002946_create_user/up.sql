CREATE TABLE user_ (
    id   serial PRIMARY KEY,
    name varchar(20) NOT NULL
);
CREATE SEQUENCE invite_code_seq;
CREATE TABLE invite (
    code    bigint PRIMARY KEY DEFAULT nextval('invite_code_seq'),
    user_id int NOT NULL REFERENCES user_ (id)
);
CREATE INDEX invite_user_id_idx ON invite (user_id);
