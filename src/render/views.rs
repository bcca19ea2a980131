//! The data each template receives: serialisable structs, so the contract between rolo and a
//! user's template is visible in one file (and documented in the README). The long lists are
//! [`Table`]s, which templates read like any list; each row type says here which fields it
//! has, and a test checks them against its serde form.

use super::lazy::{optional, text, At, Fields, Table};
use crate::analysis::audit::{Audit, AuditItem};
use crate::analysis::{intros::Intro, overdue::OverdueRow};
use chrono::NaiveDate;
use minijinja::value::Value;
use serde::Serialize;

/// `overdue.md.j2`.
#[derive(Debug, Serialize)]
pub struct OverdueReport {
    /// The date the report is computed for.
    pub today: NaiveDate,
    /// Contacts due, most urgent first.
    pub rows: Table<OverdueRow>,
}

/// `audit.md.j2`.
#[derive(Debug, Serialize)]
pub struct AuditReport {
    /// The date the report is computed for.
    pub today: NaiveDate,
    /// Every section of the audit, each a [`Table`].
    pub audit: Audit<Table<AuditItem>>,
    /// Days over which interactions are counted in the balance.
    pub period_days: u32,
    /// Days within which a contact counts as new.
    pub new_days: u32,
}

impl Fields for OverdueRow {
    const NAMES: &'static [&'static str] = &[
        "name",
        "path",
        "circle",
        "cadence",
        "cadence_days",
        "last_contact",
        "last_channel",
        "due",
        "days_overdue",
        "reasons",
        "suggested_channel",
        "you_owe",
    ];

    fn field(row: At<'_, Self>, name: &str) -> Option<Value> {
        Some(match name {
            "name" => text(&row.name),
            "path" => text(&row.path),
            "circle" => optional(row.circle.as_deref(), text),
            "cadence" => text(&row.cadence),
            "cadence_days" => Value::from(row.cadence_days),
            "last_contact" => optional(row.last_contact, date),
            "last_channel" => optional(row.last_channel.as_deref(), text),
            "due" => date(row.due),
            "days_overdue" => Value::from(row.days_overdue),
            "reasons" => row.texts(|row| &row.reasons),
            "suggested_channel" => optional(row.suggested_channel.as_deref(), text),
            "you_owe" => row.serialized_items(|row| &row.you_owe),
            _ => return None,
        })
    }
}

impl Fields for AuditItem {
    const NAMES: &'static [&'static str] = &["name", "path", "contact_path", "line", "fact", "action"];

    fn field(item: At<'_, Self>, name: &str) -> Option<Value> {
        Some(match name {
            "name" => text(&item.name),
            "path" => text(&item.path),
            "contact_path" => optional(item.contact_path.as_deref(), text),
            "line" => optional(item.line, Value::from),
            "fact" => text(&item.fact),
            "action" => optional(item.action.as_deref(), text),
            _ => return None,
        })
    }
}

