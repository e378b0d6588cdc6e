//! Go field types to GORM data types, and GORM data types to the column type each driver
//! writes (`gorm.io/driver/postgres`, `mysql`, `sqlite`), which `TypeRef::parse` then
//! canonicalizes.
//!
//! ```text
//! Go           postgres                       mysql                      sqlite
//! uint (pk)    bigserial                      bigint unsigned AUTO_INC.  integer PRIMARY KEY AUTOINCREMENT
//! string       text / varchar(size)           longtext / varchar(size)   text
//! time.Time    timestamptz                    datetime(3)                datetime
//! float64      decimal                        double                     real
//! bool         boolean                        boolean                    numeric
//! ```

use sg_model::Dialect;

/// GORM's `schema.DataType` of a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum DataType {
    Bool,
    Int,
    Uint,
    Float,
    String,
    Time,
    Bytes,
    /// `datatypes.JSON` and friends, whose type each driver chooses.
    Json,
    /// A type given by a `type:` tag or a type's `GormDataType()`, used as written.
    Custom(String),
}

/// What a Go type is to GORM, before tags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GoKind {
    /// A scalar GORM stores in one column, with its size in bits where Go gives one.
    Scalar(DataType, i64),
    /// A struct of the analyzed code: a model (a relation) or an embedded part.
    Struct { dir: String, name: String },
    /// `gorm.Model`.
    GormModel,
    /// `[]T` of something other than bytes.
    Slice(Box<GoKind>),
    /// A type the extractor cannot see into, as written.
    Unknown(String),
}

/// Go's predeclared scalar types.
pub(crate) fn builtin(name: &str) -> Option<GoKind> {
    let s = |d: DataType, bits: i64| Some(GoKind::Scalar(d, bits));
    match name {
        "bool" => s(DataType::Bool, 0),
        "int" | "int64" => s(DataType::Int, 64),
        "int8" => s(DataType::Int, 8),
        "int16" => s(DataType::Int, 16),
        "int32" | "rune" => s(DataType::Int, 32),
        "uint" | "uint64" | "uintptr" => s(DataType::Uint, 64),
        "uint8" | "byte" => s(DataType::Uint, 8),
        "uint16" => s(DataType::Uint, 16),
        "uint32" => s(DataType::Uint, 32),
        "float64" => s(DataType::Float, 64),
        "float32" => s(DataType::Float, 32),
        "string" => s(DataType::String, 0),
        _ => None,
    }
}

/// Well-known types of other packages, by `package.Type`: what GORM makes of them (a
/// `driver.Valuer` stores the kind its `Value()` returns).
pub(crate) fn well_known(qualified: &str) -> Option<GoKind> {
    let s = |d: DataType, bits: i64| Some(GoKind::Scalar(d, bits));
    match qualified {
        "gorm.Model" => Some(GoKind::GormModel),
        "time.Time"
        | "sql.NullTime"
        | "gorm.DeletedAt"
        | "null.Time"
        | "mysql.NullTime"
        | "pq.NullTime"
        | "soft_delete.DeletedAt" => s(DataType::Time, 0),
        "sql.NullString"
        | "null.String"
        | "uuid.UUID"
        | "uuid.NullUUID"
        | "decimal.Decimal"
        | "decimal.NullDecimal"
        | "pq.StringArray"
        | "pq.Int64Array"
        | "pq.Float64Array"
        | "pq.BoolArray"
        | "pq.GenericArray"
        | "ulid.ULID"
        | "xid.ID"
        | "zero.String" => s(DataType::String, 0),
        "sql.NullInt64" | "null.Int" | "zero.Int" | "time.Duration" => s(DataType::Int, 64),
        "sql.NullInt32" => s(DataType::Int, 32),
        "sql.NullInt16" => s(DataType::Int, 16),
        "sql.NullByte" => s(DataType::Uint, 8),
        "sql.NullFloat64" | "null.Float" | "zero.Float" => s(DataType::Float, 64),
        "sql.NullBool" | "null.Bool" | "zero.Bool" => s(DataType::Bool, 0),
        "json.RawMessage" | "sql.RawBytes" => s(DataType::Bytes, 0),
        "datatypes.JSON" | "datatypes.JSONMap" | "datatypes.JSONType" | "datatypes.JSONSlice" => s(DataType::Json, 0),
        "datatypes.Date" => s(DataType::Custom("date".into()), 0),
        "datatypes.Time" => s(DataType::Custom("time".into()), 0),
        _ => None,
    }
}

