//! From SQL text to ops: split, parse each statement with sqlparser, lower it, and recover
//! what sqlparser rejects with hand-written recognizers.
//!
//! Every statement yields at least one op: a statement that cannot be understood becomes an
//! `Opaque` op plus an `unparsed-statement` note at its exact location, so nothing is lost
//! in silence and the rest of the text is still analyzed.

use sg_model::finding::builtin::{UNPARSED_STATEMENT, UNSUPPORTED_CONSTRUCT};
use sg_model::op::{CreateTable, MaintenanceKind};
use sg_model::{Dialect, Finding, LineIndex, OffsetMap, Op, OpKind};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;

use crate::lexer::TokenKind;
use crate::lower::{StmtCx, lower_statement, statement_label};
use crate::plpgsql;
use crate::rewrite::rewrite;
use crate::split::{RawStatement, split};
use crate::words::Words;

/// Ops and findings extracted from one text.
#[derive(Debug, Default)]
pub struct Extraction {
    pub ops: Vec<Op>,
    pub findings: Vec<Finding>,
}

impl Extraction {
    pub fn extend(&mut self, other: Extraction) {
        self.ops.extend(other.ops);
        self.findings.extend(other.findings);
    }
}

/// Extracts every statement of `src`; `map` places the text in its file.
pub fn extract_sql(src: &str, map: &OffsetMap, dialect: Dialect) -> Extraction {
    let mut out = Extraction::default();
    for stmt in split(src, dialect).statements {
        extract_statement(src, map, dialect, &stmt, &mut out);
    }
    out
}

pub(crate) fn extract_statement(
    src: &str,
    map: &OffsetMap,
    dialect: Dialect,
    stmt: &RawStatement,
    out: &mut Extraction,
) {
    let span = map.span(stmt.start, stmt.end);
    let text = &src[stmt.start..stmt.end];

    if stmt.meta {
        let command = text.split_whitespace().next().unwrap_or(text);
        // These only change the client session; `\i` and friends would run other files.
        let harmless = matches!(
            command,
            "\\restrict"
                | "\\unrestrict"
                | "\\connect"
                | "\\c"
                | "\\set"
                | "\\unset"
                | "\\echo"
                | "\\timing"
                | "\\pset"
        );
        out.ops.push(Op::new(OpKind::NoEffect { what: format!("psql meta-command `{command}`") }, span));
        if !harmless {
            out.findings.push(
                Finding::new(
                    UNPARSED_STATEMENT,
                    span,
                    format!("psql meta-command `{command}` is not SQL and was skipped"),
                )
                .with_help("whatever this command runs is not part of the analysis; inline the SQL it includes"),
            );
        }
        return;
    }

    if let Some(tok) = stmt.unterminated {
        let what = match tok.kind {
            TokenKind::DollarString => "dollar-quoted string",
            TokenKind::String => "string literal",
            TokenKind::QuotedIdent => "quoted identifier",
            _ => "block comment",
        };
        let line_end = src[tok.start..].find('\n').map_or(src.len(), |i| tok.start + i);
        let skipped_lines = src[stmt.start..].lines().count();
        out.ops.push(Op::new(OpKind::Opaque { reason: format!("unterminated {what}") }, span));
        out.findings.push(
            Finding::new(
                UNPARSED_STATEMENT,
                map.span(tok.start, line_end),
                format!(
                    "Unterminated {what}: the statement that starts here and the rest of the text ({skipped_lines} lines) were not analyzed"
                ),
            )
            .with_help(format!("close the {what}; everything after its opening is read as part of it")),
        );
        return;
    }

    let stmt_map = map.sub_map(stmt.start, text.len());
    let cx = StmtCx { dialect, text, index: LineIndex::new(text), map: stmt_map, span };

    // DO blocks never parse in sqlparser, and their body is what matters.
    if dialect == Dialect::Postgres && starts_with_word(text, "DO") {
        plpgsql::extract_do(&cx, out);
        return;
    }

    match parse(text, dialect) {
        Ok(statements) => {
            let ops = lower_all(&cx, &statements, out);
            out.ops.extend(ops);
        }
        Err(mut err) => {
            // A clause sqlparser does not know, blanked out, may leave a statement it parses.
            if let Some(rw) = rewrite(text, dialect) {
                let parsed = if rw.parse { parse(&rw.text, dialect) } else { Ok(Vec::new()) };
                match parsed {
                    Ok(statements) => {
                        let rcx = StmtCx {
                            dialect,
                            text: &rw.text,
                            index: LineIndex::new(&rw.text),
                            map: cx.map.clone(),
                            span,
                        };
                        let mut ops = lower_all(&rcx, &statements, out);
                        rw.finish(&mut ops, span);
                        out.ops.extend(ops);
                        return;
                    }
                    // What is left is what sqlparser cannot parse, at the same offsets.
                    Err(e) => err = e,
                }
            }
            if let Some(kinds) = recognize(&cx) {
                // ALTER ... IF EXISTS on a missing object does nothing, which is no error.
                let conditional = alters_if_exists(&cx);
                for kind in kinds {
                    if let OpKind::Opaque { reason } = &kind {
                        out.findings.push(unsupported(span, reason));
                    }
                    let mut op = Op::new(kind, span);
                    op.conditional = conditional;
                    out.ops.push(op);
                }
                return;
            }
            let (message, at) = clean_parser_error(&err.to_string());
            let label = statement_label(text);
            out.ops.push(Op::new(OpKind::Opaque { reason: format!("could not parse {label}: {message}") }, span));
            let mut finding = Finding::new(
                UNPARSED_STATEMENT,
                span,
                format!("Could not parse this `{label}` statement ({message}); it was skipped"),
            )
            .with_help("schemagraph does not know what this statement does to the schema; if it creates or changes objects, later findings about them may be wrong");
            if let Some((line, column)) = at {
                let offset = cx.index.offset(text, line, column);
                let end = text[offset..].find(char::is_whitespace).map_or(text.len(), |i| offset + i);
                finding = finding.with_related(cx.map.span(offset, end.max(offset)), "the parser stopped here");
            }
            out.findings.push(finding);
        }
    }
}

