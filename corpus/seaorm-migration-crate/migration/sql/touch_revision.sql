-- Saving a revision bumps nothing on the document but its search vector, through the
-- generated column; the trigger only keeps revisions in order.
CREATE FUNCTION touch_document () RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.saved_at := greatest(NEW.saved_at, now());
    RETURN NEW;
END;
$$;

CREATE TRIGGER document_revision_touch
    BEFORE INSERT ON document_revision
    FOR EACH ROW EXECUTE FUNCTION touch_document ();
