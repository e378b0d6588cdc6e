//! The foreign-key graph of a schema state, and the cycles in it.
//!
//! Tables are nodes and every foreign key is an edge from the referencing table to the
//! referenced one. Cycles are found per strongly connected component; within a component,
//! a foreign key "closes" a cycle when, in the order the history created them, its target
//! could already reach its source. Each closing key is one cycle, reported where it was
//! written, with the path it closes.

use std::collections::{BTreeMap, VecDeque};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use crate::ident::QualifiedName;
use crate::schema::{ForeignKey, Schema};

/// An edge: the table that holds the foreign key and its position in that table's list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FkEdge {
    pub table: QualifiedName,
    pub index: usize,
}

pub struct FkGraph<'a> {
    pub schema: &'a Schema,
    pub graph: DiGraph<QualifiedName, FkEdge>,
    nodes: BTreeMap<QualifiedName, NodeIndex>,
}

/// One cycle: the foreign key that closed it and the path from its target back to its
/// source, as edges in order. Together they form the cycle.
#[derive(Clone, Debug)]
pub struct FkCycle {
    pub closing: FkEdge,
    pub path: Vec<FkEdge>,
}

impl<'a> FkGraph<'a> {
    pub fn new(schema: &'a Schema) -> FkGraph<'a> {
        let mut graph = DiGraph::new();
        let mut nodes = BTreeMap::new();
        for name in schema.tables.keys() {
            nodes.insert(name.clone(), graph.add_node(name.clone()));
        }
        for (name, table) in &schema.tables {
            for (index, fk) in table.foreign_keys.iter().enumerate() {
                // A key to a table the schema lacks is a dangling reference, reported by the
                // replay; it cannot be part of a cycle.
                let Some(&to) = nodes.get(&fk.referenced_table) else {
                    continue;
                };
                let from = nodes[name];
                graph.add_edge(from, to, FkEdge { table: name.clone(), index });
            }
        }
        FkGraph { schema, graph, nodes }
    }

    pub fn fk(&self, edge: &FkEdge) -> &'a ForeignKey {
        &self.schema.tables[&edge.table].foreign_keys[edge.index]
    }

    pub fn node(&self, name: &QualifiedName) -> Option<NodeIndex> {
        self.nodes.get(name).copied()
    }

    /// Every cycle, each closed by the key created last among those that complete it.
    /// A table that references itself is not a cycle.
    pub fn cycles(&self) -> Vec<FkCycle> {
        let mut out = Vec::new();
        for component in tarjan_scc(&self.graph) {
            if component.len() < 2 {
                continue;
            }
            let members: std::collections::BTreeSet<NodeIndex> = component.iter().copied().collect();
            let mut edges: Vec<(NodeIndex, NodeIndex, FkEdge)> = self
                .graph
                .edge_indices()
                .filter_map(|e| {
                    let (a, b) = self.graph.edge_endpoints(e)?;
                    (a != b && members.contains(&a) && members.contains(&b)).then(|| (a, b, self.graph[e].clone()))
                })
                .collect();
            edges.sort_by(|x, y| {
                let fx = self.fk(&x.2);
                let fy = self.fk(&y.2);
                (fx.origin, &x.2.table, x.2.index).cmp(&(fy.origin, &y.2.table, y.2.index))
            });
            let mut added: Vec<(NodeIndex, NodeIndex, FkEdge)> = Vec::new();
            for (from, to, edge) in edges {
                if let Some(path) = shortest_path(&added, to, from) {
                    out.push(FkCycle { closing: edge.clone(), path });
                }
                added.push((from, to, edge));
            }
        }
        out.sort_by(|a, b| {
            let fa = self.fk(&a.closing);
            let fb = self.fk(&b.closing);
            (fa.origin, &a.closing.table).cmp(&(fb.origin, &b.closing.table))
        });
        out
    }
}

/// Breadth-first search over `edges` from `start` to `goal`; the path as edges.
fn shortest_path(edges: &[(NodeIndex, NodeIndex, FkEdge)], start: NodeIndex, goal: NodeIndex) -> Option<Vec<FkEdge>> {
    let mut previous: BTreeMap<NodeIndex, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    let mut seen = std::collections::BTreeSet::from([start]);
    while let Some(node) = queue.pop_front() {
        if node == goal {
            let mut path = Vec::new();
            let mut at = goal;
            while at != start {
                let i = previous[&at];
                path.push(edges[i].2.clone());
                at = edges[i].0;
            }
            path.reverse();
            return Some(path);
        }
        for (i, (from, to, _)) in edges.iter().enumerate() {
            if *from == node && seen.insert(*to) {
                previous.insert(*to, i);
                queue.push_back(*to);
            }
        }
    }
    None
}
