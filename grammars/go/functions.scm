; Top-level functions by name: goose's up and down functions are often declared apart
; from the `init` that registers them.
;
;   func upAddUsers(ctx context.Context, tx *sql.Tx) error {
;       _, err := tx.ExecContext(ctx, `CREATE TABLE users (id bigint PRIMARY KEY)`)
;       return err
;   }
(source_file
  (function_declaration
    name: (identifier) @name
    parameters: (parameter_list) @params
    body: (block) @body) @function)
