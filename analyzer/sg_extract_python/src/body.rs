//! Walks the body of `upgrade()` or `downgrade()` statement by statement and turns each
//! Alembic operation into ops.
//!
//! The walk follows straight-line code only. Statements that run an operation under a
//! condition or in a loop, calls to helper functions, and values computed at run time
//! become `Opaque` ops with the reason, reported as `unsupported-construct`:
//!
//! ```text
//! op.add_column("users", sa.Column("email", sa.String(255)))   -> AddColumn
//! with op.batch_alter_table("users") as batch_op:               -> the ops of each
//!     batch_op.drop_column("legacy")                               batch_op.* call
//! sa.Enum(name="state").drop(op.get_bind())                    -> DropType
//! for name in TABLES: op.drop_table(name)                       -> Opaque (a loop)
//! ```

use std::collections::{HashMap, HashSet};

use sg_grammars::tree_sitter::Node;
use sg_model::finding::builtin::UNSUPPORTED_CONSTRUCT;
use sg_model::op::{
    CommentTarget, Constraint, ConstraintKind, ConstraintKindTag, CreateIndex, DataChangeKind, ForeignKeyDef, IndexKey,
    RefAction, TransactionControl, TypeRef,
};
use sg_model::{Dialect, Expr, Finding, Ident, ObjectName, Op, OpKind, Span};

use crate::py::{Args, PyStr, Source, Value, concat, decode_string, dotted, last_part, mentions, unparen};

/// What every body of one file shares: the source, the dialect, module-level constants and
/// the names of module-level functions.
pub(crate) struct Module<'s, 't> {
    pub(crate) src: Source<'s>,
    pub(crate) dialect: Dialect,
    /// `[python] types`: application-defined SQLAlchemy types and their SQL types.
    pub(crate) custom_types: &'s std::collections::BTreeMap<String, String>,
    pub(crate) consts: HashMap<String, Value<'t>>,
    pub(crate) functions: HashSet<String>,
}

/// The walk of one function body.
pub(crate) struct Walker<'m, 's, 't> {
    pub(crate) m: &'m Module<'s, 't>,
    locals: HashMap<String, Value<'t>>,
    /// `with op.batch_alter_table("t") as batch_op:` binds `batch_op` to the table `t`.
    batches: HashMap<String, ObjectName>,
    pub(crate) ops: Vec<Op>,
    pub(crate) findings: Vec<Finding>,
    /// Native enum types `op.create_table` has created in this function, as (schema,
    /// name): SQLAlchemy remembers them for the run and does not create one twice.
    pub(crate) created_enums: Vec<(Option<String>, String)>,
}

/// On SQLite a batch recreates the table: Alembic applies the block's operations to its
/// model of the table as reflected before the block, then copies the table once. An index
/// or constraint the block drops is one of the table's before the block, even when the
/// block first drops a column it covers (which, run statement by statement, would have
/// dropped it already). Dropping them first is what the copy amounts to.
fn recreate_order(ops: &mut [Op]) {
    let drops_first = |op: &Op| {
        !matches!(
            op.kind,
            OpKind::DropIndex { .. } | OpKind::DropConstraint { .. } | OpKind::DropConstraintOfKind { .. }
        )
    };
    // A stable sort keeps the order within the drops and within the rest.
    ops.sort_by_key(drops_first);
}

/// Names whose calls only log or print.
const HARMLESS_CALLEES: &[&str] = &["print", "logger", "logging", "log", "LOG", "warnings", "click", "typer"];

impl<'m, 's, 't> Walker<'m, 's, 't> {
    pub(crate) fn new(m: &'m Module<'s, 't>) -> Walker<'m, 's, 't> {
        Walker {
            m,
            locals: HashMap::new(),
            batches: HashMap::new(),
            ops: Vec::new(),
            findings: Vec::new(),
            created_enums: Vec::new(),
        }
    }

    pub(crate) fn src(&self) -> &Source<'s> {
        &self.m.src
    }

    pub(crate) fn dialect(&self) -> Dialect {
        self.m.dialect
    }

    pub(crate) fn push(&mut self, kind: OpKind, span: Span) {
        self.ops.push(Op::new(kind, span));
    }

