//! tree-sitter languages and the queries the extractors run on them.
//!
//! Queries live as `.scm` files beside this crate (`python/*.scm`, `go/*.scm`), compiled
//! into the binary with `include_str!` and checked by a test here, so a broken query fails
//! `cargo test`, not a user's run. Extractors get parsers and compiled queries from this
//! crate and never build their own.

use std::sync::OnceLock;

pub use tree_sitter;
use tree_sitter::{Language, Parser, Query};

/// The languages schemagraph reads with tree-sitter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Python,
    Go,
}

impl Lang {
    pub fn language(self) -> Language {
        match self {
            Lang::Python => tree_sitter_python::LANGUAGE.into(),
            Lang::Go => tree_sitter_go::LANGUAGE.into(),
        }
    }

    /// A parser set to this language.
    pub fn parser(self) -> Parser {
        let mut parser = Parser::new();
        // The grammar crates are built against the ABI this tree-sitter accepts (checked by
        // the tests below), so setting the language cannot fail at run time.
        parser.set_language(&self.language()).expect("grammar ABI matches tree-sitter");
        parser
    }
}

/// A named query file of one language.
pub struct QuerySource {
    pub lang: Lang,
    pub name: &'static str,
    pub source: &'static str,
}

/// Every query file; extractors add theirs here.
pub const QUERIES: &[QuerySource] = &[
    QuerySource {
        lang: Lang::Python,
        name: "module_assignments",
        source: include_str!("../python/module_assignments.scm"),
    },
    QuerySource {
        lang: Lang::Python,
        name: "migration_functions",
        source: include_str!("../python/migration_functions.scm"),
    },
    QuerySource {
        lang: Lang::Python,
        name: "module_docstring",
        source: include_str!("../python/module_docstring.scm"),
    },
    QuerySource { lang: Lang::Go, name: "package_values", source: include_str!("../go/package_values.scm") },
    QuerySource { lang: Lang::Go, name: "functions", source: include_str!("../go/functions.scm") },
    QuerySource { lang: Lang::Go, name: "goose_registrations", source: include_str!("../go/goose_registrations.scm") },
    QuerySource { lang: Lang::Go, name: "type_specs", source: include_str!("../go/type_specs.scm") },
    QuerySource { lang: Lang::Go, name: "methods", source: include_str!("../go/methods.scm") },
    QuerySource { lang: Lang::Go, name: "migrate_calls", source: include_str!("../go/migrate_calls.scm") },
    QuerySource { lang: Lang::Go, name: "naming_strategy", source: include_str!("../go/naming_strategy.scm") },
];

/// The compiled query named `name` for `lang`, compiled once per process.
pub fn query(lang: Lang, name: &str) -> Option<&'static Query> {
    static COMPILED: OnceLock<Vec<(Lang, &'static str, Query)>> = OnceLock::new();
    let all = COMPILED.get_or_init(|| {
        QUERIES
            .iter()
            .filter_map(|q| Query::new(&q.lang.language(), q.source).ok().map(|c| (q.lang, q.name, c)))
            .collect()
    });
    all.iter().find(|(l, n, _)| *l == lang && *n == name).map(|(_, _, q)| q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammars_load_and_parse() {
        let tree = Lang::Python.parser().parse("op.create_table('users')\n", None).expect("python parses");
        assert!(!tree.root_node().has_error());
        let tree = Lang::Go.parser().parse("package main\ntype User struct { ID uint }\n", None).expect("go parses");
        assert!(!tree.root_node().has_error());
    }

    #[test]
    fn every_query_compiles() {
        for q in QUERIES {
            if let Err(e) = Query::new(&q.lang.language(), q.source) {
                panic!("query {:?}/{} does not compile: {e}", q.lang, q.name);
            }
        }
    }
}
