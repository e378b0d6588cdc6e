-- Every customer organisation is a tenant. The owner is filled in once the first user
-- exists (see 000004), so the column starts out nullable and without a key.
CREATE TABLE tenants (
    id            bigserial PRIMARY KEY,
    slug          text NOT NULL UNIQUE,
    display_name  text NOT NULL,
    owner_user_id bigint,
    created_at    timestamptz NOT NULL DEFAULT now()
);
