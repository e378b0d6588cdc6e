; Package-level constants and variables: names that SQL passed to `tx.Exec` may use.
;
;   const createUsers = `CREATE TABLE users (id bigint PRIMARY KEY)`
;   var (
;       usersTable = "users"
;   )
(source_file
  (const_declaration
    (const_spec) @spec))
(source_file
  (var_declaration
    (var_spec) @spec))
(source_file
  (var_declaration
    (var_spec_list
      (var_spec) @spec)))
