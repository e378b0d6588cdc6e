//! Events reference their source; the SQL is a plain literal.

pub fn migration() -> String {
    "CREATE TABLE events (
        id bigserial PRIMARY KEY,
        source_id uuid NOT NULL REFERENCES sources (id),
        kind text NOT NULL,
        payload jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX events_source_id_recorded_at ON events (source_id, recorded_at);"
        .to_string()
}
