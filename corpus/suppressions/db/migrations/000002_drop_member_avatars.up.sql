SET lock_timeout = '5s';
-- schemagraph: allow drop-column, irreversible-data-loss -- avatars moved to object storage in 4.2, and no release since reads the column
ALTER TABLE members DROP COLUMN avatar_blob;