/// Whether GORM can write NULL for a well-known type of another package: the `Null*` types
/// of `database/sql` and their look-alikes (their zero value is invalid, written as NULL),
/// `gorm.DeletedAt`, byte slices and arrays that are nil, and the types whose `Value()`
/// returns nil for an empty value (`datatypes.JSON`, `xid.ID`, ...). `time.Time`,
/// `uuid.UUID`, `decimal.Decimal` and the like always write a value. `None` for a type
/// not listed in [`well_known`].
pub(crate) fn well_known_writes_null(qualified: &str) -> Option<bool> {
    well_known(qualified)?;
    Some(match qualified {
        "time.Time"
        | "time.Duration"
        | "uuid.UUID"
        | "decimal.Decimal"
        | "ulid.ULID"
        | "datatypes.Date"
        | "datatypes.Time"
        | "datatypes.JSONType"
        | "datatypes.JSONSlice"
        | "gorm.Model" => false,
        // `soft_delete.DeletedAt` falls here: whether its `Value()` can return nil is
        // not certain, and a NOT NULL the models do not know of is the safer report.
        _ => true,
    })
}

/// The settings of one column that decide its type.
#[derive(Clone, Debug, Default)]
pub(crate) struct TypeInput {
    pub(crate) data_type: Option<DataType>,
    /// GORM's `GORMDataType`: the data type before a `type:` tag replaced it.
    pub(crate) gorm_data_type: Option<DataType>,
    pub(crate) size: i64,
    pub(crate) precision: i64,
    pub(crate) scale: i64,
    pub(crate) auto_increment: bool,
    pub(crate) primary_key: bool,
    pub(crate) not_null: bool,
    pub(crate) has_default: bool,
    pub(crate) has_index_or_unique_tag: bool,
    pub(crate) precision_tag: bool,
    pub(crate) composite_primary_key: bool,
}

/// The column type as the driver writes it, split into what the model needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ColumnType {
    pub(crate) sql: String,
    pub(crate) auto_increment: bool,
    /// SQLite's `integer PRIMARY KEY AUTOINCREMENT`: the primary key is in the type.
    pub(crate) inline_primary_key: bool,
    /// MySQL's `datetime(3) NULL`.
    pub(crate) explicit_null: bool,
}

fn plain(sql: impl Into<String>) -> ColumnType {
    ColumnType { sql: sql.into(), auto_increment: false, inline_primary_key: false, explicit_null: false }
}

/// `Dialector.DataTypeOf` of each driver.
pub(crate) fn column_type(f: &TypeInput, dialect: Dialect) -> Option<ColumnType> {
    let dt = f.data_type.clone()?;
    Some(match dialect {
        Dialect::Postgres => postgres(f, dt),
        Dialect::MySql => mysql(f, dt),
        Dialect::Sqlite => sqlite(f, dt),
    })
}

fn serial_by_size(size: i64) -> &'static str {
    match size {
        s if s <= 16 => "smallserial",
        s if s <= 32 => "serial",
        _ => "bigserial",
    }
}

fn postgres(f: &TypeInput, dt: DataType) -> ColumnType {
    match dt {
        DataType::Bool => plain("boolean"),
        DataType::Int | DataType::Uint => {
            let size = if dt == DataType::Uint { f.size + 1 } else { f.size };
            if f.auto_increment {
                plain(serial_by_size(size))
            } else {
                plain(match size {
                    s if s <= 16 => "smallint",
                    s if s <= 32 => "integer",
                    _ => "bigint",
                })
            }
        }
        DataType::Float => match (f.precision, f.scale) {
            (p, s) if p > 0 && s > 0 => plain(format!("numeric({p}, {s})")),
            (p, _) if p > 0 => plain(format!("numeric({p})")),
            _ => plain("decimal"),
        },
        DataType::String if f.size > 0 && f.size <= 10_485_760 => plain(format!("varchar({})", f.size)),
        DataType::String => plain("text"),
        DataType::Time if f.precision > 0 => plain(format!("timestamptz({})", f.precision)),
        DataType::Time => plain("timestamptz"),
        DataType::Bytes => plain("bytea"),
        DataType::Json => plain("jsonb"),
        DataType::Custom(t) => {
            if f.auto_increment && !t.to_lowercase().contains("serial") {
                let size = if f.gorm_data_type == Some(DataType::Uint) { f.size + 1 } else { f.size };
                plain(serial_by_size(size))
            } else {
                plain(t)
            }
        }
    }
}

/// The MySQL driver's default `DefaultDatetimePrecision`.
const MYSQL_DATETIME_PRECISION: i64 = 3;

