SET lock_timeout = '5s';
ALTER TABLE documents ADD COLUMN owner_email text;
