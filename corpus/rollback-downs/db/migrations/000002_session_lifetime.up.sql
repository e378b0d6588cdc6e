SET lock_timeout = '5s';
ALTER TABLE sessions ALTER COLUMN expires_at SET DEFAULT now() + interval '30 days';
ALTER TABLE accounts ADD COLUMN locale text;
