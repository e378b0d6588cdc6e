SET lock_timeout = '5s';
ALTER TABLE documents DROP COLUMN owner_email;
