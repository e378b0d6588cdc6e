//! Statements sqlparser rejects for a clause it does not know: the clause is blanked out, the
//! rest is parsed as usual, and the clause is applied by hand.
//!
//! ```text
//! CREATE TABLE t (a int, b int, CONSTRAINT t_b_not_null NOT NULL b);   -- PostgreSQL 18
//! CREATE TABLE t (a int, b int                                    );   -- parsed; b NOT NULL
//! ALTER TABLE t ADD COLUMN c int, ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME s);
//! ALTER TABLE t ADD COLUMN c int                                                                    ;
//!                                 -- parsed; then `AlterIdentity` on `t.id` with the sequence `s`
//! ```
//!
//! Clauses are replaced by spaces byte for byte, so an offset into the rewritten text is the
//! same offset into the original: sqlparser's positions, resolved against the rewritten text,
//! land on the right bytes of the file.

use std::ops::Range;

use sg_model::op::{IdentityChange, TypeRef};
use sg_model::{Dialect, Ident, ObjectName, Op, OpKind, Span};

use crate::lexer::TokenKind;
use crate::words::{self, Words};

/// A statement with the clauses sqlparser rejects blanked out.
pub(crate) struct Rewrite {
    /// The statement's text, as long as the original, with the clauses replaced by spaces.
    pub(crate) text: String,
    /// Whether anything is left for sqlparser: an ALTER TABLE whose every action was
    /// blanked has nothing.
    pub(crate) parse: bool,
    dialect: Dialect,
    /// `ALTER TABLE IF EXISTS`: the actions applied by hand are conditional too.
    conditional: bool,
    fixes: Vec<Fix>,
}

