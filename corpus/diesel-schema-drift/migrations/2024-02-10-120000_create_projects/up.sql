-- Two keys to users: diesel's print-schema writes no joinable! for either.
CREATE TABLE projects (
    id BIGSERIAL PRIMARY KEY,
    owner_id BIGINT NOT NULL REFERENCES users (id),
    created_by BIGINT NOT NULL REFERENCES users (id),
    name VARCHAR(200) NOT NULL,
    archived_at TIMESTAMPTZ
);

CREATE INDEX projects_owner_id_idx ON projects (owner_id);
CREATE INDEX projects_created_by_idx ON projects (created_by);
