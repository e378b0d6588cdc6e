DROP TABLE post;
DROP TABLE person;