/// What a blanked clause does.
enum Fix {
    /// An op of its own, after those of the rest of the statement.
    Op(Box<OpKind>),
    /// A `[CONSTRAINT name] NOT NULL column` element of CREATE TABLE (PostgreSQL 18).
    NotNull(Ident),
    /// A SQLite column type of several words (`UNSIGNED BIG INT`), as written.
    ColumnType(Ident, String),
    /// `CREATE INDEX ... ON ONLY table`.
    IndexOnly,
    /// A clause that changes nothing the model holds (`ALTER COLUMN c SET STATISTICS 100`).
    Nothing(&'static str),
}

impl Rewrite {
    /// Applies the blanked clauses to the ops lowered from the rewritten text.
    pub(crate) fn finish(self, ops: &mut Vec<Op>, span: Span) {
        let mut what = None;
        for fix in self.fixes {
            match fix {
                Fix::Op(kind) => {
                    let mut op = Op::new(*kind, span);
                    op.conditional = self.conditional;
                    ops.push(op);
                }
                Fix::NotNull(column) => {
                    let mut set = false;
                    let mut table = None;
                    for op in ops.iter_mut() {
                        if let OpKind::CreateTable(ct) = &mut op.kind {
                            table = Some(ct.name.clone());
                            for c in ct.columns.iter_mut().filter(|c| c.name == column) {
                                c.nullable = Some(false);
                                set = true;
                            }
                        }
                    }
                    // A column the statement does not define (one of a partition's parent):
                    // the constraint sets it NOT NULL after the table is created.
                    if let (false, Some(table)) = (set, table) {
                        ops.push(Op::new(OpKind::SetNotNull { table, column }, span));
                    }
                }
                Fix::ColumnType(column, text) => {
                    for op in ops.iter_mut() {
                        if let OpKind::CreateTable(ct) = &mut op.kind {
                            for c in ct.columns.iter_mut().filter(|c| c.name == column) {
                                c.ty = TypeRef::parse(&text, self.dialect);
                            }
                        }
                    }
                }
                Fix::IndexOnly => {
                    for op in ops.iter_mut() {
                        if let OpKind::CreateIndex(ci) = &mut op.kind {
                            ci.only = true;
                        }
                    }
                }
                Fix::Nothing(w) => what = Some(w),
            }
        }
        if let (true, Some(what)) = (ops.is_empty(), what) {
            ops.push(Op::new(OpKind::NoEffect { what: what.into() }, span));
        }
    }
}

/// Blanks out the clauses of `text` that sqlparser rejects and the model knows; `None` when
/// there is none.
pub(crate) fn rewrite(text: &str, dialect: Dialect) -> Option<Rewrite> {
    let w = Words::new(text, dialect);
    let head = w.lookahead_upper(4);
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut rw = Rewrite { text: text.to_owned(), parse: true, dialect, conditional: false, fixes: Vec::new() };
    let mut blanks = Vec::new();
    match head.as_slice() {
        ["CREATE", "TABLE", ..] | ["CREATE", "TEMP" | "TEMPORARY" | "UNLOGGED", "TABLE", ..] => {
            create_table(text, dialect, &mut rw, &mut blanks)
        }
        ["CREATE", "INDEX" | "UNIQUE", ..] if dialect == Dialect::Postgres => index_on_only(w, &mut rw, &mut blanks),
        ["ALTER", "TABLE", ..] if dialect == Dialect::Postgres => alter_table(text, dialect, &mut rw, &mut blanks)?,
        _ => {}
    }
    if blanks.is_empty() {
        return None;
    }
    let mut bytes = std::mem::take(&mut rw.text).into_bytes();
    for (range, fill) in blanks {
        // Spaces blank everything; underscores join words, replacing only what is between.
        for b in &mut bytes[range] {
            if fill == b' ' || b.is_ascii_whitespace() {
                *b = fill;
            }
        }
    }
    // Blanks cover whole tokens, so no character is cut in two.
    rw.text = String::from_utf8(bytes).ok()?;
    Some(rw)
}

/// The ranges to blank so that the elements at `removed` (indexes into `elements`, a
/// comma-separated list) disappear with their commas.
fn remove_elements(elements: &[Range<usize>], removed: &[usize]) -> Option<Vec<Range<usize>>> {
    let first_kept = (0..elements.len()).find(|i| !removed.contains(i))?;
    Some(
        removed
            .iter()
            .map(|&i| {
                if i < first_kept {
                    elements[i].start..elements[i + 1].start
                } else {
                    elements[i - 1].end..elements[i].end
                }
            })
            .collect(),
    )
}

fn create_table(text: &str, dialect: Dialect, rw: &mut Rewrite, blanks: &mut Vec<(Range<usize>, u8)>) {
    let elements = words::paren_list_elements(text, dialect);
    let mut removed = Vec::new();
    for (i, range) in elements.iter().enumerate() {
        let mut w = Words::new(&text[range.clone()], dialect);
        // [CONSTRAINT name] NOT NULL column [NO INHERIT]: a named NOT NULL constraint, as
        // PostgreSQL 18 (and its pg_dump) writes it.
        if dialect == Dialect::Postgres {
            if w.eat("CONSTRAINT") && w.ident().is_none() {
                continue;
            }
            if w.eat_all(&["NOT", "NULL"])
                && let Some(column) = w.ident()
            {
                w.eat_all(&["NO", "INHERIT"]);
                if w.at_end() {
                    removed.push(i);
                    rw.fixes.push(Fix::NotNull(column));
                }
            }
        } else if dialect == Dialect::Sqlite {
            sqlite_column_type(range.start, w, rw, blanks);
        }
    }
    match remove_elements(&elements, &removed) {
        Some(ranges) => blanks.extend(ranges.into_iter().map(|r| (r, b' '))),
        // `PARTITION OF parent (CONSTRAINT c NOT NULL col) FOR VALUES ...`: the list goes
        // with its parentheses.
        None if !removed.is_empty() => {
            if let Some(list) = first_paren_list(text, dialect) {
                blanks.push((list, b' '));
            }
        }
        None => {}
    }
    if dialect == Dialect::Sqlite {
        sqlite_table_options(text, dialect, blanks);
    }
}

/// The byte range of the first parenthesized list, parentheses included.
fn first_paren_list(text: &str, dialect: Dialect) -> Option<Range<usize>> {
    let w = Words::new(text, dialect);
    let mut depth = 0;
    let mut open = None;
    for t in &w.toks {
        match (t.kind, t.text(text)) {
            (TokenKind::Punct, "(") => {
                open.get_or_insert(t.start);
                depth += 1;
            }
            (TokenKind::Punct, ")") => {
                depth -= 1;
                if depth == 0 {
                    return Some(open?..t.end);
                }
            }
            _ => {}
        }
    }
    None
}

/// Keywords that end a SQLite column's type.
const SQLITE_TYPE_ENDS: &[&str] = &[
    "CONSTRAINT",
    "NOT",
    "NULL",
    "DEFAULT",
    "PRIMARY",
    "UNIQUE",
    "REFERENCES",
    "CHECK",
    "GENERATED",
    "AS",
    "COLLATE",
    "AUTOINCREMENT",
];

/// SQLite takes any words as a type name and keeps them as written (`UNSIGNED BIG INT`,
/// `VARYING CHARACTER(32)`); sqlparser takes one word or a type it knows. The spaces between
/// the words become underscores for sqlparser, and the type is read from the original words.
fn sqlite_column_type(at: usize, mut w: Words<'_>, rw: &mut Rewrite, blanks: &mut Vec<(Range<usize>, u8)>) {
    if ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].iter().any(|k| w.is_kw(k)) {
        return;
    }
    let Some(column) = w.ident() else { return };
    let mut type_words = Vec::new();
    while let Some(t) = w.peek() {
        let upper = t.text(w.src).to_ascii_uppercase();
        if t.kind != TokenKind::Word || SQLITE_TYPE_ENDS.contains(&upper.as_str()) {
            break;
        }
        type_words.push(t);
        w.pos += 1;
    }
    let (Some(first), Some(last)) = (type_words.first(), type_words.last()) else { return };
    if type_words.len() < 2 || type_words.windows(2).any(|p| !w.src[p[0].end..p[1].start].trim().is_empty()) {
        return;
    }
    let mut end = last.end;
    if w.eat_punct("(") {
        while let Some(t) = w.peek() {
            w.pos += 1;
            if t.kind == TokenKind::Punct && t.text(w.src) == ")" {
                end = t.end;
                break;
            }
        }
    }
    blanks.push((at + first.start..at + last.end, b'_'));
    rw.fixes.push(Fix::ColumnType(column, w.src[first.start..end].to_owned()));
}

