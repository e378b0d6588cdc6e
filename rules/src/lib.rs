//! The rule catalog.
//!
//! Each rule lives in one file, `src/<category>/<rule_name>.rs`: a `declare_rule!` with its
//! documentation (the doc comment, whose examples are executed by a test in `sg_engine`) and
//! an `impl Rule` with its check. `registry.rs` is generated from those files by
//! `cargo xtask codegen`; nothing else lists rules by hand.
//!
//! Invariant: rules are pure. They read the model, the replay and the graphs and return
//! findings; they do no IO and know nothing of parsers, terminals, JSON or LSP.

mod context;
mod declare;
pub mod docs;
mod fix;
mod registry;
pub mod settings;
mod support;

pub mod compat;
pub mod design;
pub mod drift;
pub mod extraction;
pub mod graph;
pub mod integrity;
pub mod locking;
pub mod meta;
pub mod rollback;
pub mod security;
pub mod tenancy;

pub use context::{HistoryEvent, OpContext, SourceText, StreamContext, StreamInfo};
pub use registry::RULES;
pub use settings::Settings;

use sg_model::{Finding, Severity};

/// The groups users select and configure rules by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    Extraction,
    Integrity,
    Graph,
    Tenancy,
    Compat,
    Locking,
    Rollback,
    Security,
    Drift,
    /// Schema design choices that cause trouble later.
    Design,
    Meta,
}

impl Category {
    pub const ALL: [Category; 11] = [
        Category::Extraction,
        Category::Integrity,
        Category::Graph,
        Category::Tenancy,
        Category::Compat,
        Category::Locking,
        Category::Rollback,
        Category::Security,
        Category::Drift,
        Category::Design,
        Category::Meta,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Category::Extraction => "extraction",
            Category::Integrity => "integrity",
            Category::Graph => "graph",
            Category::Tenancy => "tenancy",
            Category::Compat => "compat",
            Category::Locking => "locking",
            Category::Rollback => "rollback",
            Category::Security => "security",
            Category::Drift => "drift",
            Category::Design => "design",
            Category::Meta => "meta",
        }
    }

    pub fn from_name(name: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// Everything about a rule except its check.
#[derive(Debug)]
pub struct RuleMeta {
    /// The public id: kebab-case, naming the problem.
    pub name: &'static str,
    pub category: Category,
    pub default_severity: Severity,
    /// The documentation, Markdown; the first line is the summary.
    pub docs: &'static str,
    /// Options the rule accepts in `[rules]`: name and what it does.
    pub options: &'static [(&'static str, &'static str)],
}

impl RuleMeta {
    pub fn summary(&self) -> &'static str {
        self.docs.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
    }

    /// The documentation without the common leading space that doc comments carry.
    pub fn docs_text(&self) -> String {
        self.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n").trim().to_owned()
    }

    /// The page that documents the rule; the one function that builds these URLs.
    pub fn url(&self) -> String {
        docs_url(self.name)
    }
}

pub const DOCS_BASE_URL: &str = "https://github.com/schemagraph/schemagraph/blob/main/docs/rules";

pub fn docs_url(rule: &str) -> String {
    format!("{DOCS_BASE_URL}/{rule}.md")
}

/// A rule's check. Both hooks default to nothing; a rule implements the one it needs.
pub trait Rule: Sync + Send {
    /// Called for each up operation with the schema just before it.
    fn check_op(&self, _cx: &OpContext<'_>, _out: &mut Vec<Finding>) {}

    /// Called once per stream after the whole history has been replayed.
    fn check_stream(&self, _cx: &StreamContext<'_>, _out: &mut Vec<Finding>) {}
}

/// A registry entry: a rule's metadata and its check.
pub struct RuleEntry {
    pub meta: &'static RuleMeta,
    pub rule: &'static dyn Rule,
}

/// Looks a rule up by its public name.
pub fn rule(name: &str) -> Option<&'static RuleEntry> {
    RULES.iter().find(|r| r.meta.name == name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_names_are_unique_kebab_case() {
        let names: Vec<&str> = RULES.iter().map(|r| r.meta.name).collect();
        let mut sorted = names.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(names, sorted, "the registry must be sorted by name without duplicates");
        for name in names {
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !name.starts_with('-')
                    && !name.ends_with('-'),
                "`{name}` is not kebab-case"
            );
        }
    }

    #[test]
    fn every_rule_has_a_one_line_summary_and_the_required_sections() {
        for r in RULES {
            let docs = r.meta.docs_text();
            let summary = r.meta.summary();
            assert!(!summary.is_empty() && summary.ends_with('.'), "{}: the summary must be one sentence", r.meta.name);
            for section in ["## Why is this bad?", "## Examples"] {
                assert!(docs.contains(section), "{}: the docs need a `{section}` section", r.meta.name);
            }
        }
    }

    #[test]
    fn builtin_rule_names_are_registered() {
        use sg_model::finding::builtin::*;
        for name in
            [UNPARSED_STATEMENT, UNSUPPORTED_CONSTRUCT, UNREADABLE_FILE, UNUSED_SUPPRESSION, SUPPRESSION_WITHOUT_REASON]
        {
            assert!(rule(name).is_some(), "`{name}` is reported by extractors but not declared");
        }
    }
}