/// Lowers parsed statements to ops, reporting the parts the model does not represent.
fn lower_all(cx: &StmtCx<'_>, statements: &[sqlparser::ast::Statement], out: &mut Extraction) -> Vec<Op> {
    let mut ops = Vec::new();
    for statement in statements {
        let lowered = lower_statement(cx, statement);
        for reason in &lowered.unsupported {
            out.findings.push(unsupported(cx.span, reason));
        }
        ops.extend(lowered.ops);
    }
    ops
}

fn unsupported(span: sg_model::Span, reason: &str) -> Finding {
    Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}")).with_help(
        "the schema model may miss what this statement does; later findings about these objects can be wrong",
    )
}

/// `ALTER <kind> IF EXISTS ...`.
fn alters_if_exists(cx: &StmtCx<'_>) -> bool {
    let head = Words::new(cx.text, cx.dialect).lookahead_upper(5);
    head.first().is_some_and(|w| w == "ALTER") && head.windows(2).any(|p| p[0] == "IF" && p[1] == "EXISTS")
}

fn starts_with_word(text: &str, word: &str) -> bool {
    text.len() >= word.len()
        && text[..word.len()].eq_ignore_ascii_case(word)
        && text[word.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric() && c != '_')
}

pub(crate) fn parse(
    text: &str,
    dialect: Dialect,
) -> Result<Vec<sqlparser::ast::Statement>, sqlparser::parser::ParserError> {
    match dialect {
        Dialect::Postgres => Parser::new(&PostgreSqlDialect {}).try_with_sql(text)?.parse_statements(),
        Dialect::MySql => Parser::new(&MySqlDialect {}).try_with_sql(text)?.parse_statements(),
        Dialect::Sqlite => Parser::new(&SQLiteDialect {}).try_with_sql(text)?.parse_statements(),
    }
}

