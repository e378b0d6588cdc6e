//! GORM's default naming strategy: Go names to snake_case column names (with Go's common
//! initialisms kept whole), plural table names by the `jinzhu/inflection` rules GORM uses,
//! and the names it gives constraints and indexes (`fk_users_orders`, `idx_users_email`,
//! shortened with a SHA-1 suffix past 64 characters).
//!
//! ```text
//! UserID        -> user_id        APIKey  -> api_key
//! User          -> users          Person  -> people     Category -> categories
//! ```

use std::sync::OnceLock;

use regex::Regex;

/// `schema.NamingStrategy` as a literal in the GORM configuration may set it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NamingStrategy {
    pub(crate) table_prefix: String,
    pub(crate) singular_table: bool,
    pub(crate) no_lower_case: bool,
    pub(crate) identifier_max_length: usize,
}

/// Go's lint initialisms, which GORM title-cases before splitting words, so `ID` is one
/// word and `UserID` becomes `user_id`, not `user_i_d`.
const INITIALISMS: &[&str] = &[
    "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP", "JSON", "LHS", "QPS",
    "RAM", "RHS", "RPC", "SLA", "SMTP", "SSH", "TLS", "TTL", "UID", "UI", "UUID", "URI", "URL", "UTF8", "VM", "XML",
    "XSRF", "XSS",
];

/// Replaces every initialism with its title case, leftmost first, the earlier entry of the
/// list winning at one position (as Go's `strings.Replacer` does).
fn title_initialisms(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < name.len() {
        let rest = &name[i..];
        if let Some(init) = INITIALISMS.iter().find(|init| rest.starts_with(**init)) {
            let mut chars = init.chars();
            out.extend(chars.next());
            out.extend(chars.map(|c| c.to_ascii_lowercase()));
            i += init.len();
        } else if let Some(c) = rest.chars().next() {
            out.push(c);
            i += c.len_utf8();
        } else {
            break;
        }
    }
    out
}

impl NamingStrategy {
    /// A Go name as a database name: `CreatedAt` -> `created_at`.
    pub(crate) fn to_db_name(&self, name: &str) -> String {
        if name.is_empty() || self.no_lower_case {
            return name.to_owned();
        }
        let value = title_initialisms(name);
        let b = value.as_bytes();
        let upper = |c: u8| c.is_ascii_uppercase();
        let mut out: Vec<u8> = Vec::with_capacity(b.len() + 4);
        let mut last_case = false;
        let mut cur_case = upper(b[0]);
        // GORM walks the name by byte; every byte but the last decides whether a `_` goes
        // before it from its neighbours' case.
        for i in 0..b.len() - 1 {
            let next_case = upper(b[i + 1]);
            let next_number = b[i + 1].is_ascii_digit();
            if cur_case {
                if !(last_case && (next_case || next_number)) && i > 0 && b[i - 1] != b'_' && b[i + 1] != b'_' {
                    out.push(b'_');
                }
                out.push(b[i].to_ascii_lowercase());
            } else {
                out.push(b[i]);
            }
            last_case = cur_case;
            cur_case = next_case;
        }
        let last = b[b.len() - 1];
        if cur_case {
            if !last_case && b.len() > 1 {
                out.push(b'_');
            }
            out.push(last.to_ascii_lowercase());
        } else {
            out.push(last);
        }
        // Only ASCII bytes are changed or separated, so multi-byte characters stay whole.
        String::from_utf8_lossy(&out).into_owned()
    }

    /// The table of a model type: prefix, snake_case, plural unless `SingularTable`.
    pub(crate) fn table_name(&self, type_name: &str) -> String {
        let db = self.to_db_name(type_name);
        if self.singular_table {
            format!("{}{db}", self.table_prefix)
        } else {
            format!("{}{}", self.table_prefix, plural(&db))
        }
    }

    /// The table of a `many2many:` join: kept as written when already lower case.
    pub(crate) fn join_table_name(&self, name: &str) -> String {
        if !self.no_lower_case && name.to_lowercase() == name {
            return format!("{}{name}", self.table_prefix);
        }
        self.table_name(name)
    }

