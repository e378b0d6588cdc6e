; The calls that create tables from models: `AutoMigrate` on a `*gorm.DB` (or on its
; `Migrator()`), and `Migrator().CreateTable`.
;
;   db.AutoMigrate(&User{}, &models.Order{})
;   db.Migrator().CreateTable(&Audit{})
(call_expression
  function: (selector_expression
    field: (field_identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "AutoMigrate" "CreateTable")) @call
