-- The desktop client's offline copy of the workspace directory.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL,
    handle TEXT NOT NULL UNIQUE
);

CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL REFERENCES users (email),
    invited_by TEXT REFERENCES users (handle)
);
CREATE INDEX invitations_email_idx ON invitations (email);
CREATE INDEX invitations_invited_by_idx ON invitations (invited_by);
