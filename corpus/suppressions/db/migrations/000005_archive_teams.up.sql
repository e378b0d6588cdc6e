SET lock_timeout = '5s';
-- schemagraph: allow drop-table -- copied from the migration that retired team_invites
ALTER TABLE teams ADD COLUMN archived_at timestamptz;
-- schemagraph: allow fk-cylce -- teams and members reference each other on purpose
ALTER TABLE teams ADD COLUMN archived_by bigint;
