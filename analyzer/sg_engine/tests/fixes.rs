//! Fixes do what they say: applying a finding's fix to the file makes that finding go away
//! and introduces no statement the analyzer cannot read.
//!
//! Two tests: every failing example in the rule docs whose finding carries a fix is fixed
//! and analyzed again, and a table of fixtures pins the exact text each fix writes.

use std::collections::BTreeMap;

use sg_engine::{Analysis, Config, MemoryFs, analyze};
use sg_model::Fix;
use sg_model::finding::builtin::UNPARSED_STATEMENT;
use sg_rules::{RULES, docs};

/// The files of a repository, by path.
type Files = BTreeMap<String, String>;

fn analyze_files(files: &Files) -> Analysis {
    let mut fs = MemoryFs::new();
    for (path, text) in files {
        fs = fs.with(path, text.as_bytes().to_vec());
    }
    analyze(&fs, &Config::default())
}

/// `files` with `fix` applied to the file it edits.
fn apply(analysis: &Analysis, files: &Files, fix: &Fix) -> Files {
    let mut out = files.clone();
    let mut edits = fix.edits.clone();
    assert!(!edits.is_empty(), "the fix `{}` has no edit", fix.title);
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for edit in edits {
        let path = analysis.files.path(edit.span.file);
        let text = out.get_mut(path).unwrap_or_else(|| panic!("the fix edits `{path}`, which is not in the fixture"));
        text.replace_range(edit.span.range(), &edit.replacement);
    }
    out
}

/// The findings of `rule` and the statements the analyzer could not read, as
/// `path: message` lines.
fn remaining(analysis: &Analysis, rule: &str) -> Vec<String> {
    analysis
        .diagnostics
        .iter()
        .filter(|d| d.finding.rule == rule || d.finding.rule == UNPARSED_STATEMENT)
        .map(|d| format!("{} {}: {}", analysis.files.path(d.finding.span.file), d.finding.rule, d.finding.message))
        .collect()
}