/// Splits sqlparser's `sql parser error: Expected: X, found: Y at Line: 1, Column: 5` into a
/// message and a position.
fn clean_parser_error(raw: &str) -> (String, Option<(u32, u32)>) {
    let msg = raw.trim_start_matches("sql parser error: ").trim_start_matches("sql tokenizer error: ");
    if let Some(at) = msg.rfind(" at Line: ") {
        let pos = &msg[at + " at Line: ".len()..];
        let mut parts = pos.split(", Column: ");
        let line = parts.next().and_then(|l| l.trim().parse().ok());
        let column = parts.next().and_then(|c| c.trim().parse().ok());
        if let (Some(line), Some(column)) = (line, column) {
            return (msg[..at].to_owned(), Some((line, column)));
        }
    }
    (msg.to_owned(), None)
}

/// Hand-written recognizers for common migration statements that sqlparser rejects.
fn recognize(cx: &StmtCx<'_>) -> Option<Vec<OpKind>> {
    let mut w = Words::new(cx.text, cx.dialect);
    let head = w.lookahead_upper(3);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    if head.first() == Some(&"CREATE")
        && let Some(kinds) = recognize_create_trigger(&mut w)
    {
        return Some(kinds);
    }
    match head.as_slice() {
        // DROP INDEX CONCURRENTLY [IF EXISTS] a, b [CASCADE | RESTRICT]
        ["DROP", "INDEX", ..] => {
            w.eat_all(&["DROP", "INDEX"]);
            let concurrently = w.eat("CONCURRENTLY");
            let if_exists = w.eat_all(&["IF", "EXISTS"]);
            let names = w.object_names();
            let cascade = w.eat("CASCADE");
            w.eat("RESTRICT");
            (!names.is_empty() && w.at_end()).then(|| {
                names
                    .into_iter()
                    .map(|name| OpKind::DropIndex { name, table: None, if_exists, concurrently, cascade })
                    .collect()
            })
        }
        // REINDEX [(options)] {INDEX | TABLE | SCHEMA | DATABASE | SYSTEM} [CONCURRENTLY] name
        ["REINDEX", ..] => {
            w.eat("REINDEX");
            if w.eat_punct("(") {
                while !w.at_end() && !w.eat_punct(")") {
                    w.pos += 1;
                }
            }
            for kind in ["INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM"] {
                if w.eat(kind) {
                    break;
                }
            }
            let concurrently = w.eat("CONCURRENTLY");
            let target = w.object_name()?;
            Some(vec![OpKind::Reindex { target, concurrently }])
        }
        ["ALTER", "DEFAULT", "PRIVILEGES"] => Some(vec![OpKind::NoEffect { what: "ALTER DEFAULT PRIVILEGES".into() }]),
        // ALTER DOMAIN name ADD [CONSTRAINT c] CHECK (...) [NOT VALID] | SET NOT NULL | ...
        // Only a validated constraint re-checks the columns of the domain; `NOT VALID`
        // checks new values only.
        ["ALTER", "DOMAIN", ..] => {
            w.eat_all(&["ALTER", "DOMAIN"]);
            let name = w.object_name()?;
            let checks = if w.eat("ADD") {
                let mut not_valid = false;
                while !w.at_end() {
                    not_valid = w.eat_all(&["NOT", "VALID"]) && (w.at_end() || w.eat_punct(";"));
                    if !not_valid && !w.at_end() {
                        w.pos += 1;
                    }
                }
                !not_valid
            } else {
                w.eat_all(&["SET", "NOT", "NULL"])
            };
            if checks {
                Some(vec![OpKind::DomainConstraint { name }])
            } else {
                Some(vec![OpKind::NoEffect { what: "ALTER DOMAIN".into() }])
            }
        }
        // ALTER SEQUENCE [IF EXISTS] name RENAME TO new | SET SCHEMA s; the other forms
        // (INCREMENT, RESTART, OWNED BY, AS) leave the schema model as it is.
        ["ALTER", "SEQUENCE", ..] => {
            w.eat_all(&["ALTER", "SEQUENCE"]);
            w.eat_all(&["IF", "EXISTS"]);
            let name = w.object_name()?;
            if w.eat_all(&["RENAME", "TO"]) {
                let new_name = sg_model::ObjectName { schema: name.schema.clone(), name: w.ident()? };
                w.at_end().then(|| vec![OpKind::RenameSequence { name, new_name }])
            } else if w.eat_all(&["SET", "SCHEMA"]) {
                let new_name = sg_model::ObjectName { schema: Some(w.ident()?), name: name.name.clone() };
                w.at_end().then(|| vec![OpKind::RenameSequence { name, new_name }])
            } else {
                Some(vec![OpKind::NoEffect { what: "ALTER SEQUENCE".into() }])
            }
        }
        // ALTER [MATERIALIZED] VIEW [IF EXISTS] name RENAME TO new | SET SCHEMA s | ...;
        // the other forms (RENAME COLUMN, OWNER TO, SET (options), column defaults) change
        // nothing the model holds.
        ["ALTER", "VIEW", ..] | ["ALTER", "MATERIALIZED", "VIEW"] => {
            w.eat("ALTER");
            w.eat("MATERIALIZED");
            w.eat("VIEW");
            w.eat_all(&["IF", "EXISTS"]);
            let name = w.object_name()?;
            if w.eat_all(&["RENAME", "TO"]) {
                let new_name = sg_model::ObjectName { schema: name.schema.clone(), name: w.ident()? };
                w.at_end().then(|| vec![OpKind::RenameView { name, new_name }])
            } else if w.eat_all(&["SET", "SCHEMA"]) {
                let new_name = sg_model::ObjectName { schema: Some(w.ident()?), name: name.name.clone() };
                w.at_end().then(|| vec![OpKind::RenameView { name, new_name }])
            } else {
                Some(vec![OpKind::NoEffect { what: "ALTER VIEW".into() }])
            }
        }
        ["ALTER", "TABLE", ..] => recognize_alter_table(&mut w),
        // ALTER TRIGGER name ON table RENAME TO new_name; [NO] DEPENDS ON EXTENSION e.
        ["ALTER", "TRIGGER", ..] => {
            w.eat_all(&["ALTER", "TRIGGER"]);
            let name = w.ident()?;
            if !w.eat("ON") {
                return None;
            }
            let table = w.object_name()?;
            if w.eat_all(&["RENAME", "TO"]) {
                let new_name = w.ident()?;
                return w.at_end().then(|| vec![OpKind::RenameTrigger { name, table, new_name }]);
            }
            Some(vec![OpKind::NoEffect { what: "ALTER TRIGGER".into() }])
        }
        // ALTER TYPE name SET SCHEMA s; OWNER TO; composite types' attributes, which the
        // model does not hold.
        ["ALTER", "TYPE", ..] => {
            w.eat_all(&["ALTER", "TYPE"]);
            let name = w.object_name()?;
            if w.eat_all(&["SET", "SCHEMA"]) {
                let schema = w.ident()?;
                return w.at_end().then(|| vec![OpKind::SetTypeSchema { name, schema }]);
            }
            // Never ADD VALUE or RENAME VALUE: those change an enum.
            let next = w.lookahead_upper(2);
            let attributes = matches!(
                next.iter().map(String::as_str).collect::<Vec<_>>().as_slice(),
                ["OWNER", "TO"] | ["ADD" | "DROP" | "ALTER" | "RENAME", "ATTRIBUTE"]
            );
            attributes.then(|| vec![OpKind::NoEffect { what: "ALTER TYPE".into() }])
        }
        // ALTER INDEX [IF EXISTS] parent_index ATTACH PARTITION index; storage settings.
        ["ALTER", "INDEX", ..] => {
            w.eat_all(&["ALTER", "INDEX"]);
            w.eat_all(&["IF", "EXISTS"]);
            let parent = w.object_name()?;
            if w.eat_all(&["ATTACH", "PARTITION"]) {
                let index = w.object_name()?;
                return w.at_end().then(|| vec![OpKind::AttachIndex { parent, index }]);
            }
            let settings = ["SET", "RESET", "ALTER", "DEPENDS", "NO"].iter().any(|k| w.is_kw(k));
            settings.then(|| vec![OpKind::NoEffect { what: "ALTER INDEX".into() }])
        }
        // CREATE EXTENSION [IF NOT EXISTS] name [WITH] [SCHEMA s] [VERSION v] [CASCADE]:
        // sqlparser wants WITH before SCHEMA.
        ["CREATE", "EXTENSION", ..] => {
            w.eat_all(&["CREATE", "EXTENSION"]);
            let if_not_exists = w.eat_all(&["IF", "NOT", "EXISTS"]);
            let name = w.ident()?;
            w.eat("WITH");
            if w.eat("SCHEMA") {
                w.ident()?;
            }
            if w.eat("VERSION") {
                w.pos += 1;
            }
            w.eat("CASCADE");
            w.at_end().then(|| vec![OpKind::CreateExtension { name, if_not_exists }])
        }
        ["CREATE", "SEQUENCE", ..] | ["CREATE", "TEMP" | "TEMPORARY" | "UNLOGGED", "SEQUENCE"] => {
            w.eat("CREATE");
            w.eat("TEMP");
            w.eat("TEMPORARY");
            w.eat("UNLOGGED");
            w.eat("SEQUENCE");
            let if_not_exists = w.eat_all(&["IF", "NOT", "EXISTS"]);
            let name = w.object_name()?;
            Some(vec![OpKind::CreateSequence { name, if_not_exists }])
        }
        ["CREATE", "MATERIALIZED", "VIEW"] => {
            w.eat_all(&["CREATE", "MATERIALIZED", "VIEW"]);
            let if_not_exists = w.eat_all(&["IF", "NOT", "EXISTS"]);
            let name = w.object_name()?;
            Some(vec![OpKind::CreateView {
                name,
                or_replace: false,
                materialized: true,
                if_not_exists,
                depends_on: Vec::new(),
            }])
        }
        ["REFRESH", "MATERIALIZED", "VIEW"] => {
            w.eat_all(&["REFRESH", "MATERIALIZED", "VIEW"]);
            let concurrently = w.eat("CONCURRENTLY");
            let name = w.object_name()?;
            Some(vec![OpKind::Maintenance {
                kind: MaintenanceKind::RefreshMaterializedView { concurrently },
                table: Some(name),
            }])
        }
        ["CLUSTER", ..] => {
            w.eat("CLUSTER");
            w.eat("VERBOSE");
            let table = w.object_name();
            Some(vec![OpKind::Maintenance { kind: MaintenanceKind::Cluster, table }])
        }
        ["VACUUM", ..] => {
            w.eat("VACUUM");
            let mut full = false;
            if w.eat_punct("(") {
                while !w.at_end() && !w.eat_punct(")") {
                    full |= w.is_kw("FULL");
                    w.pos += 1;
                }
            }
            full |= w.eat("FULL");
            w.eat("FREEZE");
            w.eat("VERBOSE");
            w.eat("ANALYZE");
            let table = w.object_name();
            let kind = if full { MaintenanceKind::VacuumFull } else { MaintenanceKind::Vacuum };
            Some(vec![OpKind::Maintenance { kind, table }])
        }
        ["ANALYZE", ..] => {
            w.eat("ANALYZE");
            w.eat("VERBOSE");
            Some(vec![OpKind::Maintenance { kind: MaintenanceKind::Analyze, table: w.object_name() }])
        }
        // CREATE TABLE t (LIKE other INCLUDING ALL): sqlparser rejects the INCLUDING options.
        ["CREATE", "TABLE", ..] => {
            w.eat_all(&["CREATE", "TABLE"]);
            let if_not_exists = w.eat_all(&["IF", "NOT", "EXISTS"]);
            let name = w.object_name()?;
            if !(w.eat_punct("(") && w.eat("LIKE")) {
                return None;
            }
            let like = w.object_name()?;
            // Anything but LIKE options before the closing parenthesis means columns we
            // would lose.
            while !w.at_end() && !w.eat_punct(")") {
                if !(w.eat("INCLUDING") || w.eat("EXCLUDING")) {
                    return None;
                }
                w.pos += 1;
            }
            Some(vec![OpKind::CreateTable(CreateTable {
                name,
                if_not_exists,
                temporary: false,
                columns: Vec::new(),
                constraints: Vec::new(),
                partition_of: None,
                partitioned: false,
                like: Some(like),
                as_select: false,
            })])
        }
        ["PRAGMA", ..] => Some(vec![OpKind::NoEffect { what: "PRAGMA".into() }]),
        ["SELECT", ..] | ["WITH", ..] | ["EXPLAIN", ..] | ["SHOW", ..] => {
            Some(vec![OpKind::NoEffect { what: "query".into() }])
        }
        // Routines and other objects the model does not track by structure.
        ["CREATE", "FUNCTION" | "PROCEDURE", ..] | ["CREATE", "OR", "REPLACE"] => {
            w.eat("CREATE");
            w.eat_all(&["OR", "REPLACE"]);
            if !(w.eat("FUNCTION") || w.eat("PROCEDURE")) {
                return None;
            }
            let name = w.object_name()?;
            Some(vec![OpKind::CreateFunction { name }])
        }
        [
            "CREATE",
            "AGGREGATE" | "OPERATOR" | "CAST" | "COLLATION" | "CONVERSION" | "LANGUAGE" | "PUBLICATION"
            | "SUBSCRIPTION" | "STATISTICS" | "EVENT" | "RULE" | "ROLE" | "USER" | "SERVER" | "TABLESPACE",
            ..,
        ]
        | [
            "DROP" | "ALTER",
            "AGGREGATE" | "OPERATOR" | "CAST" | "CONVERSION" | "LANGUAGE" | "PUBLICATION" | "SUBSCRIPTION"
            | "STATISTICS" | "EVENT" | "RULE" | "SERVER" | "TABLESPACE",
            ..,
        ]
        | [
            "COMMENT",
            "ON",
            "FUNCTION" | "PROCEDURE" | "AGGREGATE" | "TRIGGER" | "POLICY" | "CONSTRAINT" | "INDEX" | "SCHEMA"
            | "EXTENSION" | "TYPE" | "SEQUENCE" | "VIEW" | "MATERIALIZED" | "DOMAIN" | "ROLE",
        ] => Some(vec![OpKind::NoEffect { what: head.join(" ") }]),
        _ => None,
    }
}