    /// `fk_<table>_<relation>`, `idx_<table>_<field>`, `uni_...`, `chk_...`.
    pub(crate) fn format_name(&self, prefix: &str, table: &str, name: &str) -> String {
        let formatted = format!("{prefix}_{table}_{name}").replace('.', "_");
        let max = if self.identifier_max_length == 0 { 64 } else { self.identifier_max_length };
        if formatted.chars().count() <= max {
            return formatted;
        }
        let digest = sha1_hex(formatted.as_bytes());
        let keep = max.saturating_sub(8);
        let mut cut = keep.min(formatted.len());
        while !formatted.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}{}", &formatted[..cut], &digest[..8])
    }
}

/// One inflection rule: a pattern and its replacement (`${1}` refers to a group).
struct Rule {
    re: Regex,
    replace: String,
}

fn rules(table: &[(&str, &str)], irregular: &[(&str, &str)], plural: bool) -> Vec<Rule> {
    let mut out = Vec::new();
    let mut push = |pattern: String, replace: String| {
        if let Ok(re) = Regex::new(&pattern) {
            out.push(Rule { re, replace });
        }
    };
    for word in UNCOUNTABLE {
        push(format!("(?i)^({word})$"), "${1}".to_owned());
    }
    for (singular, plural_form) in irregular {
        let (from, to) = if plural { (*singular, *plural_form) } else { (*plural_form, *singular) };
        push(format!("{}$", from.to_uppercase()), to.to_uppercase());
        push(format!("{}$", title(from)), title(to));
        push(format!("{from}$"), to.to_owned());
    }
    for (find, replace) in table.iter().rev() {
        push(find.to_uppercase(), replace.to_uppercase());
        push((*find).to_owned(), (*replace).to_owned());
        push(format!("(?i){find}"), (*replace).to_owned());
    }
    out
}

