; The module docstring, whose first line is the revision message Alembic writes.
;
;   """add users table
;
;   Revision ID: 1a2b3c4d5e6f
;   """
(module
  .
  (expression_statement
    (string) @docstring))
