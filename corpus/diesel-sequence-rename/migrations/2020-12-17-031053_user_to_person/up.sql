SET lock_timeout = '5s';
-- The table's rename leaves its sequence's name behind; renaming the sequence too makes
-- the default read nextval('person_id_seq'::regclass).
ALTER TABLE user_ RENAME TO person;
ALTER SEQUENCE user__id_seq RENAME TO person_id_seq;
CREATE SCHEMA codes;
ALTER SEQUENCE invite_code_seq SET SCHEMA codes;
