//! What the configuration tells rules: the tenancy model, what counts as PII, and rule
//! options. The engine builds it from `schemagraph.toml`; rules only read it.

use std::collections::BTreeMap;

#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub tenancy: Tenancy,
    pub pii: Pii,
    /// Options by rule name, as declared in each rule's `declare_rule!`.
    pub options: BTreeMap<&'static str, BTreeMap<String, OptionValue>>,
}

impl Settings {
    pub fn option(&self, rule: &str, name: &str) -> Option<&OptionValue> {
        self.options.get(rule).and_then(|o| o.get(name))
    }

    pub fn option_bool(&self, rule: &str, name: &str, default: bool) -> bool {
        match self.option(rule, name) {
            Some(OptionValue::Bool(b)) => *b,
            _ => default,
        }
    }

    pub fn option_list(&self, rule: &str, name: &str) -> Vec<String> {
        match self.option(rule, name) {
            Some(OptionValue::List(l)) => l.clone(),
            Some(OptionValue::Str(s)) => vec![s.clone()],
            _ => Vec::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    Bool(bool),
    Int(i64),
    Str(String),
    List(Vec<String>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum TenancyMode {
    /// Tenants share tables; rows carry a tenant column.
    #[default]
    Row,
    /// Each tenant has its own schema; shared tables live in shared schemas.
    Schema,
}

#[derive(Clone, Debug)]
pub struct Tenancy {
    /// Columns that say which tenant a row belongs to.
    pub columns: Vec<String>,
    /// Tables shared by every tenant (plans, countries, feature flags); glob patterns.
    pub global_tables: Vec<String>,
    pub mode: TenancyMode,
    /// Every tenant-scoped table must have row-level security enabled (PostgreSQL).
    pub require_rls: bool,
    /// Every table must be tenant-scoped or listed as global.
    pub require_classification: bool,
    /// In schema mode, the schemas shared by all tenants; every other schema belongs to
    /// one tenant.
    pub shared_schemas: Vec<String>,
}

impl Default for Tenancy {
    fn default() -> Tenancy {
        Tenancy {
            columns: vec!["tenant_id".to_owned()],
            global_tables: Vec::new(),
            mode: TenancyMode::Row,
            require_rls: false,
            require_classification: false,
            shared_schemas: vec!["public".to_owned()],
        }
    }
}

impl Tenancy {
    pub fn is_global(&self, table: &str) -> bool {
        self.global_tables.iter().any(|p| glob_match(p, table))
    }

    pub fn is_tenant_column(&self, column: &str) -> bool {
        self.columns.iter().any(|c| c.eq_ignore_ascii_case(column))
    }
}

#[derive(Clone, Debug)]
pub struct Pii {
    /// Column-name patterns that hold personal or secret data (`ssn`, `*_token`).
    pub columns: Vec<String>,
    /// Types (or domains) whose values are encrypted.
    pub encrypted_types: Vec<String>,
    /// A marker in a column's comment that says the application encrypts it.
    pub comment_marker: String,
}

impl Default for Pii {
    fn default() -> Pii {
        Pii {
            columns: [
                "ssn",
                "*_ssn",
                "social_security_number",
                "tax_id",
                "national_id",
                "passport_number",
                "card_number",
                "credit_card*",
                "cvv",
                "iban",
                "bank_account_number",
                "*_token",
                "api_key",
                "*_secret",
                "password",
                "date_of_birth",
            ]
            .map(String::from)
            .to_vec(),
            encrypted_types: vec!["bytea".to_owned()],
            comment_marker: "encrypted".to_owned(),
        }
    }
}

impl Pii {
    pub fn is_pii(&self, column: &str) -> bool {
        self.columns.iter().any(|p| glob_match(p, column))
    }
}

/// `*` matches any run of characters; matching ignores ASCII case.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let (mut pi, mut ti) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == t[ti] || p[pi] == '?') {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("*_token", "refresh_token"));
        assert!(glob_match("ssn", "SSN"));
        assert!(!glob_match("ssn", "ssn_last4"));
        assert!(glob_match("credit_card*", "credit_card_number"));
        assert!(!glob_match("*_token", "token"));
    }
}