    /// Keeps a construct the extractor cannot follow as an `Opaque` op and reports it.
    pub(crate) fn opaque(&mut self, span: Span, reason: String) {
        self.findings.push(
            Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}"))
                .with_help("schemagraph reads revision files without running them; the schema model may miss what this does, so later findings about these objects can be wrong"),
        );
        self.push(OpKind::Opaque { reason }, span);
    }

    /// Reports a part of an operation that was left out while the rest was kept.
    pub(crate) fn note(&mut self, span: Span, reason: String) {
        self.findings.push(
            Finding::new(UNSUPPORTED_CONSTRUCT, span, format!("Skipped: {reason}"))
                .with_help("the rest of the operation was read; the schema model may miss this part"),
        );
    }

    pub(crate) fn ident(&self, name: &str) -> Ident {
        // SQLAlchemy quotes any name that is not all lower case, so a Python name keeps its
        // case exactly as a quoted SQL name does; an all-lower-case name folds to itself.
        Ident::new(name, true, self.dialect())
    }

    pub(crate) fn object(&self, schema: Option<&str>, name: &str) -> ObjectName {
        ObjectName { schema: schema.map(|s| self.ident(s)), name: self.ident(name) }
    }

    // ---------------------------------------------------------------- evaluation

    pub(crate) fn eval(&self, node: Node<'t>) -> Value<'t> {
        let node = unparen(node);
        let src = self.src();
        match node.kind() {
            "string" => match decode_string(src, node) {
                Ok(s) => Value::Str(s),
                Err(reason) => Value::Dynamic(reason),
            },
            "concatenated_string" => {
                let mut parts = Vec::new();
                let mut cursor = node.walk();
                for child in node.named_children(&mut cursor) {
                    match self.eval(child) {
                        Value::Str(s) => parts.push(s),
                        Value::Dynamic(r) => return Value::Dynamic(r),
                        _ => return Value::Node(node),
                    }
                }
                Value::Str(concat(parts))
            }
            "integer" | "float" => Value::Number(src.text_of(node).replace('_', "")),
            "unary_operator" if src.text_of(node).starts_with('-') => match node.child_by_field_name("argument") {
                Some(arg) => match self.eval(arg) {
                    Value::Number(n) => Value::Number(format!("-{n}")),
                    _ => Value::Node(node),
                },
                None => Value::Node(node),
            },
            "none" => Value::None,
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            "tuple" | "list" | "expression_list" => {
                let mut cursor = node.walk();
                let items: Vec<Node<'t>> = node.named_children(&mut cursor).filter(|c| c.kind() != "comment").collect();
                Value::Seq(items.into_iter().map(|c| self.eval(c)).collect())
            }
            "identifier" => {
                let name = src.text_of(node);
                if let Some(v) = self.locals.get(name).or_else(|| self.m.consts.get(name)) {
                    return v.clone();
                }
                Value::Dynamic(format!("`{name}` is not a constant this file defines"))
            }
            "binary_operator" => {
                let op = node.child_by_field_name("operator").map(|o| src.text_of(o)).unwrap_or("");
                let (Some(l), Some(r)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else {
                    return Value::Node(node);
                };
                match (op, self.eval(l), self.eval(r)) {
                    ("+", Value::Str(a), Value::Str(b)) => Value::Str(concat(vec![a, b])),
                    ("%", Value::Str(_), _) => Value::Dynamic("a string formatted with `%` at run time".to_owned()),
                    _ => Value::Node(node),
                }
            }
            "call" => {
                let Some(function) = node.child_by_field_name("function") else { return Value::Node(node) };
                let args = Args::of_call(src, node);
                let callee = dotted(src, function);
                match callee.as_deref() {
                    // `op.f("ix_users_email")` marks a name as final; `sa.text` and
                    // `quoted_name` wrap a string. Their value is the string.
                    Some(
                        "op.f" | "f" | "sa.text" | "text" | "sqlalchemy.text" | "sa.sql.text" | "sa.quoted_name"
                        | "quoted_name" | "str",
                    ) if args.positional.len() == 1 => self.eval(args.positional[0]),
                    Some("op.get_bind") => Value::Bind,
                    // `batch_op.f("ix_...")` inside a batch block.
                    Some(c)
                        if args.positional.len() == 1
                            && c.strip_suffix(".f").is_some_and(|head| self.batches.contains_key(head)) =>
                    {
                        self.eval(args.positional[0])
                    }
                    _ if function.kind() == "attribute"
                        && function.child_by_field_name("attribute").is_some_and(|a| src.text_of(a) == "format") =>
                    {
                        Value::Dynamic("a string built with `.format()` at run time".to_owned())
                    }
                    _ => Value::Node(node),
                }
            }
            _ => Value::Node(node),
        }
    }

    /// A name argument: a table, column, constraint or index name.
    pub(crate) fn name(&self, node: Node<'t>, what: &str) -> Result<String, String> {
        match self.eval(node) {
            Value::Str(s) => Ok(s.value),
            Value::Dynamic(reason) => Err(format!("the {what} is not known statically: {reason}")),
            Value::None => Err(format!("the {what} is None")),
            _ => Err(format!("the {what} `{}` is computed at run time", self.src().text_of(node))),
        }
    }

    /// An optional name: `None` (or absent) is `Ok(None)`.
    pub(crate) fn opt_name(&self, node: Option<Node<'t>>, what: &str) -> Result<Option<String>, String> {
        match node {
            None => Ok(None),
            Some(n) if matches!(self.eval(n), Value::None) => Ok(None),
            Some(n) => self.name(n, what).map(Some),
        }
    }

    /// A list of names: `["a", "b"]`, a tuple, or one string.
    pub(crate) fn names(&self, node: Node<'t>, what: &str) -> Result<Vec<String>, String> {
        match self.eval(node) {
            Value::Str(s) => Ok(vec![s.value]),
            Value::Seq(items) => items
                .into_iter()
                .map(|v| match v {
                    Value::Str(s) => Ok(s.value),
                    _ => Err(format!("an item of the {what} is computed at run time")),
                })
                .collect(),
            Value::Dynamic(reason) => Err(format!("the {what} are not known statically: {reason}")),
            _ => Err(format!("the {what} `{}` are computed at run time", self.src().text_of(node))),
        }
    }

    pub(crate) fn bool_arg(&self, node: Option<Node<'t>>) -> Option<bool> {
        match node.map(|n| self.eval(n)) {
            Some(Value::Bool(b)) => Some(b),
            _ => None,
        }
    }

    // ---------------------------------------------------------------- statements

    pub(crate) fn block(&mut self, block: Node<'t>) {
        let mut cursor = block.walk();
        let statements: Vec<Node<'t>> = block.named_children(&mut cursor).collect();
        for stmt in statements {
            if stmt.kind() == "return_statement" {
                // Nothing after a return runs.
                break;
            }
            self.statement(stmt);
        }
    }

    fn statement(&mut self, stmt: Node<'t>) {
        let span = self.src().span(stmt);
        match stmt.kind() {
            "expression_statement" => {
                let Some(expr) = stmt.named_child(0) else { return };
                match expr.kind() {
                    "call" => self.call_statement(expr),
                    "assignment" => self.assignment(expr),
                    // Docstrings and bare names do nothing.
                    "string" | "identifier" | "ellipsis" => {}
                    _ if self.touches_database(expr) => {
                        let text = first_line(self.src().text_of(expr));
                        self.opaque(span, format!("`{text}` runs an operation in a way that is not followed"));
                    }
                    _ => {}
                }
            }
            "with_statement" => self.with_statement(stmt),
            "pass_statement"
            | "comment"
            | "import_statement"
            | "import_from_statement"
            | "function_definition"
            | "class_definition"
            | "global_statement"
            | "nonlocal_statement"
            | "future_import_statement" => {}
            "raise_statement" => {
                let text = first_line(self.src().text_of(stmt));
                // A revision that raises cannot run in this direction; rules about rollbacks
                // read that from the op, so it is kept, but nothing was lost.
                self.push(OpKind::Opaque { reason: format!("`{text}`: this direction cannot run") }, span);
            }
            kind => {
                if self.touches_database(stmt) {
                    let what = match kind {
                        "if_statement" => "an `if` statement: what runs depends on a condition known only at run time",
                        "for_statement" | "while_statement" => "a loop: how often it runs is known only at run time",
                        "try_statement" => "a `try` statement: what runs depends on errors at run time",
                        "match_statement" => "a `match` statement: what runs is decided at run time",
                        _ => "a statement the extractor does not follow",
                    };
                    self.opaque(span, format!("operations inside {what}"));
                }
            }
        }
    }

    /// Whether a node uses `op`, a bound connection or a batch operations object.
    fn touches_database(&self, node: Node<'t>) -> bool {
        let is_db = |name: &str| {
            name == "op"
                || self.batches.contains_key(name)
                || matches!(self.locals.get(name), Some(Value::Bind))
                || self.m.functions.contains(name)
        };
        mentions(self.src(), node, &is_db)
    }

    fn assignment(&mut self, node: Node<'t>) {
        let (Some(left), Some(right)) = (node.child_by_field_name("left"), node.child_by_field_name("right")) else {
            return;
        };
        if left.kind() != "identifier" {
            if self.touches_database(right) {
                let span = self.src().span(node);
                self.opaque(span, "an assignment that runs an operation".to_owned());
            }
            return;
        }
        let name = self.src().text_of(left).to_owned();
        let value = self.eval(right);
        // `conn = op.get_bind()` is a connection; `x = op.execute(...)` runs SQL.
        if let Value::Node(n) = &value
            && n.kind() == "call"
            && self.touches_database(*n)
        {
            self.call_statement(*n);
        }
        self.locals.insert(name, value);
    }

    fn with_statement(&mut self, stmt: Node<'t>) {
        let Some(body) = stmt.child_by_field_name("body") else { return };
        let span = self.src().span(stmt);
        let mut cursor = stmt.walk();
        let clause = stmt.named_children(&mut cursor).find(|c| c.kind() == "with_clause");
        let items: Vec<Node<'t>> = match clause {
            Some(c) => {
                let mut cc = c.walk();
                c.named_children(&mut cc).filter(|i| i.kind() == "with_item").collect()
            }
            None => Vec::new(),
        };
        let [item] = items.as_slice() else {
            if self.touches_database(body) {
                self.opaque(span, "operations inside a `with` statement of several context managers".to_owned());
            }
            return;
        };
        let Some(mut value) = item.child_by_field_name("value") else { return };
        let mut alias = None;
        if value.kind() == "as_pattern" {
            alias = value
                .child_by_field_name("alias")
                .and_then(|a| a.named_child(0).or(Some(a)))
                .map(|a| self.src().text_of(a).to_owned());
            match value.named_child(0) {
                Some(v) => value = v,
                None => return,
            }
        }
        let function = (value.kind() == "call").then(|| value.child_by_field_name("function")).flatten();
        let callee = function.and_then(|f| dotted(self.src(), f));
        // `op.get_context().autocommit_block()`: the method name is enough, the object is
        // a call.
        let autocommit = function.is_some_and(|f| {
            f.kind() == "attribute"
                && f.child_by_field_name("attribute").is_some_and(|a| self.src().text_of(a) == "autocommit_block")
        });
        match callee.as_deref() {
            Some("op.batch_alter_table") => {
                let args = Args::of_call(self.src(), value);
                let bound = args.bind(&["table_name", "schema"]);
                let table = bound.get("table_name").map(|n| self.name(*n, "table name"));
                let schema = self.opt_name(bound.get("schema").copied(), "schema");
                match (table, schema) {
                    (Some(Ok(table)), Ok(schema)) => {
                        let table = self.object(schema.as_deref(), &table);
                        let first = self.ops.len();
                        if let Some(alias) = alias.clone() {
                            self.batches.insert(alias.clone(), table);
                            self.block(body);
                            self.batches.remove(&alias);
                        } else {
                            self.block(body);
                        }
                        if self.dialect() == Dialect::Sqlite {
                            recreate_order(&mut self.ops[first..]);
                        }
                    }
                    (Some(Err(reason)), _) | (_, Err(reason)) => {
                        self.opaque(span, format!("a batch operation: {reason}"))
                    }
                    (None, _) => self.opaque(span, "a batch operation without a table name".to_owned()),
                }
            }
            _ if autocommit => {
                // Alembic commits the migration's transaction, runs the block outside one,
                // and begins a new transaction after it, exactly as its offline SQL shows.
                let at = self.src().span(value);
                self.push(OpKind::Transaction(TransactionControl::ToolCommit), at);
                self.block(body);
                self.push(OpKind::Transaction(TransactionControl::ToolBegin), at);
            }
            _ => {
                if self.touches_database(body) {
                    let text = first_line(self.src().text_of(value));
                    self.opaque(
                        span,
                        format!("operations inside `with {text}`, a context manager the extractor does not know"),
                    );
                }
            }
        }
    }

    fn call_statement(&mut self, call: Node<'t>) {
        let span = self.src().span(call);
        let Some(function) = call.child_by_field_name("function") else { return };
        let callee = dotted(self.src(), function);
        let args = Args::of_call(self.src(), call);
        if let Some(callee) = &callee {
            let mut parts = callee.splitn(2, '.');
            let head = parts.next().unwrap_or("");
            let method = parts.next();
            if let Some(table) = self.batches.get(head).cloned()
                && let Some(method) = method
            {
                if args.unpacked {
                    return self.opaque(span, format!("`{callee}(...)` with arguments unpacked at run time"));
                }
                return self.operation(method, &args, Some(table), span, call);
            }
            match (head, method) {
                ("op", Some(method)) => {
                    if args.unpacked {
                        return self.opaque(span, format!("`{callee}(...)` with arguments unpacked at run time"));
                    }
                    return self.operation(method, &args, None, span, call);
                }
                (_, Some("execute" | "exec_driver_sql")) if matches!(self.locals.get(head), Some(Value::Bind)) => {
                    return self.execute(&args, span);
                }
                _ if HARMLESS_CALLEES.contains(&head) => return,
                (name, None) if self.m.functions.contains(name) => {
                    return self
                        .opaque(span, format!("a call to the helper `{name}()`, whose operations are not followed"));
                }
                _ => {}
            }
        }
        // `op.get_bind().execute(...)`.
        if function.kind() == "attribute"
            && let Some(object) = function.child_by_field_name("object")
            && matches!(self.eval(object), Value::Bind)
            && function
                .child_by_field_name("attribute")
                .is_some_and(|a| matches!(self.src().text_of(a), "execute" | "exec_driver_sql"))
        {
            return self.execute(&args, span);
        }
        if self.enum_create_or_drop(function, &args, span) {
            return;
        }
        if self.touches_database(call) || callee.is_none() {
            let text = first_line(self.src().text_of(call));
            self.opaque(span, format!("`{text}` is a call whose effect is not followed"));
        }
    }

    // ---------------------------------------------------------------- operations

    /// One `op.<method>(...)` call, or `batch_op.<method>(...)` with the batch's table.
    fn operation(&mut self, method: &str, args: &Args<'t>, batch: Option<ObjectName>, span: Span, call: Node<'t>) {
        let result = match method {
            "create_table" => self.create_table(args, span),
            "drop_table" => self.with_table(args, &batch, &["table_name", "schema"], |w, table, _| {
                w.push(OpKind::DropTable { name: table, if_exists: false, cascade: false }, span);
                Ok(())
            }),
            "rename_table" => {
                let b = args.bind(&["old_table_name", "new_table_name", "schema"]);
                self.required(&b, "old_table_name", "table name").and_then(|old| {
                    let new = self.required(&b, "new_table_name", "new table name")?;
                    let schema = self.opt_name(b.get("schema").copied(), "schema")?;
                    let table = self.object(schema.as_deref(), &old);
                    let new_name = self.ident(&new);
                    self.push(OpKind::RenameTable { table, new_name }, span);
                    Ok(())
                })
            }
            "add_column" => {
                let names: &[&str] = if batch.is_some() { &["column"] } else { &["table_name", "column", "schema"] };
                self.with_table(args, &batch, names, |w, table, b| {
                    let col = b.get("column").copied().ok_or_else(|| "`add_column` without a column".to_owned())?;
                    w.add_column(table, col, span)
                })
            }
            "drop_column" => {
                let names: &[&str] =
                    if batch.is_some() { &["column_name"] } else { &["table_name", "column_name", "schema"] };
                self.with_table(args, &batch, names, |w, table, b| {
                    let column = w.ident(&w.required(b, "column_name", "column name")?);
                    w.push(OpKind::DropColumn { table, column, if_exists: false, cascade: false }, span);
                    Ok(())
                })
            }
            "alter_column" => {
                let names: &[&str] =
                    if batch.is_some() { &["column_name"] } else { &["table_name", "column_name", "schema"] };
                self.with_table(args, &batch, names, |w, table, b| {
                    let column = w.ident(&w.required(b, "column_name", "column name")?);
                    w.alter_column(table, column, args, span)
                })
            }
            "create_foreign_key" => {
                let names: &[&str] = if batch.is_some() {
                    &["constraint_name", "referent_table", "local_cols", "remote_cols"]
                } else {
                    &["constraint_name", "source_table", "referent_table", "local_cols", "remote_cols"]
                };
                self.create_foreign_key(args, batch, names, span)
            }
            "drop_constraint" => {
                let names: &[&str] = if batch.is_some() {
                    &["constraint_name", "type_"]
                } else {
                    &["constraint_name", "table_name", "type_", "schema"]
                };
                self.with_table(args, &batch, names, |w, table, b| {
                    let name = w.ident(&w.required(b, "constraint_name", "constraint name")?);
                    let kind = b.get("type_").and_then(|t| w.eval(*t).as_str().map(str::to_owned));
                    let tag = match kind.as_deref() {
                        Some("foreignkey") => Some(ConstraintKindTag::ForeignKey),
                        Some("primary") => Some(ConstraintKindTag::PrimaryKey),
                        Some("unique") => Some(ConstraintKindTag::Unique),
                        Some("check") => Some(ConstraintKindTag::Check),
                        _ => None,
                    };
                    // MySQL drops foreign keys and keys with statements of their own kind.
                    let op = match (w.dialect(), tag) {
                        (Dialect::MySql, Some(kind)) => OpKind::DropConstraintOfKind { table, name: Some(name), kind },
                        _ => OpKind::DropConstraint { table, name, if_exists: false, cascade: false },
                    };
                    w.push(op, span);
                    Ok(())
                })
            }
            "create_index" => self.create_index(args, batch, span),
            "drop_index" => {
                let b =
                    args.bind(if batch.is_some() { &["index_name"] } else { &["index_name", "table_name", "schema"] });
                (|| {
                    let name = self.required(&b, "index_name", "index name")?;
                    let schema = self.opt_name(b.get("schema").copied(), "schema")?;
                    let table = match &batch {
                        Some(t) => Some(t.clone()),
                        None => self
                            .opt_name(b.get("table_name").copied(), "table name")?
                            .map(|t| self.object(schema.as_deref(), &t)),
                    };
                    let schema =
                        schema.or_else(|| batch.as_ref().and_then(|t| t.schema.as_ref().map(|s| s.to_string())));
                    let concurrently = self.bool_arg(args.keyword("postgresql_concurrently")).unwrap_or(false);
                    let if_exists = self.bool_arg(args.keyword("if_exists")).unwrap_or(false);
                    let name = self.object(schema.as_deref(), &name);
                    self.push(OpKind::DropIndex { name, table, if_exists, concurrently, cascade: false }, span);
                    Ok(())
                })()
            }
            "create_unique_constraint" | "create_primary_key" | "create_check_constraint" => {
                let third = if method == "create_check_constraint" { "condition" } else { "columns" };
                let names: Vec<&'static str> = if batch.is_some() {
                    vec!["constraint_name", third]
                } else {
                    vec!["constraint_name", "table_name", third, "schema"]
                };
                self.with_table(args, &batch, &names, |w, table, b| {
                    let name = w.opt_name(b.get("constraint_name").copied(), "constraint name")?.map(|n| w.ident(&n));
                    let kind = match method {
                        "create_check_constraint" => {
                            let cond =
                                b.get("condition").copied().ok_or_else(|| "a check without a condition".to_owned())?;
                            w.check_kind(cond)?
                        }
                        _ => {
                            let cols =
                                b.get("columns").copied().ok_or_else(|| "a constraint without columns".to_owned())?;
                            let columns = w.names(cols, "columns")?.iter().map(|c| w.ident(c)).collect();
                            if method == "create_primary_key" {
                                ConstraintKind::PrimaryKey { columns, using_index: None }
                            } else {
                                let nnd = w.bool_arg(args.keyword("postgresql_nulls_not_distinct")).unwrap_or(false);
                                ConstraintKind::Unique { columns, using_index: None, nulls_not_distinct: nnd }
                            }
                        }
                    };
                    // A SQLite batch copies the table with the new primary key in place of
                    // the old one, if it had one.
                    if method == "create_primary_key" && batch.is_some() && w.dialect() == Dialect::Sqlite {
                        let mut drop = Op::new(
                            OpKind::DropConstraintOfKind {
                                table: table.clone(),
                                name: None,
                                kind: ConstraintKindTag::PrimaryKey,
                            },
                            span,
                        );
                        drop.conditional = true;
                        w.ops.push(drop);
                    }
                    let constraint = Constraint { name, kind, not_valid: false, span };
                    w.push(OpKind::AddConstraint { table, constraint }, span);
                    Ok(())
                })
            }
            "create_exclude_constraint" => {
                self.with_table(args, &batch, &["constraint_name", "table_name"], |w, table, b| {
                    let name = w.opt_name(b.get("constraint_name").copied(), "constraint name")?.map(|n| w.ident(&n));
                    let constraint = Constraint { name, kind: ConstraintKind::Exclude, not_valid: false, span };
                    w.push(OpKind::AddConstraint { table, constraint }, span);
                    Ok(())
                })
            }
            "create_table_comment" | "drop_table_comment" => {
                let names: &[&str] = if batch.is_some() { &["comment"] } else { &["table_name", "comment"] };
                self.with_table(args, &batch, names, |w, table, b| {
                    let text =
                        if method == "drop_table_comment" { None } else { Some(w.required(b, "comment", "comment")?) };
                    w.push(OpKind::Comment { target: CommentTarget::Table(table), text }, span);
                    Ok(())
                })
            }
            "execute" => {
                self.execute(args, span);
                Ok(())
            }
            "bulk_insert" => {
                let table = args.positional.first().map(|t| self.table_clause_name(*t));
                self.push(
                    OpKind::DataChange { kind: DataChangeKind::Insert, table: table.flatten(), from: Vec::new() },
                    span,
                );
                Ok(())
            }
            // Operations that return something or configure the context: no schema change.
            "get_bind" | "get_context" | "f" | "inline_literal" | "implementation_for" | "register_operation" => Ok(()),
            other => Err(format!("`op.{other}(...)` is an operation schemagraph does not model")),
        };
        if let Err(reason) = result {
            let _ = call;
            self.opaque(span, format!("`op.{method}`: {reason}"));
        }
    }

    pub(crate) fn required(
        &self,
        bound: &HashMap<&'static str, Node<'t>>,
        key: &str,
        what: &str,
    ) -> Result<String, String> {
        match bound.get(key) {
            Some(n) => self.name(*n, what),
            None => Err(format!("no {what} was given")),
        }
    }

    /// Binds arguments, resolves the table (the batch's or `table_name` with `schema`), and
    /// runs `f`.
    fn with_table(
        &mut self,
        args: &Args<'t>,
        batch: &Option<ObjectName>,
        names: &[&'static str],
        f: impl FnOnce(&mut Self, ObjectName, &HashMap<&'static str, Node<'t>>) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut all: Vec<&'static str> = names.to_vec();
        if !all.contains(&"schema") {
            all.push("schema");
        }
        let b = args.bind(&all);
        let table = match batch {
            Some(t) => t.clone(),
            None => {
                let name = self.required(&b, "table_name", "table name")?;
                let schema = self.opt_name(b.get("schema").copied(), "schema")?;
                self.object(schema.as_deref(), &name)
            }
        };
        f(self, table, &b)
    }

    fn execute(&mut self, args: &Args<'t>, span: Span) {
        let Some(arg) =
            args.keyword("sqltext").or_else(|| args.keyword("statement")).or(args.positional.first().copied())
        else {
            return self.opaque(span, "`execute` without SQL".to_owned());
        };
        match self.eval(arg) {
            Value::Str(sql) => self.embedded_sql(sql),
            Value::Dynamic(reason) => {
                self.opaque(span, format!("SQL passed to `execute` is not known statically: {reason}"))
            }
            _ => {
                // `op.execute(users.update().values(...))`: SQLAlchemy Core statements.
                let text = self.src().text_of(arg);
                let kind = if text.contains(".insert(") || text.starts_with("insert(") || text.starts_with("sa.insert(")
                {
                    Some(DataChangeKind::Insert)
                } else if text.contains(".update(") || text.starts_with("update(") || text.starts_with("sa.update(") {
                    Some(DataChangeKind::Update)
                } else if text.contains(".delete(") || text.starts_with("delete(") || text.starts_with("sa.delete(") {
                    Some(DataChangeKind::Delete)
                } else {
                    None
                };
                let query = text.starts_with("sa.select(") || text.starts_with("select(");
                match kind {
                    _ if query => self.push(OpKind::NoEffect { what: "a SQLAlchemy query".to_owned() }, span),
                    Some(kind) => self.push(OpKind::DataChange { kind, table: None, from: Vec::new() }, span),
                    None => {
                        self.opaque(span, format!("`execute` of `{}`, which is built at run time", first_line(text)))
                    }
                }
            }
        }
    }

    /// SQL from a Python string, read by the SQL extractor with its offsets mapped into the
    /// Python file.
    fn embedded_sql(&mut self, sql: PyStr) {
        let out = sg_extract_sql::extract_sql(&sql.value, &sql.map, self.dialect());
        self.ops.extend(out.ops);
        self.findings.extend(out.findings);
    }

    /// The table a `sa.table("name", ...)` clause (or a variable holding one) names.
    fn table_clause_name(&self, node: Node<'t>) -> Option<ObjectName> {
        let node = match self.eval(node) {
            Value::Node(n) => n,
            _ => return None,
        };
        if node.kind() != "call" {
            return None;
        }
        let callee = dotted(self.src(), node.child_by_field_name("function")?)?;
        if !matches!(last_part(&callee), "table" | "Table") {
            return None;
        }
        let args = Args::of_call(self.src(), node);
        let name = self.name(*args.positional.first()?, "table name").ok()?;
        let schema = args.keyword("schema").and_then(|s| self.name(s, "schema").ok());
        Some(self.object(schema.as_deref(), &name))
    }

    fn alter_column(&mut self, table: ObjectName, column: Ident, args: &Args<'t>, span: Span) -> Result<(), String> {
        let pg = self.dialect() == Dialect::Postgres;
        let mut type_op = None;
        if let Some(t) = args.keyword("type_") {
            let ty = crate::types::sa_type(self.src(), t, self.dialect(), self.m.custom_types, &|n| self.eval(n));
            if let Some(reason) = &ty.unknown {
                self.note(self.src().span(t), reason.clone());
            }
            let using = args.keyword("postgresql_using").and_then(|u| self.eval(u).as_str().map(str::to_owned));
            type_op = Some(OpKind::AlterColumnType {
                table: table.clone(),
                column: column.clone(),
                ty: self.type_ref(&ty),
                using,
            });
        }
        // PostgreSQL's implementation changes the type first; the others after the rest.
        if pg && let Some(op) = type_op.take() {
            self.push(op, span);
        }
        match args.keyword("nullable").map(|n| self.eval(n)) {
            Some(Value::Bool(false)) => {
                self.push(OpKind::SetNotNull { table: table.clone(), column: column.clone() }, span)
            }
            Some(Value::Bool(true)) => {
                self.push(OpKind::DropNotNull { table: table.clone(), column: column.clone() }, span)
            }
            _ => {}
        }
        if let Some(d) = args.keyword("server_default") {
            match self.eval(d) {
                // `server_default=False` (Alembic's default) leaves the default alone.
                Value::Bool(false) => {}
                Value::None => self.push(OpKind::DropDefault { table: table.clone(), column: column.clone() }, span),
                _ => match self.server_default(d) {
                    Ok(Some(default)) => {
                        self.push(OpKind::SetDefault { table: table.clone(), column: column.clone(), default }, span)
                    }
                    Ok(None) => {}
                    Err(reason) => self.note(self.src().span(d), reason),
                },
            }
        }
        if let Some(op) = type_op {
            self.push(op, span);
        }
        if let Some(c) = args.keyword("comment") {
            match self.eval(c) {
                Value::Bool(false) => {}
                Value::None => self.push(
                    OpKind::Comment { target: CommentTarget::Column(table.clone(), column.clone()), text: None },
                    span,
                ),
                Value::Str(s) => self.push(
                    OpKind::Comment {
                        target: CommentTarget::Column(table.clone(), column.clone()),
                        text: Some(s.value),
                    },
                    span,
                ),
                _ => {}
            }
        }
        if let Some(n) = args.keyword("new_column_name") {
            let new_name = self.ident(&self.name(n, "new column name")?);
            self.push(OpKind::RenameColumn { table, column, new_name }, span);
        }
        Ok(())
    }

    /// `sa.Enum(..., name="x").create(op.get_bind(), checkfirst=...)` and `.drop(...)`: the
    /// usual way to create or drop a PostgreSQL enum type outside `create_table`. Returns
    /// whether the call was one.
    fn enum_create_or_drop(&mut self, function: Node<'t>, args: &Args<'t>, span: Span) -> bool {
        if function.kind() != "attribute" {
            return false;
        }
        let Some(method) = function.child_by_field_name("attribute").map(|a| self.src().text_of(a)) else {
            return false;
        };
        let Some(object) = function.child_by_field_name("object") else { return false };
        let class = (object.kind() == "call")
            .then(|| object.child_by_field_name("function").and_then(|f| dotted(self.src(), f)))
            .flatten()
            .map(|name| last_part(&name).to_owned());
        let is_enum = matches!(class.as_deref(), Some("Enum" | "ENUM"));
        let bind = args.bind(&["bind"]).get("bind").is_some_and(|b| matches!(self.eval(*b), Value::Bind));
        if !is_enum || !bind || !matches!(method, "create" | "drop") {
            return false;
        }
        // `postgresql.ENUM` checks first unless told not to; `sa.Enum` does not.
        let checkfirst = self.bool_arg(args.keyword("checkfirst")).unwrap_or(class.as_deref() == Some("ENUM"));
        let ty = crate::types::sa_type(self.src(), object, self.dialect(), self.m.custom_types, &|n| self.eval(n));
        // A non-native enum (not PostgreSQL, or `native_enum=False`) has no type to create.
        let Some(e) = ty.native_enum else { return true };
        let name = self.object(e.schema.as_deref(), &e.name);
        let kind = if method == "create" {
            let Some(values) = e.values else {
                self.opaque(span, format!("an enum type `{}` whose labels are not known statically", e.name));
                return true;
            };
            OpKind::CreateEnum { name, values }
        } else {
            OpKind::DropType { name, if_exists: checkfirst, cascade: false }
        };
        let mut op = Op::new(kind, span);
        // With `checkfirst`, creating a type that exists does nothing.
        op.conditional = checkfirst && method == "create";
        self.ops.push(op);
        true
    }

    pub(crate) fn type_ref(&self, ty: &crate::types::SaType) -> TypeRef {
        if ty.unknown.is_some() && ty.native_enum.is_none() {
            // The column exists but its type is not known: keep the Python spelling, and do
            // not let it pass for a user type that must exist. Its family is `unknown`, so
            // no rule compares it with another type.
            let mut r = TypeRef::parse("unknown", self.dialect());
            r.ty =
                sg_model::SqlType { canonical: ty.ddl.clone(), family: sg_model::TypeFamily::Named("unknown".into()) };
            r.raw = ty.ddl.clone();
            r.user_type = None;
            return r;
        }
        TypeRef::parse(&ty.ddl, self.dialect())
    }

    fn create_foreign_key(
        &mut self,
        args: &Args<'t>,
        batch: Option<ObjectName>,
        names: &[&'static str],
        span: Span,
    ) -> Result<(), String> {
        let mut all = names.to_vec();
        all.extend(["source_schema", "referent_schema"]);
        let b = args.bind(&all);
        let name = self.opt_name(b.get("constraint_name").copied(), "constraint name")?.map(|n| self.ident(&n));
        let table = match batch {
            Some(t) => t,
            None => {
                let source = self.required(&b, "source_table", "source table")?;
                let schema = self.opt_name(b.get("source_schema").copied(), "source schema")?;
                self.object(schema.as_deref(), &source)
            }
        };
        let referent = self.required(&b, "referent_table", "referenced table")?;
        let referent_schema = self.opt_name(b.get("referent_schema").copied(), "referenced schema")?;
        let local = b.get("local_cols").copied().ok_or_else(|| "no local columns were given".to_owned())?;
        let remote = b.get("remote_cols").copied().ok_or_else(|| "no referenced columns were given".to_owned())?;
        let fk = ForeignKeyDef {
            columns: self.names(local, "local columns")?.iter().map(|c| self.ident(c)).collect(),
            references: self.object(referent_schema.as_deref(), &referent),
            referenced_columns: self.names(remote, "referenced columns")?.iter().map(|c| self.ident(c)).collect(),
            on_delete: self.ref_action(args.keyword("ondelete")),
            on_update: self.ref_action(args.keyword("onupdate")),
            deferrable: self.bool_arg(args.keyword("deferrable")).unwrap_or(false),
        };
        let constraint = Constraint { name, kind: ConstraintKind::ForeignKey(fk), not_valid: false, span };
        self.push(OpKind::AddConstraint { table, constraint }, span);
        Ok(())
    }

    pub(crate) fn ref_action(&self, node: Option<Node<'t>>) -> Option<RefAction> {
        let text = node.and_then(|n| self.eval(n).as_str().map(str::to_ascii_uppercase))?;
        Some(match text.split_whitespace().collect::<Vec<_>>().join(" ").as_str() {
            "CASCADE" => RefAction::Cascade,
            "SET NULL" => RefAction::SetNull,
            "SET DEFAULT" => RefAction::SetDefault,
            "RESTRICT" => RefAction::Restrict,
            _ => RefAction::NoAction,
        })
    }

    fn create_index(&mut self, args: &Args<'t>, batch: Option<ObjectName>, span: Span) -> Result<(), String> {
        let names: &[&'static str] = if batch.is_some() {
            &["index_name", "columns"]
        } else {
            &["index_name", "table_name", "columns", "schema"]
        };
        self.with_table(args, &batch, names, |w, table, b| {
            let name = w.opt_name(b.get("index_name").copied(), "index name")?.map(|n| w.ident(&n));
            let cols = b.get("columns").copied().ok_or_else(|| "an index without columns".to_owned())?;
            let keys = w.index_keys(cols)?;
            let ci = CreateIndex {
                name,
                schema: table.schema.clone(),
                table,
                keys,
                unique: w.bool_arg(args.keyword("unique")).unwrap_or(false),
                concurrently: w.dialect() == Dialect::Postgres
                    && w.bool_arg(args.keyword("postgresql_concurrently")).unwrap_or(false),
                if_not_exists: w.bool_arg(args.keyword("if_not_exists")).unwrap_or(false),
                method: args.keyword("postgresql_using").and_then(|u| w.eval(u).as_str().map(str::to_ascii_lowercase)),
                predicate: w.predicate(args.keyword("postgresql_where").or(args.keyword("sqlite_where"))),
                include: match args.keyword("postgresql_include") {
                    Some(n) => w.names(n, "included columns")?.iter().map(|c| w.ident(c)).collect(),
                    None => Vec::new(),
                },
                only: false,
            };
            w.push(OpKind::CreateIndex(ci), span);
            Ok(())
        })
    }

    /// Index keys: a string is a column name (Alembic never reads it as SQL); `sa.text(...)`
    /// is an expression.
    pub(crate) fn index_keys(&self, node: Node<'t>) -> Result<Vec<IndexKey>, String> {
        let node = unparen(node);
        let items: Vec<Node<'t>> = match node.kind() {
            "list" | "tuple" => {
                let mut cursor = node.walk();
                node.named_children(&mut cursor).filter(|c| c.kind() != "comment").collect()
            }
            _ => match self.eval(node) {
                Value::Seq(_) | Value::Str(_) => {
                    return Ok(self
                        .names(node, "index columns")?
                        .iter()
                        .map(|c| IndexKey::Column(self.ident(c)))
                        .collect());
                }
                _ => vec![node],
            },
        };
        items.into_iter().map(|item| self.index_key(item)).collect()
    }

    pub(crate) fn index_key(&self, item: Node<'t>) -> Result<IndexKey, String> {
        if self.is_text_call(item) {
            let Value::Str(s) = self.eval(item) else {
                return Err("an index expression computed at run time".to_owned());
            };
            let text = sg_extract_sql::parse_expression(&s.value, self.dialect()).map_or(s.value, |e| e.text);
            return Ok(IndexKey::Expression(text));
        }
        match self.eval(item) {
            Value::Str(s) => Ok(IndexKey::Column(self.ident(&s.value))),
            _ => Err(format!("the index key `{}` is computed at run time", self.src().text_of(item))),
        }
    }

    pub(crate) fn predicate(&mut self, node: Option<Node<'t>>) -> Option<String> {
        let node = node?;
        match self.eval(node) {
            Value::Str(s) => {
                Some(sg_extract_sql::parse_expression(&s.value, self.dialect()).map_or(s.value, |e| e.text))
            }
            _ => {
                let text = self.src().text_of(node).to_owned();
                self.note(self.src().span(node), format!("the index predicate `{text}` is a Python expression"));
                Some(text)
            }
        }
    }

    /// Whether a node is `sa.text(...)`, `text(...)` or `sa.literal_column(...)`.
    pub(crate) fn is_text_call(&self, node: Node<'t>) -> bool {
        let node = unparen(node);
        node.kind() == "call"
            && node
                .child_by_field_name("function")
                .and_then(|f| dotted(self.src(), f))
                .is_some_and(|c| matches!(last_part(&c), "text" | "literal_column"))
    }

    /// `sa.CheckConstraint`'s or `create_check_constraint`'s condition.
    pub(crate) fn check_kind(&self, cond: Node<'t>) -> Result<ConstraintKind, String> {
        match self.eval(cond) {
            Value::Str(s) => Ok(match sg_extract_sql::parse_expression(&s.value, self.dialect()) {
                Some(e) => ConstraintKind::Check { expr: e.text, columns: e.columns },
                None => ConstraintKind::Check { expr: s.value, columns: Vec::new() },
            }),
            _ => Err(format!("the check condition `{}` is a Python expression", self.src().text_of(cond))),
        }
    }

    /// A `server_default`: a string is a literal; `sa.text(...)` is SQL; `sa.func.now()`
    /// is a function call; `sa.true()` and `sa.false()` are booleans.
    pub(crate) fn server_default(&self, node: Node<'t>) -> Result<Option<Expr>, String> {
        let node = unparen(node);
        if self.is_text_call(node) {
            let Value::Str(s) = self.eval(node) else {
                return Err("a default computed at run time".to_owned());
            };
            return Ok(Some(self.sql_expr(&s.value)));
        }
        if node.kind() == "call"
            && let Some(callee) = node.child_by_field_name("function").and_then(|f| dotted(self.src(), f))
        {
            let args = Args::of_call(self.src(), node);
            match last_part(&callee) {
                "true" if args.positional.is_empty() => return Ok(Some(Expr::Bool(true))),
                "false" if args.positional.is_empty() => return Ok(Some(Expr::Bool(false))),
                "null" if args.positional.is_empty() => return Ok(Some(Expr::Null)),
                "DefaultClause" if args.positional.len() == 1 => return self.server_default(args.positional[0]),
                _ => {}
            }
            if let Some(func) = callee.split_once("func.").map(|(_, f)| f) {
                let mut rendered = Vec::new();
                for a in &args.positional {
                    match self.eval(*a) {
                        Value::Str(s) => rendered.push(sg_model::expr::quote_literal(&s.value)),
                        Value::Number(n) => rendered.push(n),
                        _ if self.is_text_call(*a) => match self.eval(*a) {
                            Value::Str(s) => rendered.push(s.value),
                            _ => return Err("a default computed at run time".to_owned()),
                        },
                        _ => return Err(format!("the default `{}` is computed at run time", self.src().text_of(node))),
                    }
                }
                // SQLAlchemy renders a few ANSI functions without parentheses.
                let bare = matches!(
                    func,
                    "current_timestamp"
                        | "current_date"
                        | "current_time"
                        | "localtimestamp"
                        | "localtime"
                        | "current_user"
                        | "session_user"
                        | "user"
                );
                let sql = if bare && rendered.is_empty() {
                    func.to_uppercase()
                } else {
                    format!("{func}({})", rendered.join(", "))
                };
                return Ok(Some(self.sql_expr(&sql)));
            }
        }
        match self.eval(node) {
            Value::Str(s) => Ok(Some(Expr::String(s.value))),
            Value::None => Ok(None),
            _ => Err(format!("the default `{}` is not one schemagraph can read", self.src().text_of(node))),
        }
    }

    fn sql_expr(&self, text: &str) -> Expr {
        sg_extract_sql::parse_expression(text, self.dialect()).map_or_else(|| Expr::Raw(text.to_owned()), |e| e.expr)
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or("").trim();
    if line.len() < text.trim().len() { format!("{line} ...") } else { line.to_owned() }
}
