CREATE TABLE teams (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    slug text NOT NULL,
    UNIQUE (tenant_id, slug),
    UNIQUE (tenant_id, id)
);

CREATE TABLE members (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id bigint NOT NULL,
    team_id bigint NOT NULL,
    email text NOT NULL,
    avatar_blob bytea,
    FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
