CREATE TABLE entries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    amount_cents INTEGER NOT NULL,
    booked_on TEXT NOT NULL
);

CREATE INDEX entries_account_id_booked_on ON entries (account_id, booked_on);
