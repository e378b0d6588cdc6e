-- +goose Up
-- The function body is full of semicolons; goose sends everything between
-- StatementBegin and StatementEnd as one statement.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION record_project_change() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    affected projects%ROWTYPE;
BEGIN
    IF TG_OP = 'DELETE' THEN
        affected := OLD;
    ELSE
        affected := NEW;
        NEW.updated_at := now();
    END IF;
    INSERT INTO audit_logs (tenant_id, table_name, row_id, action)
    VALUES (affected.tenant_id, TG_TABLE_NAME, affected.id, TG_OP);
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER projects_audit
    BEFORE INSERT OR UPDATE OR DELETE ON projects
    FOR EACH ROW EXECUTE FUNCTION record_project_change();

-- +goose Down
DROP TRIGGER projects_audit ON projects;
-- +goose StatementBegin
DROP FUNCTION record_project_change();
-- +goose StatementEnd
