; Module-level assignments: Alembic's revision identifiers and the constants that
; revisions use for table and column names.
;
;   revision: str = "1a2b3c4d5e6f"
;   down_revision = ("0a1b", "0c2d")
;   USERS = "users"
(module
  (expression_statement
    (assignment
      left: (identifier) @name
      right: (_) @value)) @statement)
