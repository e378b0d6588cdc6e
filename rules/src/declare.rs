//! `declare_rule!`: the one place a rule's name, category, severity and documentation are
//! written. The documentation is the doc comment; its first line is the summary.
//!
//! ```text
//! declare_rule! {
//!     /// Foreign keys form a cycle.
//!     ///
//!     /// ## Why is this bad?
//!     /// ...
//!     pub struct FkCycle {
//!         name: "fk-cycle",
//!         category: Graph,
//!         severity: Error,
//!     }
//! }
//! ```

#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $ty:ident {
            name: $name:literal,
            category: $category:ident,
            severity: $severity:ident
            $(, options: [$(($opt:literal, $opt_doc:literal)),* $(,)?])?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $ty;

        impl $ty {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                name: $name,
                category: $crate::Category::$category,
                default_severity: ::sg_model::Severity::$severity,
                docs: concat!($($doc, "\n"),*),
                options: &[$($(($opt, $opt_doc)),*)?],
            };
        }
    };
}
