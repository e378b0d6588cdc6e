//! `tenant-unique-without-tenant-key`: uniqueness across tenants where it should be within one.

use sg_model::op::IndexKey;
use sg_model::{Finding, Span};

use super::{show, tenant_column};
use crate::support::words;
use crate::{Rule, StreamContext, declare_rule};

declare_rule! {
    /// A unique key on a tenant-scoped table leaves the tenant column out.
    ///
    /// ## What it does
    /// At the head of each stream, reports unique constraints and unique indexes of
    /// tenant-scoped tables that do not include the tenant column. Primary keys are not
    /// reported: a surrogate id is meant to be unique everywhere.
    ///
    /// Nor is a key on a column whose name says it holds a random secret or its hash: a
    /// token, a secret, a nonce, an API key (`token_hash`, `refresh_token`,
    /// `api_key_digest`, `client_secret`). No tenant chooses such a value, so none is
    /// refused one another tenant has, and it is looked up before its tenant is known: it
    /// must be unique across tenants, and adding the tenant column would make the lookup
    /// ambiguous.
    ///
    /// Other values can be unique everywhere by design (a `uuid` with a random default, a
    /// sequence number, an id from another system), but the schema does not say that
    /// nobody supplies them: an import can bring the same value to two tenants. Those keys
    /// are reported; where global uniqueness is intended, allow the finding with a reason,
    /// in a comment above the statement:
    /// `-- schemagraph: allow tenant-unique-without-tenant-key -- public ids are generated, never imported`.
    ///
    /// ## Why is this bad?
    /// `UNIQUE (email)` on a tenant table means two tenants cannot have a user with the
    /// same email: the second signup fails, and the error tells it the address exists,
    /// leaking another tenant's data.
    ///
    /// ## Examples
    /// ### Invalid
    /// ```sql,expect_diagnostic
    /// CREATE TABLE users (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, email text NOT NULL UNIQUE);
    /// ```
    ///
    /// ### Valid
    /// ```sql
    /// CREATE TABLE users (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, email text NOT NULL, UNIQUE (tenant_id, email));
    /// ```
    ///
    /// ### Valid
    /// An API key is found by its hash before its tenant is known:
    /// ```sql
    /// CREATE TABLE api_keys (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, token_hash bytea NOT NULL UNIQUE);
    /// ```
    ///
    /// ### Valid
    /// Global uniqueness intended, and said so:
    /// ```sql
    /// CREATE TABLE documents (id bigint PRIMARY KEY, tenant_id bigint NOT NULL, public_id uuid NOT NULL DEFAULT gen_random_uuid());
    /// -- schemagraph: allow tenant-unique-without-tenant-key -- public ids are generated, never imported
    /// CREATE UNIQUE INDEX documents_public_id_idx ON documents (public_id);
    /// ```
    ///
    /// ## Fix
    /// Put the tenant column first in the key: `UNIQUE (tenant_id, email)`.
    pub struct TenantUniqueWithoutTenantKey {
        name: "tenant-unique-without-tenant-key",
        category: Tenancy,
        severity: Warning,
    }
}

impl Rule for TenantUniqueWithoutTenantKey {
    fn check_stream(&self, cx: &StreamContext<'_>, out: &mut Vec<Finding>) {
        let d = cx.stream.dialect;
        for table in cx.head.tables.values() {
            let Some(tc) = tenant_column(cx.settings, table) else { continue };
            let mut keys: Vec<(String, Vec<String>, Span)> = table
                .uniques
                .iter()
                .filter(|u| !u.columns.contains(tc) && !u.columns.iter().any(holds_secret))
                .map(|u| (u.name.to_string(), u.columns.iter().map(ToString::to_string).collect(), u.origin.span))
                .collect();
            keys.extend(
                table
                    .indexes
                    .iter()
                    .filter(|ix| {
                        ix.unique
                            && !ix.keys.iter().any(|k| matches!(k, IndexKey::Column(c) if c == tc || holds_secret(c)))
                    })
                    .map(|ix| (ix.name.to_string(), ix.keys.iter().map(IndexKey::text).collect(), ix.origin.span)),
            );
            let t = show(table, d);
            for (name, cols, span) in keys {
                let cols = cols.join(", ");
                out.push(
                    Finding::new(
                        TenantUniqueWithoutTenantKey::META.name,
                        span,
                        format!(
                            "Unique key `{name}` on ({cols}) of tenant-scoped `{t}` leaves out `{tc}`: a value used by one tenant is refused for every other"
                        ),
                    )
                    .with_help(format!(
                        "include the tenant column: `UNIQUE ({tc}, {cols})`; if the value must be unique across tenants, say why in a comment above the statement: `schemagraph: allow {} -- <why>`",
                        TenantUniqueWithoutTenantKey::META.name
                    ))
                    .with_object(format!("unique:{}.{name}", table.name)),
                );
            }
        }
    }
}

/// Whether a column's name says it holds a random secret or its hash: `token_hash`,
/// `refresh_token`, `client_secret`, `nonce`, `api_key_digest`.
fn holds_secret(column: &sg_model::Ident) -> bool {
    let words = words(column.as_str());
    let api_key = words.windows(2).any(|w| w[0] == "api" && w[1] == "key");
    api_key || words.iter().any(|w| matches!(w.as_str(), "token" | "secret" | "nonce" | "apikey"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_by_name() {
        let secret = |n: &str| holds_secret(&sg_model::Ident::normalized(n));
        assert!(secret("token_hash"));
        assert!(secret("refreshToken"));
        assert!(secret("api_key_digest"));
        assert!(secret("client_secret"));
        assert!(!secret("email"));
        assert!(!secret("idempotency_key"));
        assert!(!secret("tokenizer"));
    }
}
