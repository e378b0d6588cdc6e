-- +goose Up
CREATE TABLE rollups (
    day date NOT NULL,
    kind varchar(40) NOT NULL,
    total bigint NOT NULL,
    PRIMARY KEY (day, kind)
);

-- +goose Down
DROP TABLE rollups;
