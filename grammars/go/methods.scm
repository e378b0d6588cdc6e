; Methods of named types, by receiver: `TableName()` overrides the table GORM's naming
; strategy would choose; `Value()` (a `driver.Valuer`), `GormDataType()` and
; `GormDBDataType()` decide the column type of fields of that type.
;
;   func (User) TableName() string { return "app_users" }
;   func (s *Status) Value() (driver.Value, error) { return string(*s), nil }
;   func (JSONB) GormDataType() string { return "jsonb" }
(source_file
  (method_declaration
    receiver: (parameter_list
      (parameter_declaration
        type: [
          (type_identifier) @receiver
          (pointer_type (type_identifier) @receiver)
        ]))
    name: (field_identifier) @method
    body: (block) @body
    (#any-of? @method "TableName" "Value" "GormDataType" "GormDBDataType")) @declaration)