fn title(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

const UNCOUNTABLE: &[&str] = &[
    "equipment",
    "information",
    "rice",
    "money",
    "species",
    "series",
    "fish",
    "sheep",
    "jeans",
    "police",
    "milk",
    "salt",
    "time",
    "water",
    "paper",
    "food",
    "art",
    "cash",
    "music",
    "help",
    "luck",
    "oil",
    "progress",
    "rain",
    "research",
    "shopping",
    "software",
    "traffic",
];

const IRREGULAR: &[(&str, &str)] = &[
    ("person", "people"),
    ("man", "men"),
    ("child", "children"),
    ("sex", "sexes"),
    ("move", "moves"),
    ("ombie", "ombies"),
    ("goose", "geese"),
    ("foot", "feet"),
    ("moose", "moose"),
    ("tooth", "teeth"),
    ("leaf", "leaves"),
    ("chassis", "chassis"),
];

const PLURAL: &[(&str, &str)] = &[
    ("([a-z])$", "${1}s"),
    ("s$", "s"),
    ("^(ax|test)is$", "${1}es"),
    ("(octop|vir)us$", "${1}i"),
    ("(octop|vir)i$", "${1}i"),
    ("(alias|status|campus)$", "${1}es"),
    ("(bu)s$", "${1}ses"),
    ("(buffal|tomat)o$", "${1}oes"),
    ("([ti])um$", "${1}a"),
    ("([ti])a$", "${1}a"),
    ("sis$", "ses"),
    ("(?:([^f])fe|([lr])f)$", "${1}${2}ves"),
    ("(hive)$", "${1}s"),
    ("([^aeiouy]|qu)y$", "${1}ies"),
    ("(x|ch|ss|sh)$", "${1}es"),
    ("(matr|vert|ind)(?:ix|ex)$", "${1}ices"),
    ("^(m|l)ouse$", "${1}ice"),
    ("^(m|l)ice$", "${1}ice"),
    ("^(ox)$", "${1}en"),
    ("^(oxen)$", "${1}"),
    ("(quiz)$", "${1}zes"),
    ("(drive)$", "${1}s"),
];

const SINGULAR: &[(&str, &str)] = &[
    ("s$", ""),
    ("(ss)$", "${1}"),
    ("(n)ews$", "${1}ews"),
    ("([ti])a$", "${1}um"),
    ("((a)naly|(b)a|(d)iagno|(p)arenthe|(p)rogno|(s)ynop|(t)he)(sis|ses)$", "${1}sis"),
    ("(^analy)(sis|ses)$", "${1}sis"),
    ("([^f])ves$", "${1}fe"),
    ("(hive)s$", "${1}"),
    ("(tive)s$", "${1}"),
    ("([lr])ves$", "${1}f"),
    ("([^aeiouy]|qu)ies$", "${1}y"),
    ("(s)eries$", "${1}eries"),
    ("(m)ovies$", "${1}ovie"),
    ("(c)ookies$", "${1}ookie"),
    ("(x|ch|ss|sh)es$", "${1}"),
    ("^(m|l)ice$", "${1}ouse"),
    ("(bus|campus)(es)?$", "${1}"),
    ("(o)es$", "${1}"),
    ("(shoe)s$", "${1}"),
    ("(cris|test)(is|es)$", "${1}is"),
    ("^(a)x[ie]s$", "${1}xis"),
    ("(octop|vir)(us|i)$", "${1}us"),
    ("(alias|status)(es)?$", "${1}"),
    ("^(ox)en", "${1}"),
    ("(vert|ind)ices$", "${1}ex"),
    ("(matr)ices$", "${1}ix"),
    ("(quiz)zes$", "${1}"),
    ("(database)s$", "${1}"),
    ("(drive)s$", "${1}"),
];

fn apply(rules: &[Rule], word: &str) -> String {
    for r in rules {
        if r.re.is_match(word) {
            return r.re.replace_all(word, r.replace.as_str()).into_owned();
        }
    }
    word.to_owned()
}

/// The plural `jinzhu/inflection` gives: the first matching rule of uncountables,
/// irregulars and the regular rules (last declared first) wins. `human` becomes `humen`,
/// as it does in GORM.
pub(crate) fn plural(word: &str) -> String {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    apply(RULES.get_or_init(|| rules(PLURAL, IRREGULAR, true)), word)
}

pub(crate) fn singular(word: &str) -> String {
    static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
    apply(RULES.get_or_init(|| rules(SINGULAR, IRREGULAR, false)), word)
}

/// SHA-1 of `data` as lower-case hex, for GORM's shortened names. Written by hand: it is
/// forty lines, and no crate of the workspace provides SHA-1.
fn sha1_hex(data: &[u8]) -> String {
    let mut h: [u32; 5] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for chunk in msg.chunks(64) {
        let mut w = [0u32; 80];
        for (i, word) in chunk.chunks(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A82_7999),
                20..=39 => (b ^ c ^ d, 0x6ED9_EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC),
                _ => (b ^ c ^ d, 0xCA62_C1D6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    h.iter().map(|x| format!("{x:08x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_as_gorm_gives_them() {
        let ns = NamingStrategy::default();
        for (go, db) in [
            ("ID", "id"),
            ("UserID", "user_id"),
            ("CreatedAt", "created_at"),
            ("APIKey", "api_key"),
            ("HTTPServer", "http_server"),
            ("OAuth2Token", "o_auth2_token"),
            ("Name", "name"),
            ("already_snake", "already_snake"),
            ("X", "x"),
            ("GrößeKg", "größe_kg"),
        ] {
            assert_eq!(ns.to_db_name(go), db, "{go}");
        }
    }

    #[test]
    fn table_names_are_plural() {
        let ns = NamingStrategy::default();
        assert_eq!(ns.table_name("User"), "users");
        assert_eq!(ns.table_name("Person"), "people");
        assert_eq!(ns.table_name("Category"), "categories");
        assert_eq!(ns.table_name("Address"), "addresses");
        assert_eq!(ns.table_name("OrderItem"), "order_items");
        assert_eq!(ns.table_name("Status"), "statuses");
        assert_eq!(ns.table_name("Information"), "information");
        assert_eq!(ns.table_name("Human"), "humen");
        let ns = NamingStrategy { singular_table: true, table_prefix: "app_".into(), ..Default::default() };
        assert_eq!(ns.table_name("User"), "app_user");
        assert_eq!(singular("Friends"), "Friend");
    }

    #[test]
    fn long_names_get_a_digest() {
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
        let ns = NamingStrategy::default();
        let name = ns.format_name("idx", "a_really_long_table_name_for_testing", "and_an_even_longer_column_name");
        assert_eq!(name.len(), 64);
        assert!(name.starts_with("idx_a_really_long_table_name_for_testing_and_an_even_lo"));
    }
}
