; `TableName()` methods, which override the table GORM's naming strategy would choose.
;
;   func (User) TableName() string { return "app_users" }
;   func (u *User) TableName() string { return "app_users" }
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
    (#eq? @method "TableName")) @declaration)