/// SQLite's table options after the closing parenthesis (`STRICT`, `WITHOUT ROWID`, both
/// separated by a comma); the model keeps neither, and sqlparser takes only one.
fn sqlite_table_options(text: &str, dialect: Dialect, blanks: &mut Vec<(Range<usize>, u8)>) {
    let Some(list) = first_paren_list(text, dialect) else { return };
    let w = Words::new(text, dialect);
    let rest: Vec<_> = w.toks.iter().filter(|t| t.start >= list.end).collect();
    let option = |t: &&crate::lexer::Token| {
        let s = t.text(text);
        s == "," || ["STRICT", "WITHOUT", "ROWID"].iter().any(|k| s.eq_ignore_ascii_case(k))
    };
    if let (Some(first), Some(last)) = (rest.first(), rest.last())
        && rest.iter().all(option)
    {
        blanks.push((first.start..last.end, b' '));
    }
}

/// `CREATE [UNIQUE] INDEX ... ON ONLY table ...`: sqlparser knows no `ONLY` there.
fn index_on_only(w: Words<'_>, rw: &mut Rewrite, blanks: &mut Vec<(Range<usize>, u8)>) {
    for pair in w.toks.windows(2) {
        let is =
            |t: &crate::lexer::Token, kw: &str| t.kind == TokenKind::Word && t.text(w.src).eq_ignore_ascii_case(kw);
        if pair[0].kind == TokenKind::Punct && pair[0].text(w.src) == "(" {
            return;
        }
        if is(&pair[0], "ON") && is(&pair[1], "ONLY") {
            blanks.push((pair[1].start..pair[1].end, b' '));
            rw.fixes.push(Fix::IndexOnly);
            return;
        }
    }
}

