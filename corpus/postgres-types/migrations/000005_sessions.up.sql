-- Defaults that are expressions: operators, AT TIME ZONE, arrays, an explicit nextval.
CREATE SEQUENCE session_serial_seq;

CREATE TABLE sessions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id uuid NOT NULL REFERENCES users ON DELETE CASCADE,
    serial bigint NOT NULL DEFAULT nextval('public.session_serial_seq'::regclass),
    created_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'utc'),
    expires_at timestamptz NOT NULL DEFAULT now() + interval '30 days',
    idle_timeout interval NOT NULL DEFAULT '1 hour 30 minutes',
    ttl_seconds integer NOT NULL DEFAULT 60 * 60 * 24,
    renew_on date DEFAULT CURRENT_DATE + 30,
    scopes text[] NOT NULL DEFAULT ARRAY['read']::text[],
    device_tags varchar(40)[] NOT NULL DEFAULT ARRAY[]::varchar[],
    quiet_hours_start time NOT NULL DEFAULT '22:00',
    client_label text NOT NULL DEFAULT 'web' || '-' || 'app',
    preferences jsonb NOT NULL DEFAULT '{"theme": "light", "notifications": {"email": true, "sms": false}}'
);
