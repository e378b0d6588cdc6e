//! `unencrypted-pii-column`: a column that looks like personal data stored in the clear.

use sg_model::{Finding, TypeFamily};

use crate::settings::glob_match;
use crate::support::words;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A column that holds personal or secret data is stored unencrypted.
    ///
    /// ## What it does
    /// At the head of each stream, reports columns whose names match the `[pii] columns`
    /// patterns (by default `ssn`, `tax_id`, `card_number`, `*_token`, `api_key`,
    /// `*_secret`, `password`, `date_of_birth`, ...) unless they are stored encrypted: a
    /// binary type (`bytea`), a type or domain listed in `[pii] encrypted_types`, or a
    /// column comment containing the `[pii] comment_marker` (default `encrypted`) for data
    /// the application encrypts itself.
    ///
    /// A column whose name says it holds no clear text is not reported: ciphertext
    /// (`encrypted_ssn`, Devise's `encrypted_password`, `crypted_password`, `*_ciphertext`), a
    /// keyed hash (`*_hmac`), and a one-way hash of a secret (`password_hash`,
    /// `password_digest`, `hashed_password`, `reset_token_hash`, `api_key_digest`): a
    /// bcrypt or argon2 hash of a password, or any hash of a random token or key, cannot be
    /// turned back into the secret. A plain hash of personal data (`ssn_hash`,
    /// `email_digest`) is still reported: a social security number, a birth date or a card
    /// number has so few possible values that hashing each of them reverses the hash. The
    /// words are matched in the name (`hash`, `hashed`, `digest`, `hmac`, `bcrypt`, `argon2`,
    /// `scrypt`, `encrypted`, `crypted`, `ciphertext`), except a word the matching `[pii]`
    /// pattern spells itself: a pattern `*_hash` asks for hash columns to be reported.
    ///
    /// ## Why is this bad?
    /// Clear-text personal data leaks through backups, replicas, logs and support
    /// queries; regulations (GDPR, PCI DSS, HIPAA) require it protected at rest, and a
    /// breach of one tenant's data is everyone's problem.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE employees (id bigint PRIMARY KEY, name text, ssn text);
    /// ```
    ///
    /// A hash of a nine-digit number is reversed by hashing every nine-digit number:
    /// ```toml,file=schemagraph.toml
    /// [pii]
    /// columns = ["ssn*"]
    /// ```
    /// ```sql,expect_diagnostic,file=migrations/000001_employees.up.sql
    /// CREATE TABLE employees (id bigint PRIMARY KEY, name text, ssn_sha256_hash text);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE employees (id bigint PRIMARY KEY, name text, ssn bytea);
    /// CREATE TABLE api_clients (id bigint PRIMARY KEY, api_key text);
    /// COMMENT ON COLUMN api_clients.api_key IS 'encrypted by the application (envelope key v2)';
    /// ```
    ///
    /// ### Valid
    /// Hashes of passwords and tokens cannot be turned back into the secret:
    /// ```toml,file=schemagraph.toml
    /// [pii]
    /// columns = ["*password*", "*token*"]
    /// ```
    /// ```sql,file=migrations/000001_users.up.sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, password_hash text, encrypted_password text);
    /// CREATE TABLE sessions (id bigint PRIMARY KEY, hashed_token text, refresh_token_digest text);
    /// ```
    ///
    /// ## Fix
    /// Store the value encrypted (`bytea` with pgcrypto's `pgp_sym_encrypt`, or your own
    /// encrypted type), or, if the application encrypts it, say so in the column's comment.
    pub struct UnencryptedPiiColumn {
        name: "unencrypted-pii-column",
        category: Security,
        severity: Warning,
    }
}

