//! Struct tags: the `gorm:"..."` value of a field's tag, and GORM's reading of it into
//! settings (`column:name;type:varchar(20);not null` -> `COLUMN`, `TYPE`, `NOT NULL`).

use std::collections::BTreeMap;

/// The value of `key` in a struct tag written in the conventional format
/// `` `json:"id" gorm:"primaryKey"` ``, as `reflect.StructTag.Get` reads it.
pub(crate) fn struct_tag_get(tag: &str, key: &str) -> Option<String> {
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i] > b' ' && b[i] != b':' && b[i] != b'"' && b[i] != 0x7f {
            i += 1;
        }
        if i == start || i + 1 >= b.len() || b[i] != b':' || b[i + 1] != b'"' {
            return None;
        }
        let name = &tag[start..i];
        i += 2;
        let mut value = String::new();
        let mut closed = false;
        while i < b.len() {
            match b[i] {
                b'\\' if i + 1 < b.len() => {
                    // `strconv.Unquote`: an escape Go does not know makes the whole tag
                    // value unreadable, and `Get` returns nothing.
                    let e = b[i + 1];
                    value.push(match e {
                        b'n' => '\n',
                        b't' => '\t',
                        b'r' => '\r',
                        b'\\' => '\\',
                        b'"' => '"',
                        b'\'' => '\'',
                        _ => return None,
                    });
                    i += 2;
                }
                b'"' => {
                    closed = true;
                    i += 1;
                    break;
                }
                _ => {
                    let c = tag[i..].chars().next()?;
                    value.push(c);
                    i += c.len_utf8();
                }
            }
        }
        if !closed {
            return None;
        }
        if name == key {
            return Some(value);
        }
    }
    None
}

/// GORM's `ParseTagSetting`: `;`-separated (a `\` escapes the separator), keys upper-cased
/// and trimmed, values after the first `:`; a key without value maps to itself.
pub(crate) fn parse_tag_setting(text: &str, sep: char) -> BTreeMap<String, String> {
    let mut settings = BTreeMap::new();
    let names: Vec<&str> = text.split(sep).collect();
    let mut parsed: Vec<String> = Vec::new();
    let mut i = 0;
    while i < names.len() {
        let mut s = names[i].to_owned();
        while s.ends_with('\\') && i + 1 < names.len() {
            i += 1;
            s.pop();
            s.push(sep);
            s.push_str(names[i]);
        }
        parsed.push(s);
        i += 1;
    }
    for tag in parsed {
        let mut values = tag.split(':');
        let key = values.next().unwrap_or("").trim().to_uppercase();
        let rest: Vec<&str> = values.collect();
        if !rest.is_empty() {
            settings.insert(key, rest.join(":").replace("\\\"", "\""));
        } else if !key.is_empty() {
            settings.insert(key.clone(), key);
        }
    }
    settings
}

/// GORM's truthiness of a setting: present and not `false` (any case).
pub(crate) fn truthy(settings: &BTreeMap<String, String>, keys: &[&str]) -> bool {
    keys.iter().any(|k| settings.get(*k).is_some_and(|v| !v.is_empty() && !v.eq_ignore_ascii_case("false")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_values_by_key() {
        let tag = r#"json:"email,omitempty" gorm:"uniqueIndex:idx_email;size:320;not null""#;
        assert_eq!(struct_tag_get(tag, "gorm").as_deref(), Some("uniqueIndex:idx_email;size:320;not null"));
        assert_eq!(struct_tag_get(tag, "json").as_deref(), Some("email,omitempty"));
        assert_eq!(struct_tag_get(tag, "db"), None);
        assert_eq!(struct_tag_get(r#"gorm:"a\\,b""#, "gorm").as_deref(), Some("a\\,b"));
        assert_eq!(struct_tag_get(r#"gorm:"a\,b""#, "gorm"), None);
    }

    #[test]
    fn settings_as_gorm_reads_them() {
        let s = parse_tag_setting("column:user_name;type:varchar(20);not null;default:'a;b';check:x\\;y", ';');
        assert_eq!(s.get("COLUMN").map(String::as_str), Some("user_name"));
        assert_eq!(s.get("NOT NULL").map(String::as_str), Some("NOT NULL"));
        assert_eq!(s.get("CHECK").map(String::as_str), Some("x;y"));
        assert!(truthy(&s, &["NOT NULL", "NOTNULL"]));
        let s = parse_tag_setting("primaryKey;autoIncrement:false", ';');
        assert!(truthy(&s, &["PRIMARYKEY"]));
        assert!(!truthy(&s, &["AUTOINCREMENT"]));
    }
}