#[test]
fn documented_fixes_remove_their_finding() {
    let mut failures = Vec::new();
    let mut fixed = 0;
    for entry in RULES {
        let rule = entry.meta.name;
        for example in docs::examples(entry.meta.docs).into_iter().filter(|e| e.expect_diagnostic) {
            // Examples with a configuration file are covered by the rule-docs test.
            if example.files.iter().any(|(p, _)| p == "schemagraph.toml") {
                continue;
            }
            let files: Files = example
                .files
                .iter()
                .map(|(p, bytes)| (p.clone(), String::from_utf8_lossy(bytes).into_owned()))
                .collect();
            let analysis = analyze_files(&files);
            let fixes: Vec<&Fix> = analysis
                .diagnostics
                .iter()
                .filter(|d| d.finding.rule == rule)
                .filter_map(|d| d.finding.fix.as_ref())
                .collect();
            for fix in fixes {
                fixed += 1;
                let after = apply(&analysis, &files, fix);
                let left = remaining(&analyze_files(&after), rule);
                if !left.is_empty() {
                    failures.push(format!(
                        "{rule} ({}): after `{}` the files still give:\n  {}\n  files: {after:#?}",
                        example.heading,
                        fix.title,
                        left.join("\n  ")
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "fixes that do not fix:\n{}", failures.join("\n\n"));
    assert!(fixed >= 4, "expected the rule docs to show at least 4 fixes, found {fixed}");
}

/// A fixture, the rule, the fix's title, and the fixed text of the last file.
struct Case {
    files: &'static [(&'static str, &'static str)],
    rule: &'static str,
    title: &'static str,
    fixed: &'static str,
}

const ORDERS: (&str, &str) = (
    "db/migrations/000001_orders.up.sql",
    "CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric NOT NULL);\nCREATE TABLE customers (id bigint PRIMARY KEY);\nCREATE INDEX orders_total_idx ON orders (total);\n",
);

const CASES: &[Case] = &[
    Case {
        files: &[
            ORDERS,
            (
                "db/migrations/000002_index.up.sql",
                "create unique /* by customer */ index orders_customer_idx on orders (customer_id, id);\n",
            ),
        ],
        rule: "non-concurrent-index",
        title: "Build the index CONCURRENTLY",
        fixed: "create unique /* by customer */ index CONCURRENTLY orders_customer_idx on orders (customer_id, id);\n",
    },
    Case {
        files: &[ORDERS, ("db/migrations/000002_drop.up.sql", "DROP INDEX IF EXISTS orders_total_idx;\n")],
        rule: "non-concurrent-index-drop",
        title: "Drop the index CONCURRENTLY",
        fixed: "DROP INDEX CONCURRENTLY IF EXISTS orders_total_idx;\n",
    },
    Case {
        files: &[
            ORDERS,
            (
                "db/migrations/000002_fk.up.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;\n",
            ),
        ],
        rule: "foreign-key-without-not-valid",
        title: "Add the constraint NOT VALID (validate it in a later migration)",
        fixed: "SET lock_timeout = '2s';\nALTER TABLE orders\n  ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;\n",
    },
    Case {
        files: &[
            ORDERS,
            (
                "db/migrations/000002_check.up.sql",
                "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0), ADD COLUMN note text;\n",
            ),
        ],
        rule: "check-without-not-valid",
        title: "Add the constraint NOT VALID (validate it in a later migration)",
        fixed: "SET lock_timeout = '2s';\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total > 0) NOT VALID, ADD COLUMN note text;\n",
    },
    Case {
        files: &[
            ORDERS,
            ("db/migrations/000002_note.up.sql", "-- a note for support\n  ALTER TABLE orders ADD COLUMN note text;\n"),
        ],
        rule: "missing-lock-timeout",
        title: "Set a timeout first",
        fixed: "-- a note for support\n  SET lock_timeout = '5s';\n  ALTER TABLE orders ADD COLUMN note text;\n",
    },
    Case {
        files: &[
            ORDERS,
            (
                "db/migrations/000002_note.up.sql",
                "-- schemagraph: allow drop-table -- the old table is gone\nSET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n",
            ),
        ],
        rule: "unused-suppression",
        title: "Remove the suppression",
        fixed: "SET lock_timeout = '2s';\nALTER TABLE orders ADD COLUMN note text;\n",
    },
    Case {
        files: &[
            ORDERS,
            (
                "db/migrations/000002_note.up.sql",
                "-- schemagraph: allow missing-lock-timeout, drop-table -- reviewed: orders is small\nALTER TABLE orders ADD COLUMN note text;\n",
            ),
        ],
        rule: "unused-suppression",
        title: "Remove `drop-table` from the suppression",
        fixed: "-- schemagraph: allow missing-lock-timeout -- reviewed: orders is small\nALTER TABLE orders ADD COLUMN note text;\n",
    },
];

#[test]
fn fixes_write_the_expected_text() {
    for case in CASES {
        let files: Files = case.files.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect();
        let analysis = analyze_files(&files);
        let fixes: Vec<&Fix> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.finding.rule == case.rule)
            .filter_map(|d| d.finding.fix.as_ref())
            .collect();
        let [fix] = fixes.as_slice() else {
            panic!("{}: expected one finding with a fix, got {}", case.rule, fixes.len());
        };
        assert_eq!(fix.title, case.title, "{}", case.rule);
        let after = apply(&analysis, &files, fix);
        let (last, _) = case.files.last().expect("a case has files");
        assert_eq!(after[*last], case.fixed, "{}", case.rule);
        let left = remaining(&analyze_files(&after), case.rule);
        assert!(left.is_empty(), "{}: the fixed files still give {left:?}", case.rule);
    }
}

/// Where the edit would be wrong, there is no fix: a build inside a transaction (CONCURRENTLY
/// would make the migration fail), on a partitioned table, a statement with several indexes,
/// SQL in a Python string.
#[test]
fn no_fix_where_the_edit_would_be_wrong() {
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[
                ORDERS,
                (
                    "db/migrations/000002_index.up.sql",
                    "BEGIN;\nCREATE INDEX orders_customer_idx ON orders (customer_id);\nCOMMIT;\n",
                ),
            ],
            "non-concurrent-index",
        ),
        (
            &[
                (
                    "db/migrations/00001_orders.sql",
                    "-- +goose Up\nCREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint);\n",
                ),
                (
                    "db/migrations/00002_index.sql",
                    "-- +goose Up\nCREATE INDEX orders_customer_idx ON orders (customer_id);\n",
                ),
            ],
            "non-concurrent-index",
        ),
        // PostgreSQL refuses CONCURRENTLY on a partitioned table, partitions or not.
        (
            &[
                (
                    "db/migrations/000001_events.up.sql",
                    "CREATE TABLE events (id bigint NOT NULL, at timestamptz NOT NULL) PARTITION BY RANGE (at);\n",
                ),
                ("db/migrations/000002_index.up.sql", "CREATE INDEX events_at_idx ON events (at);\n"),
            ],
            "non-concurrent-index",
        ),
        (
            &[ORDERS, ("db/migrations/000002_drop.up.sql", "DROP INDEX orders_total_idx CASCADE;\n")],
            "non-concurrent-index-drop",
        ),
        (
            &[ORDERS, ("db/migrations/000002_note.up.sql", "SELECT 1; ALTER TABLE orders ADD COLUMN note text;\n")],
            "missing-lock-timeout",
        ),
    ];
    for (fixture, rule) in cases {
        let files: Files = fixture.iter().map(|(p, t)| ((*p).to_owned(), (*t).to_owned())).collect();
        let analysis = analyze_files(&files);
        let found: Vec<_> = analysis.diagnostics.iter().filter(|d| d.finding.rule == *rule).collect();
        assert_eq!(found.len(), 1, "{rule}: expected the finding in {fixture:?}");
        assert!(
            found[0].finding.fix.is_none(),
            "{rule}: expected no fix in {fixture:?}, got {:?}",
            found[0].finding.fix
        );
    }
}
