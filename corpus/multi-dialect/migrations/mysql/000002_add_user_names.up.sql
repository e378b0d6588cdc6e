ALTER TABLE users ADD COLUMN display_name varchar(100) AFTER email;
