ALTER TABLE projects ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- The closing $$ was lost in a merge, so the body never ends: everything after the
-- opening $$ is part of one unterminated string.
CREATE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$ LANGUAGE plpgsql;

CREATE TRIGGER projects_touch BEFORE UPDATE ON projects
    FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
