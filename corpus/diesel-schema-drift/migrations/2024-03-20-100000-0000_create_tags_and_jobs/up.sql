CREATE TABLE tags (
    id BIGSERIAL PRIMARY KEY,
    label TEXT NOT NULL UNIQUE
);

-- Owned by the worker, and filtered out of this crate's schema.rs.
CREATE TABLE job_queue (
    id BIGSERIAL PRIMARY KEY,
    payload JSONB NOT NULL,
    run_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
