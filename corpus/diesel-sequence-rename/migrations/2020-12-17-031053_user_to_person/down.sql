SET lock_timeout = '5s';
ALTER SEQUENCE codes.invite_code_seq SET SCHEMA public;
DROP SCHEMA codes;
ALTER SEQUENCE person_id_seq RENAME TO user__id_seq;
ALTER TABLE person RENAME TO user_;
