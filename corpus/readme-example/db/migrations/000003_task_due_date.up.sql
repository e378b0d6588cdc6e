ALTER TABLE tasks ADD COLUMN due_on date NOT NULL;
CREATE INDEX tasks_due_on_idx ON tasks (due_on);
