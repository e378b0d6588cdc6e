//! SQL fragments that host languages hold on their own: a column default, a check
//! condition, an index predicate. SQLAlchemy's `server_default=sa.text("now()")` or
//! `sa.CheckConstraint("total >= 0")` carry such a fragment, and the host extractor needs it
//! read exactly as the same text inside a full statement would be.

use sg_model::{Dialect, Expr, FileId, Ident, LineIndex, OffsetMap, Span};
use sqlparser::dialect::{MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Token;

use crate::lower::{StmtCx, expr, expr_columns};

/// A parsed SQL expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlExpression {
    pub expr: Expr,
    /// The expression as the SQL extractor spells it in a statement (sqlparser's rendering),
    /// so a check read from Python and one read from SQL compare equal.
    pub text: String,
    /// The columns the expression mentions, in order of first mention.
    pub columns: Vec<Ident>,
}

/// Parses one SQL expression; `None` when it is not one.
pub fn parse_expression(text: &str, dialect: Dialect) -> Option<SqlExpression> {
    // The whole text must be one expression: `a b` parses `a` and stops.
    let whole = |mut p: Parser<'_>| {
        let e = p.parse_expr()?;
        p.expect_token(&Token::EOF)?;
        Ok::<_, sqlparser::parser::ParserError>(e)
    };
    let parsed = match dialect {
        Dialect::Postgres => Parser::new(&PostgreSqlDialect {}).try_with_sql(text).and_then(whole),
        Dialect::MySql => Parser::new(&MySqlDialect {}).try_with_sql(text).and_then(whole),
        Dialect::Sqlite => Parser::new(&SQLiteDialect {}).try_with_sql(text).and_then(whole),
    }
    .ok()?;
    // Positions are not used: the host extractor places the fragment itself.
    let cx = StmtCx {
        dialect,
        text,
        index: LineIndex::new(text),
        map: OffsetMap::identity(FileId(0), text.len()),
        span: Span::default(),
    };
    Some(SqlExpression { expr: expr(&cx, &parsed), text: parsed.to_string(), columns: expr_columns(&cx, &parsed) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_checks() {
        let e = parse_expression("now()", Dialect::Postgres).unwrap();
        assert_eq!(e.expr, Expr::Function { name: "now".into(), args: vec![] });
        let e = parse_expression("total >= 0 AND Qty > 1", Dialect::Postgres).unwrap();
        assert_eq!(e.columns.iter().map(Ident::as_str).collect::<Vec<_>>(), vec!["total", "qty"]);
        assert!(parse_expression("1 +", Dialect::Postgres).is_none());
        assert!(parse_expression("a b", Dialect::Postgres).is_none());
    }
}