impl Rule for UnencryptedPiiColumn {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let pii = &cx.settings.pii;
        let marker = pii.comment_marker.to_lowercase();
        for table in cx.head.tables.values() {
            for col in &table.columns {
                let Some(pattern) = pii.columns.iter().find(|p| glob_match(p, col.name.as_str())) else { continue };
                let held = Held::of(col.name.as_str(), pattern);
                if held == Held::NoClearText {
                    continue;
                }
                let ty = &col.ty;
                let encrypted_type = matches!(ty.family, TypeFamily::Binary)
                    || pii.encrypted_types.iter().any(|e| e.eq_ignore_ascii_case(&ty.canonical));
                let marked =
                    !marker.is_empty() && col.comment.as_ref().is_some_and(|c| c.to_lowercase().contains(&marker));
                if encrypted_type || marked {
                    continue;
                }
                let t = table.name.display(cx.stream.dialect);
                out.push(
                    Finding::new(
                        UnencryptedPiiColumn::META.name,
                        col.origin.span,
                        match held {
                            Held::HashOfPersonalData => format!(
                                "Column `{t}.{}` looks like an unkeyed hash of personal data (it matches `{pattern}`), which hashing every possible value reverses",
                                col.name
                            ),
                            _ => format!(
                                "Column `{t}.{}` looks like personal or secret data (it matches `{pattern}`) and is stored unencrypted as `{ty}`",
                                col.name
                            ),
                        },
                    )
                    .with_help(match held {
                        Held::HashOfPersonalData => format!(
                            "store a keyed hash (an HMAC, in a column named `*_hmac`) or the value encrypted, or if the hash is keyed or the application encrypts it, `COMMENT ON COLUMN {t}.{} IS '{}'`",
                            col.name, pii.comment_marker
                        ),
                        _ => format!(
                            "store it encrypted (e.g. `bytea` with pgcrypto), use a type listed in `[pii] encrypted_types`, or if the application encrypts it, `COMMENT ON COLUMN {t}.{} IS '{}'`",
                            col.name, pii.comment_marker
                        ),
                    })
                    .with_object(format!("column:{}.{}", table.name, col.name)),
                );
            }
        }
    }
}

/// What a column's name says it holds, besides the data its `[pii]` pattern names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// The value itself.
    ClearText,
    /// Ciphertext, a keyed hash, or a one-way hash of a secret.
    NoClearText,
    /// An unkeyed hash of personal data, which trying every possible value reverses.
    HashOfPersonalData,
}

/// Words that say a column holds ciphertext or a keyed hash.
const CIPHER_WORDS: &[&str] = &["encrypted", "crypted", "ciphertext", "hmac"];
/// Words that say a column holds a one-way hash.
const HASH_WORDS: &[&str] = &["hash", "hashed", "digest", "bcrypt", "argon2", "scrypt", "pbkdf2"];
/// Words that name a secret with too many possible values to try: a password (hashed with
/// bcrypt or argon2, which makes each try slow), a random token or key.
const SECRET_WORDS: &[&str] = &["password", "passwd", "passphrase", "token", "secret", "key", "apikey"];

impl Held {
    /// Reads the words of `column` (split at `_` and at lower-to-upper case changes), leaving
    /// out the words `pattern` spells itself.
    fn of(column: &str, pattern: &str) -> Held {
        let pattern = pattern.to_ascii_lowercase();
        let spelled = |w: &str| words(&pattern).iter().any(|p| p == w);
        let words = words(column);
        let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()) && !spelled(w));
        if has(CIPHER_WORDS) {
            Held::NoClearText
        } else if has(HASH_WORDS) {
            if words.iter().any(|w| SECRET_WORDS.contains(&w.as_str())) {
                Held::NoClearText
            } else {
                Held::HashOfPersonalData
            }
        } else {
            Held::ClearText
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_hashes_and_ciphertext() {
        let held = |c: &str| Held::of(c, "*");
        assert_eq!(held("password_hash"), Held::NoClearText);
        assert_eq!(held("passwordDigest"), Held::NoClearText);
        assert_eq!(held("hashed_password"), Held::NoClearText);
        assert_eq!(held("encrypted_password"), Held::NoClearText);
        assert_eq!(held("reset_token_hash"), Held::NoClearText);
        assert_eq!(held("ssn_hmac"), Held::NoClearText);
        assert_eq!(held("ssn_hash"), Held::HashOfPersonalData);
        assert_eq!(held("reset_token"), Held::ClearText);
        assert_eq!(held("hashtag"), Held::ClearText);
        // The pattern asks for hashes by name.
        assert_eq!(Held::of("password_hash", "*_hash"), Held::ClearText);
        assert_eq!(Held::of("ssn_hmac", "*_hmac"), Held::ClearText);
        assert_eq!(words("apiKeyHMAC"), ["api", "key", "hmac"]);
    }
}
