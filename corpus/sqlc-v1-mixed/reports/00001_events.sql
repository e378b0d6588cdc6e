-- +goose Up
CREATE TABLE events (
    id bigint AUTO_INCREMENT PRIMARY KEY,
    kind varchar(40) NOT NULL,
    happened_at datetime(3) NOT NULL
);

-- +goose Down
DROP TABLE events;
