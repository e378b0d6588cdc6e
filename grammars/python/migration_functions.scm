; The module-level functions of a revision file, by name: `upgrade` and `downgrade`
; hold the operations; the others are helpers a revision may call.
;
;   def upgrade() -> None:
;       op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))
(module
  (function_definition
    name: (identifier) @name
    body: (block) @body) @function)
