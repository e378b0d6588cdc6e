ALTER TYPE project_status ADD VALUE 'draft' BEFORE 'active';
ALTER TYPE project_status ADD VALUE 'paused' AFTER 'active';
ALTER TYPE project_status ADD VALUE IF NOT EXISTS 'deleted';
ALTER TYPE project_status RENAME VALUE 'archived' TO 'closed';
-- The column default names the label by identity: it now reads 'in_progress'.
ALTER TYPE project_status RENAME VALUE 'active' TO 'in_progress';
