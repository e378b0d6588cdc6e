CREATE TABLE page_views (
    id integer PRIMARY KEY AUTOINCREMENT,
    path text NOT NULL,
    viewed_at text NOT NULL
);
CREATE INDEX page_views_path ON page_views (path);
