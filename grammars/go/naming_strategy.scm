; A naming strategy given as a literal in the GORM configuration.
;
;   gorm.Open(postgres.Open(dsn), &gorm.Config{
;       NamingStrategy: schema.NamingStrategy{SingularTable: true, TablePrefix: "app_"},
;   })
(composite_literal
  type: (qualified_type
    name: (type_identifier) @type)
  body: (literal_value) @body
  (#eq? @type "NamingStrategy")) @literal
