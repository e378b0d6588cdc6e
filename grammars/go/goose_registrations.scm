; goose's registrations of a Go migration, anywhere in the file (usually in `init`).
;
;   func init() {
;       goose.AddMigrationContext(upAddUsers, downAddUsers)
;   }
(call_expression
  function: (selector_expression
    operand: (identifier) @package
    field: (field_identifier) @function)
  arguments: (argument_list) @args
  (#eq? @package "goose")
  (#match? @function "^Add(Named)?Migration(NoTx)?(Context)?$")) @call
