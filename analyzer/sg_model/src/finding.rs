//! Findings as plain data: what a rule (or an extractor) reports.
//!
//! Nothing here knows how a finding is shown; the report layer renders it, the engine
//! sorts, filters and assigns severities from configuration.

use std::fmt;

use crate::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Note,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        match name {
            "note" => Some(Severity::Note),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Another place a finding involves, such as each edge of a foreign-key cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A text edit that fixes the finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: String,
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    /// Filled in by the engine from the rule's default and the configuration.
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    pub related: Vec<Related>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
    /// The object the finding is about (`table:public.orders`, `fk:public.a.a_b_fkey`):
    /// with the rule and the stream it identifies the finding across edits that move lines,
    /// for baselines and SARIF fingerprints.
    pub object: String,
}

impl Finding {
    pub fn new(rule: &'static str, span: Span, message: impl Into<String>) -> Finding {
        Finding {
            rule,
            severity: Severity::Warning,
            message: message.into(),
            span,
            related: Vec::new(),
            help: None,
            fix: None,
            object: String::new(),
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Finding {
        self.help = Some(help.into());
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Finding {
        self.related.push(Related { span, message: message.into() });
        self
    }

    pub fn with_object(mut self, object: impl Into<String>) -> Finding {
        self.object = object.into();
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Finding {
        self.fix = Some(fix);
        self
    }

    /// Attaches `fix` when the rule could build one.
    pub fn with_optional_fix(mut self, fix: Option<Fix>) -> Finding {
        self.fix = fix;
        self
    }
}

/// Names of the rules that extractors and the engine report directly, rather than a rule's
/// check. The rule registry declares them; a test checks the two agree.
pub mod builtin {
    /// A statement or call that could not be parsed was skipped.
    pub const UNPARSED_STATEMENT: &str = "unparsed-statement";
    /// A construct that parsed but that the model cannot represent was skipped.
    pub const UNSUPPORTED_CONSTRUCT: &str = "unsupported-construct";
    /// A file could not be read, or was not valid UTF-8.
    pub const UNREADABLE_FILE: &str = "unreadable-file";
    /// A suppression comment suppressed nothing, or names no rule.
    pub const UNUSED_SUPPRESSION: &str = "unused-suppression";
    /// A recorded migration changed, vanished, or a new one came before it.
    pub const EDITED_MIGRATION: &str = "edited-migration";
    /// A suppression comment gives no reason.
    pub const SUPPRESSION_WITHOUT_REASON: &str = "suppression-without-reason";
}