fn alter_table(text: &str, dialect: Dialect, rw: &mut Rewrite, blanks: &mut Vec<(Range<usize>, u8)>) -> Option<()> {
    let mut w = Words::new(text, dialect);
    w.eat_all(&["ALTER", "TABLE"]);
    rw.conditional = w.eat_all(&["IF", "EXISTS"]);
    w.eat("ONLY");
    let table = w.object_name()?;
    let actions = words::alter_table_actions(text, dialect);
    let mut removed = Vec::new();
    for (i, range) in actions.iter().enumerate() {
        let w = Words::new(&text[range.clone()], dialect);
        if let Some(fix) = alter_table_action(w, &table) {
            removed.push(i);
            rw.fixes.push(fix);
        }
    }
    if removed.is_empty() {
        return Some(());
    }
    match remove_elements(&actions, &removed) {
        Some(ranges) => blanks.extend(ranges.into_iter().map(|r| (r, b' '))),
        // Nothing is left for sqlparser.
        None => {
            rw.parse = false;
            blanks.push((0..text.len(), b' '));
        }
    }
    Some(())
}

/// Sequence options of an identity column (`SET INCREMENT BY 5`, `RESTART WITH 100`).
const SEQUENCE_OPTIONS: &[&str] = &["INCREMENT", "START", "MINVALUE", "MAXVALUE", "NO", "CACHE", "CYCLE", "RESTART"];

/// One ALTER TABLE action sqlparser rejects, when the model knows what it does.
fn alter_table_action(mut w: Words<'_>, table: &ObjectName) -> Option<Fix> {
    // ADD [CONSTRAINT name] NOT NULL column [NO INHERIT] (PostgreSQL 18).
    if w.eat("ADD") {
        if w.eat("CONSTRAINT") {
            w.ident()?;
        }
        if !w.eat_all(&["NOT", "NULL"]) {
            return None;
        }
        let column = w.ident()?;
        w.eat_all(&["NO", "INHERIT"]);
        return w.at_end().then(|| Fix::Op(Box::new(OpKind::SetNotNull { table: table.clone(), column })));
    }
    if !w.eat("ALTER") {
        return None;
    }
    // ALTER CONSTRAINT name [[NOT] DEFERRABLE] [INITIALLY {DEFERRED | IMMEDIATE}] ...:
    // PostgreSQL 15 sets both flags from what is written, NOT DEFERRABLE INITIALLY
    // IMMEDIATE when nothing is; INITIALLY DEFERRED implies DEFERRABLE. PostgreSQL 18's
    // [NOT] ENFORCED and [NO] INHERIT leave the timing alone.
    if w.eat("CONSTRAINT") {
        let name = w.ident()?;
        let (mut deferrable, mut other) = (None, false);
        while !w.at_end() {
            if w.eat_all(&["NOT", "DEFERRABLE"]) || w.eat_all(&["INITIALLY", "IMMEDIATE"]) {
                deferrable.get_or_insert(false);
            } else if w.eat("DEFERRABLE") || w.eat_all(&["INITIALLY", "DEFERRED"]) {
                deferrable = Some(true);
            } else if w.eat_all(&["NOT", "ENFORCED"])
                || w.eat("ENFORCED")
                || w.eat_all(&["NO", "INHERIT"])
                || w.eat("INHERIT")
            {
                other = true;
            } else {
                return None;
            }
        }
        let deferrable = if other { deferrable } else { Some(deferrable.unwrap_or(false)) };
        return Some(Fix::Op(Box::new(OpKind::AlterConstraint { table: table.clone(), name, deferrable })));
    }
    w.eat("COLUMN");
    let column = w.ident()?;
    let change = if w.eat_all(&["ADD", "GENERATED"]) {
        let always = w.eat("ALWAYS");
        if !always && !w.eat_all(&["BY", "DEFAULT"]) {
            return None;
        }
        if !w.eat_all(&["AS", "IDENTITY"]) {
            return None;
        }
        let mut sequence = None;
        if w.eat_punct("(") {
            while !w.at_end() && !w.eat_punct(")") {
                if w.eat_all(&["SEQUENCE", "NAME"]) {
                    sequence = Some(w.object_name()?);
                } else {
                    w.pos += 1;
                }
            }
        }
        IdentityChange::Add { always, sequence }
    } else if w.eat_all(&["DROP", "IDENTITY"]) {
        IdentityChange::Drop { if_exists: w.eat_all(&["IF", "EXISTS"]) }
    } else if w.is_kw("SET") || w.is_kw("RESTART") {
        // SET GENERATED {ALWAYS | BY DEFAULT} | SET sequence_option | RESTART [[WITH] n],
        // any number of them; or a column setting that changes nothing the model holds.
        let settings = w.pos;
        let mut always = None;
        let mut identity = false;
        while !w.at_end() {
            if w.eat_all(&["SET", "GENERATED"]) {
                always = Some(if w.eat("ALWAYS") {
                    true
                } else if w.eat_all(&["BY", "DEFAULT"]) {
                    false
                } else {
                    return None;
                });
                identity = true;
            } else if w.eat("RESTART") {
                identity = true;
                w.eat("WITH");
                w.pos += usize::from(w.peek().is_some_and(|t| t.kind == TokenKind::Number));
            } else if w.eat("SET") && SEQUENCE_OPTIONS.iter().any(|o| w.is_kw(o)) {
                identity = true;
                while !w.at_end() && !w.is_kw("SET") && !w.is_kw("RESTART") {
                    w.pos += 1;
                }
            } else {
                break;
            }
        }
        if !identity {
            w.pos = settings;
            return column_setting(w);
        }
        if !w.at_end() {
            return None;
        }
        IdentityChange::Set { always }
    } else {
        return column_setting(w);
    };
    w.at_end().then(|| Fix::Op(Box::new(OpKind::AlterIdentity { table: table.clone(), column, change })))
}