/// `CREATE [OR REPLACE] [TEMP] [CONSTRAINT] TRIGGER [IF NOT EXISTS] name ... ON table ...`.
/// sqlparser rejects some valid trigger conditions, such as SQLite's
/// `WHEN NEW.updated_at IS OLD.updated_at`, but the name and the table are all the model
/// keeps of a trigger, and they come before anything hard to parse.
fn recognize_create_trigger(w: &mut Words<'_>) -> Option<Vec<OpKind>> {
    let start = w.pos;
    w.eat("CREATE");
    w.eat_all(&["OR", "REPLACE"]);
    if !w.eat("TEMP") {
        w.eat("TEMPORARY");
    }
    w.eat("CONSTRAINT");
    if !w.eat("TRIGGER") {
        w.pos = start;
        return None;
    }
    w.eat_all(&["IF", "NOT", "EXISTS"]);
    let name = w.object_name()?;
    // The timing and events (`AFTER UPDATE OF a, b OR DELETE`) end at the first `ON`.
    while !w.at_end() && !w.eat("ON") {
        w.pos += 1;
    }
    let table = w.object_name()?;
    Some(vec![OpKind::CreateTrigger { name: name.name, table }])
}

/// `ALTER TABLE` forms sqlparser rejects: partition attach/detach and SET SCHEMA.
fn recognize_alter_table(w: &mut Words<'_>) -> Option<Vec<OpKind>> {
    w.eat_all(&["ALTER", "TABLE"]);
    w.eat_all(&["IF", "EXISTS"]);
    w.eat("ONLY");
    let table = w.object_name()?;
    w.eat_punct("*");
    if w.eat_all(&["ATTACH", "PARTITION"]) {
        let partition = w.object_name()?;
        return Some(vec![OpKind::AttachPartition { parent: table, partition }]);
    }
    if w.eat_all(&["DETACH", "PARTITION"]) {
        let partition = w.object_name()?;
        let concurrently = w.eat("CONCURRENTLY");
        return Some(vec![OpKind::DetachPartition { parent: table, partition, concurrently }]);
    }
    if w.eat_all(&["SET", "SCHEMA"]) {
        let schema = w.ident()?;
        return w.at_end().then(|| vec![OpKind::SetTableSchema { table, schema }]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use sg_model::FileId;

    fn extract(src: &str) -> Extraction {
        extract_sql(src, &OffsetMap::identity(FileId(0), src.len()), Dialect::Postgres)
    }

    #[test]
    fn unparsable_statement_becomes_opaque_with_a_located_note() {
        let src = "CREATE TABLE a (id int);\nCREATE TABLE b (id int,, x);\nCREATE TABLE c (id int);";
        let out = extract(src);
        assert_eq!(out.ops.len(), 3);
        assert!(matches!(out.ops[1].kind, OpKind::Opaque { .. }));
        assert_eq!(out.findings.len(), 1);
        let f = &out.findings[0];
        assert_eq!(f.rule, UNPARSED_STATEMENT);
        assert_eq!(&src[f.span.range()], "CREATE TABLE b (id int,, x)");
        assert_eq!(f.related.len(), 1);
    }

    #[test]
    fn recognizers_cover_what_sqlparser_rejects() {
        let out = extract(
            "DROP INDEX CONCURRENTLY IF EXISTS idx_a;\nREINDEX INDEX CONCURRENTLY idx_b;\nALTER DEFAULT PRIVILEGES IN SCHEMA s GRANT SELECT ON TABLES TO r;\nCREATE SEQUENCE s START 1000 INCREMENT BY 1;\nALTER TABLE p ATTACH PARTITION p1 FOR VALUES FROM (1) TO (2);",
        );
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        assert!(matches!(&out.ops[0].kind, OpKind::DropIndex { concurrently: true, if_exists: true, .. }));
        assert!(matches!(&out.ops[1].kind, OpKind::Reindex { concurrently: true, .. }));
        assert!(matches!(&out.ops[2].kind, OpKind::NoEffect { .. }));
        assert!(matches!(&out.ops[3].kind, OpKind::CreateSequence { .. }));
        let renamed = extract(
            "ALTER SEQUENCE s RENAME TO t;\nALTER SEQUENCE IF EXISTS t SET SCHEMA x;\nALTER SEQUENCE s RESTART WITH 5;",
        );
        assert!(renamed.findings.is_empty(), "{:?}", renamed.findings);
        match &renamed.ops[..] {
            [
                Op { kind: OpKind::RenameSequence { name: a, new_name: b }, .. },
                Op { kind: OpKind::RenameSequence { name: c, new_name: d }, conditional: true, .. },
                Op { kind: OpKind::NoEffect { .. }, .. },
            ] => {
                let names = [a, b, c, d].map(|n| n.to_string());
                assert_eq!(names, ["s", "t", "t", "x.t"]);
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(&out.ops[4].kind, OpKind::AttachPartition { .. }));
    }

    #[test]
    fn triggers_sqlparser_rejects_keep_their_name_and_table() {
        let src = "CREATE TRIGGER main.touch AFTER UPDATE OF name, note ON projects\nFOR EACH ROW WHEN NEW.updated_at IS OLD.updated_at\nBEGIN\n  UPDATE projects SET updated_at = CURRENT_TIMESTAMP WHERE id = NEW.id;\nEND;";
        let out = extract_sql(src, &OffsetMap::identity(FileId(0), src.len()), Dialect::Sqlite);
        assert!(out.findings.is_empty(), "{:?}", out.findings);
        match &out.ops[..] {
            [Op { kind: OpKind::CreateTrigger { name, table }, .. }] => {
                assert_eq!((name.to_string().as_str(), table.name.to_string().as_str()), ("touch", "projects"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn unterminated_dollar_quote_is_reported_where_it_opens() {
        let src = "CREATE TABLE a (id int);\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1;\n";
        let out = extract(src);
        assert!(matches!(out.ops[0].kind, OpKind::CreateTable(_)));
        let f = &out.findings[0];
        assert_eq!(&src[f.span.range()], "$$ SELECT 1;");
    }

    #[test]
    fn parser_error_message_is_cleaned() {
        let (msg, at) =
            clean_parser_error("sql parser error: Expected: end of statement, found: IF at Line: 1, Column: 25");
        assert_eq!(msg, "Expected: end of statement, found: IF");
        assert_eq!(at, Some((1, 25)));
    }
}
