; Top-level type declarations: model structs and the named types their fields use.
;
;   type User struct {
;       gorm.Model
;       Email string `gorm:"uniqueIndex;size:320"`
;   }
;   type Status string
(source_file
  (type_declaration
    (type_spec
      name: (type_identifier) @name
      type: (_) @type) @spec))
