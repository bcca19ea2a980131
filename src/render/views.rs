//! The data each template receives: plain serialisable structs, so the contract between rolo
//! and a user's template is visible in one file (and documented in the README).

use crate::analysis::{audit::Audit, intros::Intro, overdue::OverdueRow};
use chrono::NaiveDate;
use serde::Serialize;

/// `overdue.md.j2`.
#[derive(Debug, Serialize)]
pub struct OverdueReport<'a> {
    /// The date the report is computed for.
    pub today: NaiveDate,
    /// Contacts due, most urgent first.
    pub rows: &'a [OverdueRow],
}

/// `audit.md.j2`.
#[derive(Debug, Serialize)]
pub struct AuditReport<'a> {
    /// The date the report is computed for.
    pub today: NaiveDate,
    /// Every section of the audit.
    pub audit: &'a Audit,
    /// Days over which interactions are counted in the balance.
    pub period_days: u32,
    /// Days within which a contact counts as new.
    pub new_days: u32,
}

/// `intros.md.j2`.
#[derive(Debug, Serialize)]
pub struct IntrosReport<'a> {
    /// The date the report is computed for.
    pub today: NaiveDate,
    /// Suggested introductions, best first.
    pub intros: &'a [Intro],
    /// The suggestions as a graph for Mermaid.
    pub graph: Graph,
    /// Introductions you promised (open tasks mentioning an intro).
    pub promised: Vec<PromisedIntro>,
}

/// `graph.md.j2`.
#[derive(Debug, Serialize)]
pub struct GraphReport<'a> {
    /// The note's title.
    pub title: String,
    /// People and their ties.
    pub network: &'a crate::analysis::graph::Network,
}

/// An introduction you promised someone.
#[derive(Debug, Serialize)]
pub struct PromisedIntro {
    /// The contact it was promised to.
    pub name: String,
    /// The task text.
    pub text: String,
    /// Its due date.
    pub due: Option<NaiveDate>,
    /// The note holding the task.
    pub path: String,
    /// Its line.
    pub line: usize,
}

/// Nodes and edges for a Mermaid graph.
#[derive(Debug, Default, Serialize)]
pub struct Graph {
    /// People, each with a Mermaid-safe id.
    pub nodes: Vec<Node>,
    /// Pairs of node ids.
    pub edges: Vec<Edge>,
}

/// A graph node.
#[derive(Debug, Serialize)]
pub struct Node {
    /// `p0`, `p1`, ...
    pub id: String,
    /// The person's name (escaped by the template's `mermaid_label` filter).
    pub label: String,
}

/// A graph edge.
#[derive(Debug, Serialize)]
pub struct Edge {
    /// One node id.
    pub a: String,
    /// The other node id.
    pub b: String,
}

impl Graph {
    /// The graph of suggested introductions.
    pub fn of_intros(intros: &[Intro]) -> Graph {
        let mut graph = Graph::default();
        for intro in intros {
            let a = graph.node(&intro.a);
            let b = graph.node(&intro.b);
            graph.edges.push(Edge { a, b });
        }
        graph
    }

    fn node(&mut self, name: &str) -> String {
        if let Some(n) = self.nodes.iter().find(|n| n.label == name) {
            return n.id.clone();
        }
        let id = format!("p{}", self.nodes.len());
        self.nodes.push(Node { id: id.clone(), label: name.to_string() });
        id
    }
}