fn mysql(f: &TypeInput, dt: DataType) -> ColumnType {
    match dt {
        DataType::Bool => plain("boolean"),
        DataType::Int | DataType::Uint => {
            let base = match f.size {
                s if s <= 8 => "tinyint",
                s if s <= 16 => "smallint",
                s if s <= 24 => "mediumint",
                s if s <= 32 => "int",
                _ => "bigint",
            };
            let unsigned = if dt == DataType::Uint { " unsigned" } else { "" };
            ColumnType { auto_increment: f.auto_increment, ..plain(format!("{base}{unsigned}")) }
        }
        DataType::Float if f.precision > 0 => plain(format!("decimal({}, {})", f.precision, f.scale)),
        DataType::Float if f.size <= 32 => plain("float"),
        DataType::Float => plain("double"),
        DataType::String => {
            let mut size = f.size;
            if size == 0 && (f.primary_key || f.has_default || f.has_index_or_unique_tag) {
                size = 191;
            }
            if (65_536..=16_777_216).contains(&size) {
                plain("mediumtext")
            } else if size > 16_777_216 || size <= 0 {
                plain("longtext")
            } else {
                plain(format!("varchar({size})"))
            }
        }
        DataType::Time => {
            let precision = if f.precision == 0 && !f.precision_tag { MYSQL_DATETIME_PRECISION } else { f.precision };
            let ty = if precision > 0 { format!("datetime({precision})") } else { "datetime".to_owned() };
            ColumnType { explicit_null: !(f.not_null || f.primary_key), ..plain(ty) }
        }
        DataType::Bytes if f.size > 0 && f.size < 65_536 => plain(format!("varbinary({})", f.size)),
        DataType::Bytes if (65_536..=16_777_216).contains(&f.size) => plain("mediumblob"),
        DataType::Bytes => plain("longblob"),
        DataType::Json => plain("json"),
        DataType::Custom(t) => ColumnType { auto_increment: f.auto_increment, ..plain(t) },
    }
}

fn sqlite(f: &TypeInput, dt: DataType) -> ColumnType {
    match dt {
        DataType::Bool => plain("numeric"),
        DataType::Int | DataType::Uint if f.auto_increment && !f.composite_primary_key => {
            ColumnType { auto_increment: true, inline_primary_key: true, ..plain("integer") }
        }
        DataType::Int | DataType::Uint => plain("integer"),
        DataType::Float => plain("real"),
        DataType::String => plain("text"),
        DataType::Time => plain("datetime"),
        DataType::Bytes => plain("blob"),
        DataType::Json => plain("json"),
        DataType::Custom(t) => plain(t),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(dt: DataType, size: i64) -> TypeInput {
        TypeInput { data_type: Some(dt.clone()), gorm_data_type: Some(dt), size, ..Default::default() }
    }

    #[test]
    fn drivers_spell_types_as_gorm_does() {
        let id = TypeInput { auto_increment: true, primary_key: true, ..input(DataType::Uint, 64) };
        assert_eq!(column_type(&id, Dialect::Postgres).unwrap().sql, "bigserial");
        assert_eq!(
            column_type(&id, Dialect::MySql).unwrap(),
            ColumnType { auto_increment: true, ..plain("bigint unsigned") }
        );
        assert!(column_type(&id, Dialect::Sqlite).unwrap().inline_primary_key);
        assert_eq!(column_type(&input(DataType::Uint, 32), Dialect::Postgres).unwrap().sql, "bigint");
        assert_eq!(column_type(&input(DataType::String, 0), Dialect::MySql).unwrap().sql, "longtext");
        assert_eq!(column_type(&input(DataType::String, 100), Dialect::Postgres).unwrap().sql, "varchar(100)");
        assert_eq!(column_type(&input(DataType::Time, 0), Dialect::MySql).unwrap().sql, "datetime(3)");
        assert_eq!(column_type(&input(DataType::Float, 64), Dialect::Postgres).unwrap().sql, "decimal");
    }

    #[test]
    fn null_types_write_null_and_plain_ones_do_not() {
        assert_eq!(well_known_writes_null("sql.NullString"), Some(true));
        assert_eq!(well_known_writes_null("gorm.DeletedAt"), Some(true));
        assert_eq!(well_known_writes_null("datatypes.JSON"), Some(true));
        assert_eq!(well_known_writes_null("time.Time"), Some(false));
        assert_eq!(well_known_writes_null("uuid.UUID"), Some(false));
        assert_eq!(well_known_writes_null("pkg.Unknown"), None);
    }
}
