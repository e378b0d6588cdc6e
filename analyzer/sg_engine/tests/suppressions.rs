//! Suppression comments: which findings each scope covers.

use sg_engine::{Config, MemoryFs, analyze};

fn rules_fired(fixture: &str) -> Vec<(String, u32)> {
    let fs = MemoryFs::from_fixture(fixture);
    // Only the rules these fixtures are about; others (an unindexed key, say) may fire too.
    let config = Config { select: vec!["integrity".into(), "meta".into()], ..Config::default() };
    let analysis = analyze(&fs, &config);
    analysis
        .diagnostics
        .iter()
        .map(|d| {
            let at = analysis.files.line_col(d.finding.span.file, d.finding.span.start as usize);
            (d.finding.rule.to_owned(), at.line)
        })
        .collect()
}

#[test]
fn a_comment_above_a_statement_covers_all_of_it_and_nothing_after() {
    let fired = rules_fired(
        r#"
//- migrations/000001_a.up.sql
CREATE TABLE a (id bigint PRIMARY KEY);
-- schemagraph: allow dangling-reference -- b comes from another service
CREATE TABLE c (
    id bigint PRIMARY KEY,
    b_id bigint REFERENCES b (id)
);
ALTER TABLE d ADD COLUMN x int;
"#,
    );
    assert_eq!(fired, vec![("dangling-reference".to_owned(), 7)]);
}

#[test]
fn a_header_comment_followed_by_a_blank_line_covers_the_file() {
    let fired = rules_fired(
        r#"
//- migrations/000001_a.up.sql
-- schemagraph: allow integrity -- this history starts from a restored dump

ALTER TABLE a ADD COLUMN x int;
ALTER TABLE b ADD COLUMN y int;
//- migrations/000002_b.up.sql
ALTER TABLE c ADD COLUMN z int;
"#,
    );
    assert_eq!(fired, vec![("dangling-reference".to_owned(), 1)]);
}

#[test]
fn missing_reasons_and_unknown_names_are_reported() {
    let fired = rules_fired(
        r#"
//- migrations/000001_a.up.sql
CREATE TABLE a (id bigint PRIMARY KEY);
-- schemagraph: allow dangling-reference
ALTER TABLE b ADD COLUMN x int;
-- schemagraph: allow dangling-refrence -- typo
ALTER TABLE c ADD COLUMN x int;
"#,
    );
    assert_eq!(
        fired,
        vec![
            ("suppression-without-reason".to_owned(), 2),
            ("unused-suppression".to_owned(), 4),
            ("dangling-reference".to_owned(), 5),
        ]
    );
}
