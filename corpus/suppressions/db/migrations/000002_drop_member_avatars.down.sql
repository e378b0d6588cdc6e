SET lock_timeout = '5s';
ALTER TABLE members ADD COLUMN avatar_blob bytea;
