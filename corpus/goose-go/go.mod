module example.com/tracker

go 1.22

require github.com/pressly/goose/v3 v3.22.1