/// A date as templates see it: `2026-11-24`, as serde writes it. Reports hold hundreds of
/// thousands of dates, so the common four-digit years skip the formatting machinery.
fn date(date: NaiveDate) -> Value {
    use chrono::Datelike;
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&year) {
        return Value::from(date.to_string());
    }
    let digit = |n: u32| b'0' + (n % 10) as u8;
    let year = year as u32;
    let iso = [
        digit(year / 1000),
        digit(year / 100),
        digit(year / 10),
        digit(year),
        b'-',
        digit(month / 10),
        digit(month),
        b'-',
        digit(day / 10),
        digit(day),
    ];
    std::str::from_utf8(&iso).map(Value::from).unwrap_or_else(|_| Value::from(date.to_string()))
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
    /// The contact's note, by which reports link them: the task may be in another note.
    pub contact_path: String,
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
        // Nodes are people, known by their note: two contacts may share a display name.
        let mut paths: Vec<&str> = Vec::new();
        for intro in intros {
            let a = graph.node(&mut paths, &intro.a_path, &intro.a);
            let b = graph.node(&mut paths, &intro.b_path, &intro.b);
            graph.edges.push(Edge { a, b });
        }
        graph
    }

    /// The id of the node of the contact whose note is `path`, added when new; `paths` holds
    /// the note of each node so far.
    fn node<'a>(&mut self, paths: &mut Vec<&'a str>, path: &'a str, name: &str) -> String {
        if let Some(n) = paths.iter().position(|p| *p == path) {
            return self.nodes[n].id.clone();
        }
        let id = format!("p{}", self.nodes.len());
        paths.push(path);
        self.nodes.push(Node { id: id.clone(), label: name.to_string() });
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::contact::Promise;
    use crate::note::tasks::Direction;
    use crate::render::lazy::tests::assert_fields_match_serde;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    fn overdue_row(full: bool) -> OverdueRow {
        OverdueRow {
            name: "Ana Ruiz".into(),
            path: "People/Ana Ruiz.md".into(),
            circle: full.then(|| "clients".into()),
            cadence: "30d".into(),
            cadence_days: 30,
            last_contact: full.then(|| day(2)),
            last_channel: full.then(|| "coffee".into()),
            due: day(20),
            days_overdue: if full { 4 } else { -3 },
            reasons: if full { vec!["Birthday on Dec 1".into(), "She asked for [[Bo]]".into()] } else { vec![] },
            suggested_channel: full.then(|| "call".into()),
            you_owe: if full {
                vec![Promise {
                    text: "send the deck".into(),
                    raw: "send the deck 📅 2026-11-30".into(),
                    due: Some(day(30)),
                    direction: Direction::IOwe,
                    done: false,
                    path: "People/Ana Ruiz.md".into(),
                    line: 12,
                }]
            } else {
                vec![]
            },
        }
    }

    #[test]
    fn the_intros_graph_keeps_two_people_of_the_same_name_apart() {
        let intro = |a: &str, a_path: &str, b: &str, b_path: &str| Intro {
            a: a.into(),
            b: b.into(),
            a_path: a_path.into(),
            b_path: b_path.into(),
            score: 1.0,
            reasons: vec![],
            familiarity: vec![],
        };
        let graph = Graph::of_intros(&[
            intro("Ana Ruiz", "People/Ana.md", "Ben", "People/Ben.md"),
            intro("Cy", "People/Cy.md", "Ana Ruiz", "People/Work/Ana.md"),
            intro("Ben", "People/Ben.md", "Cy", "People/Cy.md"),
        ]);
        let nodes: Vec<(&str, &str)> = graph.nodes.iter().map(|n| (n.id.as_str(), n.label.as_str())).collect();
        assert_eq!(nodes, [("p0", "Ana Ruiz"), ("p1", "Ben"), ("p2", "Cy"), ("p3", "Ana Ruiz")]);
        let edges: Vec<(&str, &str)> = graph.edges.iter().map(|e| (e.a.as_str(), e.b.as_str())).collect();
        assert_eq!(edges, [("p0", "p1"), ("p2", "p3"), ("p1", "p2")]);
    }

    #[test]
    fn overdue_rows_read_field_by_field_match_serde() {
        assert_fields_match_serde(overdue_row(true));
        assert_fields_match_serde(overdue_row(false));
    }

    #[test]
    fn dates_read_as_serde_writes_them() {
        for (y, m, d) in
            [(2026, 11, 24), (1, 1, 1), (0, 12, 31), (999, 2, 3), (9999, 12, 31), (10000, 1, 1), (-1, 6, 15)]
        {
            let Some(day) = NaiveDate::from_ymd_opt(y, m, d) else { panic!("{y}-{m}-{d} is a date") };
            assert_eq!(date(day), Value::from(minijinja::value::Serde(day)), "{day:?}");
        }
    }

    #[test]
    fn audit_items_read_field_by_field_match_serde() {
        let full = AuditItem {
            name: "Bo".into(),
            path: "Daily/2026-11-20.md".into(),
            contact_path: Some("People/Bo.md".into()),
            line: Some(3),
            fact: "no circle".into(),
            action: Some("archive [[Bo]]".into()),
        };
        let bare = AuditItem { contact_path: None, line: None, action: None, ..full.clone() };
        assert_fields_match_serde(bare);
        assert_fields_match_serde(full);
    }

    #[test]
    fn an_audit_of_tables_keeps_every_section_of_the_audit() {
        let item = |name: &str| AuditItem {
            name: name.into(),
            path: String::new(),
            contact_path: None,
            line: None,
            fact: String::new(),
            action: None,
        };
        let audit = Audit {
            invalid: vec![item("invalid")],
            unsorted: vec![item("unsorted")],
            new: vec![item("new")],
            dormant: vec![item("dormant")],
            drifting: vec![item("drifting")],
            non_reciprocal: vec![item("non_reciprocal")],
            duplicates: vec![item("duplicates")],
            broken_links: vec![item("broken_links")],
            balance: vec![],
            owed_to_you: vec![item("owed_to_you")],
            to_add: vec![item("to_add")],
        };
        let (Ok(plain), Ok(sections)) =
            (serde_json::to_value(&audit), serde_json::to_value(audit.clone().map_sections(Table::new)))
        else {
            panic!("both serialise")
        };
        assert_eq!(sections, plain);
    }
}
