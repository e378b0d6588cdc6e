SET lock_timeout = '5s';
ALTER TABLE teams RENAME COLUMN handle TO slug;
