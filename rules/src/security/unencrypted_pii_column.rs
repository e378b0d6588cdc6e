//! `unencrypted-pii-column`: a column that looks like personal data stored in the clear.

use sg_model::{Finding, TypeFamily};

use crate::settings::glob_match;
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
    /// ### Valid
    /// ```sql
    /// CREATE TABLE employees (id bigint PRIMARY KEY, name text, ssn bytea);
    /// CREATE TABLE api_clients (id bigint PRIMARY KEY, api_key text);
    /// COMMENT ON COLUMN api_clients.api_key IS 'encrypted by the application (envelope key v2)';
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
                        format!(
                            "Column `{t}.{}` looks like personal or secret data (it matches `{pattern}`) and is stored unencrypted as `{ty}`",
                            col.name
                        ),
                    )
                    .with_help(format!(
                        "store it encrypted (e.g. `bytea` with pgcrypto), use a type listed in `[pii] encrypted_types`, or if the application encrypts it, `COMMENT ON COLUMN {t}.{} IS '{}'`",
                        col.name, pii.comment_marker
                    ))
                    .with_object(format!("column:{}.{}", table.name, col.name)),
                );
            }
        }
    }
}