/// `ALTER COLUMN c SET STATISTICS n`, `SET STORAGE s`, `SET COMPRESSION m`,
/// `SET (attribute_option = v)` and `RESET (...)`: planner and storage settings.
fn column_setting(mut w: Words<'_>) -> Option<Fix> {
    let known = (w.eat("SET") && (w.eat("STATISTICS") || w.eat("STORAGE") || w.eat("COMPRESSION") || w.eat_punct("(")))
        || (w.eat("RESET") && w.eat_punct("("));
    known.then_some(Fix::Nothing("ALTER COLUMN ... SET a column setting"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removed_elements_take_their_commas() {
        let elements = [0..1, 3..4, 6..7, 9..10];
        assert_eq!(remove_elements(&elements, &[0, 1]), Some(vec![0..3, 3..6]));
        assert_eq!(remove_elements(&elements, &[2, 3]), Some(vec![4..7, 7..10]));
        assert_eq!(remove_elements(&elements, &[0, 1, 2, 3]), None);
    }

    #[test]
    fn blanks_keep_every_offset() {
        let src = "CREATE TABLE t (a int, CONSTRAINT t_b_nn NOT NULL b, b int)";
        let rw = rewrite(src, Dialect::Postgres).expect("rewritten");
        assert_eq!(rw.text.len(), src.len());
        let gone = ", CONSTRAINT t_b_nn NOT NULL b";
        assert_eq!(rw.text, src.replace(gone, &" ".repeat(gone.len())));
        let sqlite = "CREATE TABLE t (g UNSIGNED BIG  INT NOT NULL) STRICT, WITHOUT ROWID";
        let rw = rewrite(sqlite, Dialect::Sqlite).expect("rewritten");
        let options = " STRICT, WITHOUT ROWID";
        let expected =
            sqlite.replace("UNSIGNED BIG  INT", "UNSIGNED_BIG__INT").replace(options, &" ".repeat(options.len()));
        assert_eq!(rw.text, expected);
    }
}
