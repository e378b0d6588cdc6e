-- A validated constraint cannot be made NOT VALID again; re-adding it restores the state.
ALTER TABLE orders DROP CONSTRAINT orders_reference_check;
ALTER TABLE orders ADD CONSTRAINT orders_reference_check CHECK (reference <> '') NOT VALID;
