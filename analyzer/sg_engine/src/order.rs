//! Puts a stream's migrations in the order its tool applies them.

use std::collections::{BTreeMap, BTreeSet};

use sg_model::Migration;

use crate::plan::Order;

pub(crate) fn order_migrations(mut migrations: Vec<Migration>, order: Order) -> Vec<Migration> {
    match order {
        Order::Version => {
            migrations.sort_by(|a, b| a.key.cmp(&b.key));
            migrations
        }
        Order::AsGiven => migrations,
        Order::Graph => topological(migrations),
    }
}

/// Alembic's own order (`RevisionMap._topological_sort`), so that independent branches
/// replay in the order `alembic upgrade heads` runs them, which decides, for one, the order
/// of columns two branches add to the same table.
///
/// Alembic walks down from the heads, taken in the order it loaded the revision files
/// (version locations in order, file names sorted, as the units arrive here), emitting a
/// revision once no other pending head still needs it, and upgrades in the reverse of that
/// order. Edges are `down_revision` and `depends_on` (which may name a branch label).
/// Revisions the walk never reaches (those on a cycle) follow, in load order; the graph
/// rules report why.
fn topological(migrations: Vec<Migration>) -> Vec<Migration> {
    let n = migrations.len();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    // `depends_on` may name a branch label instead of a revision; a label stands for the
    // revision that declares it. Revision ids win over labels of the same spelling.
    for (i, m) in migrations.iter().enumerate() {
        for label in &m.branch_labels {
            index.insert(label.as_str(), i);
        }
    }
    for (i, m) in migrations.iter().enumerate() {
        index.insert(m.version.as_str(), i);
    }
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_child = vec![false; n];
    for (i, m) in migrations.iter().enumerate() {
        for (p, versioned) in m.parents.iter().map(|p| (p, true)).chain(m.depends_on.iter().map(|d| (d, false))) {
            // A parent that does not exist is reported by `missing-revision`; for ordering
            // it is as if absent.
            if let Some(&j) = index.get(p.as_str())
                && j != i
                && !down[i].contains(&j)
            {
                down[i].push(j);
                has_child[j] |= versioned;
            }
        }
    }
    let ancestors = |start: usize| -> BTreeSet<usize> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if seen.insert(i) {
                stack.extend(down[i].iter().copied());
            }
        }
        seen
    };

    let mut todo: BTreeSet<usize> = (0..n).collect();
    let mut heads: Vec<usize> = (0..n).filter(|&i| !has_child[i]).collect();
    let mut heads_ancestors: Vec<BTreeSet<usize>> = heads.iter().map(|&h| ancestors(h)).collect();
    let mut output = Vec::with_capacity(n);
    let mut current = 0;
    // The walk terminates on any acyclic graph; the bound keeps a cyclic one from looping.
    let mut budget = 4 * n * n + 16;
    while !heads.is_empty() && budget > 0 {
        budget -= 1;
        let candidate = heads[current];
        if let Some(other) =
            heads_ancestors.iter().enumerate().position(|(k, a)| k != current && a.contains(&candidate))
        {
            // Another head still needs this revision: walk that head first.
            current = other;
            continue;
        }
        if todo.remove(&candidate) {
            output.push(candidate);
        }
        let to_add: Vec<usize> =
            down[candidate].iter().copied().filter(|r| todo.contains(r) && !heads.contains(r)).collect();
        match to_add.split_first() {
            None => {
                heads.remove(current);
                heads_ancestors.remove(current);
                current = current.saturating_sub(1);
            }
            Some((&first, rest)) => {
                heads[current] = first;
                heads_ancestors[current] = ancestors(first);
                for &r in rest {
                    heads.push(r);
                    heads_ancestors.push(ancestors(r));
                }
            }
        }
    }
    output.reverse();
    output.extend(todo);
    // Revisions whose chain of parents is broken (a parent that does not exist, here or
    // further down) go after the intact history, in the order found: Alembic refuses such
    // a history, and `missing-revision` reports it once instead of every table the broken
    // part uses being reported as used before it exists.
    let mut broken: Vec<bool> =
        migrations.iter().map(|m| m.parents.iter().any(|p| !index.contains_key(p.as_str()))).collect();
    let mut changed = true;
    while changed {
        changed = false;
        for i in 0..n {
            if !broken[i] && down[i].iter().any(|&j| broken[j]) {
                broken[i] = true;
                changed = true;
            }
        }
    }
    let (intact, rest): (Vec<usize>, Vec<usize>) = output.into_iter().partition(|&i| !broken[i]);
    let output: Vec<usize> = intact.into_iter().chain(rest).collect();
    let mut slots: Vec<Option<Migration>> = migrations.into_iter().map(Some).collect();
    output.into_iter().filter_map(|i| slots[i].take()).collect()
}

#[cfg(test)]
mod tests {
    use sg_model::migration::OrderKey;
    use sg_model::{FileId, Migration, Span};

    use super::*;

    fn rev(id: &str, parents: &[&str]) -> Migration {
        Migration {
            version: id.to_owned(),
            name: String::new(),
            key: OrderKey::repeatable(id),
            parents: parents.iter().map(|p| (*p).to_owned()).collect(),
            depends_on: Vec::new(),
            branch_labels: Vec::new(),
            parents_span: Span::default(),
            up: Vec::new(),
            down: None,
            transactional: true,
            file: FileId(0),
            down_file: None,
            span: Span::default(),
        }
    }

    fn ids(ms: &[Migration]) -> Vec<&str> {
        ms.iter().map(|m| m.version.as_str()).collect()
    }

    #[test]
    fn graph_order_follows_parents_not_names() {
        let ms = vec![rev("a", &["c"]), rev("b", &[]), rev("c", &["b"]), rev("d", &["a", "c"])];
        assert_eq!(ids(&order_migrations(ms, Order::Graph)), vec!["b", "c", "a", "d"]);
    }

    #[test]
    fn independent_branches_run_as_alembic_runs_them() {
        // `alembic upgrade heads` over base <- b, base <- c runs c before b.
        let ms = vec![rev("a", &[]), rev("b", &["a"]), rev("c", &["a"])];
        assert_eq!(ids(&order_migrations(ms, Order::Graph)), vec!["a", "c", "b"]);
    }

    #[test]
    fn a_broken_chain_follows_the_intact_history() {
        let ms = vec![rev("a", &[]), rev("b", &["gone"]), rev("c", &["a"])];
        assert_eq!(ids(&order_migrations(ms, Order::Graph)), vec!["a", "c", "b"]);
    }

    #[test]
    fn cycles_go_last() {
        let ms = vec![rev("x", &["y"]), rev("y", &["x"]), rev("base", &[])];
        assert_eq!(ids(&order_migrations(ms, Order::Graph)), vec!["base", "x", "y"]);
    }
}
