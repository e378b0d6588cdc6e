DROP TABLE invite;
DROP SEQUENCE invite_code_seq;
DROP TABLE user_;
