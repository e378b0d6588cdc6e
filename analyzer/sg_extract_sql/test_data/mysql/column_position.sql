ALTER TABLE users ADD COLUMN nickname varchar(40) AFTER email, ADD COLUMN tenant_id bigint NOT NULL FIRST;
ALTER TABLE users MODIFY COLUMN email varchar(320) NOT NULL AFTER tenant_id;
ALTER TABLE users CHANGE COLUMN nickname display_name varchar(60) FIRST;
ALTER TABLE users ADD COLUMN bio text;
