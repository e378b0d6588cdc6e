ALTER TABLE users ADD COLUMN full_name text;
ALTER TABLE users ADD COLUMN locale varchar(16) NOT NULL DEFAULT 'en';
