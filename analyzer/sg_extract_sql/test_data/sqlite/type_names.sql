-- SQLite keeps a type name of any words as written (its affinity comes from the words).
CREATE TABLE dt_numeric (
    a CHARACTER(20),
    g UNSIGNED BIG INT NOT NULL,
    h BIG INT,
    c VARYING CHARACTER(32) DEFAULT 'x',
    e NATIVE CHARACTER (70),
    d DOUBLE PRECISION,
    CONSTRAINT one UNIQUE (a, g)
);
CREATE TABLE venues (name text) STRICT;
CREATE TABLE IF NOT EXISTS arenas (name text PRIMARY KEY, size int NOT NULL) WITHOUT ROWID;
CREATE TABLE a (id integer PRIMARY KEY, big UNSIGNED BIG INT) STRICT, WITHOUT ROWID;
CREATE TABLE b (id integer PRIMARY KEY) WITHOUT ROWID, STRICT;
