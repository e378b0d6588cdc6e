-- PostgreSQL cannot drop an enum value: recreate the type with the old values.
ALTER TYPE project_status RENAME VALUE 'in_progress' TO 'active';
ALTER TYPE project_status RENAME VALUE 'closed' TO 'archived';
ALTER TABLE projects ALTER COLUMN status DROP DEFAULT;
ALTER TYPE project_status RENAME TO project_status_old;
CREATE TYPE project_status AS ENUM ('active', 'archived');
ALTER TABLE projects ALTER COLUMN status TYPE project_status USING status::text::project_status;
ALTER TABLE projects ALTER COLUMN status SET DEFAULT 'active';
DROP TYPE project_status_old;
