CREATE TABLE tenants (
    id bigserial PRIMARY KEY,
    public_id uuid NOT NULL DEFAULT gen_random_uuid(),
    slug varchar(63) NOT NULL UNIQUE,
    display_name character varying(200) NOT NULL,
    tier plan_tier NOT NULL DEFAULT 'free',
    settings jsonb NOT NULL DEFAULT '{}',
    feature_flags text[] NOT NULL DEFAULT '{}',
    allowed_ips inet[],
    seat_limit integer NOT NULL DEFAULT 5,
    max_projects smallint NOT NULL DEFAULT 10,
    utc_offset_minutes smallint DEFAULT -300,
    storage_quota_bytes bigint NOT NULL DEFAULT 10737418240,
    is_active boolean NOT NULL DEFAULT TRUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamp with time zone NOT NULL DEFAULT CURRENT_TIMESTAMP,
    trial_ends_on date,
    suspended_at timestamp
);

CREATE INDEX tenants_created_at_idx ON tenants (created_at);
