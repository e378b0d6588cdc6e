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

/// Kahn's algorithm over parents and `depends_on`: a migration comes after every migration
/// it names that exists. Among migrations ready at the same time the smaller key goes
/// first, so the order is deterministic. Migrations that never become ready (on a cycle)
/// follow, by key; the graph rules report why.
fn topological(mut migrations: Vec<Migration>) -> Vec<Migration> {
    migrations.sort_by(|a, b| a.key.cmp(&b.key));
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
    let mut waiting_on: Vec<usize> = vec![0; migrations.len()];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); migrations.len()];
    for (i, m) in migrations.iter().enumerate() {
        let mut deps: BTreeSet<usize> = BTreeSet::new();
        for p in m.parents.iter().chain(&m.depends_on) {
            // A parent that does not exist is reported by `missing-revision`; for ordering
            // it is as if absent.
            if let Some(&j) = index.get(p.as_str())
                && j != i
            {
                deps.insert(j);
            }
        }
        waiting_on[i] = deps.len();
        for j in deps {
            children[j].push(i);
        }
    }
    let mut ready: BTreeSet<usize> = (0..migrations.len()).filter(|&i| waiting_on[i] == 0).collect();
    let mut placed = vec![false; migrations.len()];
    let mut out_order = Vec::with_capacity(migrations.len());
    while let Some(i) = ready.pop_first() {
        placed[i] = true;
        out_order.push(i);
        for &c in &children[i] {
            waiting_on[c] -= 1;
            if waiting_on[c] == 0 {
                ready.insert(c);
            }
        }
    }
    out_order.extend((0..migrations.len()).filter(|&i| !placed[i]));
    let mut slots: Vec<Option<Migration>> = migrations.into_iter().map(Some).collect();
    out_order.into_iter().filter_map(|i| slots[i].take()).collect()
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
    fn cycles_go_last() {
        let ms = vec![rev("x", &["y"]), rev("y", &["x"]), rev("base", &[])];
        assert_eq!(ids(&order_migrations(ms, Order::Graph)), vec!["base", "x", "y"]);
    }
}
