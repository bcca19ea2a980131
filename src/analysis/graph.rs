//! Who knows whom, as a small graph: links between notes, `introduced_by`, and introductions
//! you made. Limited to a circle or to the people around one contact so it stays readable.

use crate::index::Index;
use crate::model::contact::ContactId;
use crate::text;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// Which contacts to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every contact (only sensible for small vaults).
    All,
    /// The members of one circle.
    Circle(String),
    /// Everyone within `depth` steps of a contact.
    Around(ContactId, usize),
}

/// How two people are connected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Tie {
    /// One's note links the other.
    Linked,
    /// One introduced the other to you.
    IntroducedBy,
    /// You introduced them to each other.
    Introduced,
}

/// A person in the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Mermaid node id (`p0`, `p1`, ...).
    pub id: String,
    /// Display name.
    pub name: String,
    /// The contact's note, which tells apart two people of one name.
    pub path: String,
    /// Circle, if any.
    pub circle: Option<String>,
}

/// A connection between two people (node ids), strongest tie only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connection {
    /// One node id.
    pub a: String,
    /// The other node id.
    pub b: String,
    /// The kind of tie.
    pub tie: Tie,
}

/// The graph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Network {
    /// People, sorted by name.
    pub people: Vec<Person>,
    /// Connections, sorted.
    pub connections: Vec<Connection>,
}

/// Every tie of a contact: (other, tie), strongest per pair.
fn ties(index: &Index, id: ContactId) -> BTreeMap<ContactId, Tie> {
    let mut out = BTreeMap::new();
    for other in index.linked_with(id) {
        out.insert(other, Tie::Linked);
    }
    for &other in &index.introducers[id] {
        out.insert(other, Tie::IntroducedBy);
    }
    // Whoever `id` introduced links back to `id` (introducers are part of their links).
    for &other in &index.backlinks[id] {
        if index.introducers[other].contains(&id) {
            out.insert(other, Tie::IntroducedBy);
        }
    }
    for &(a, b) in &index.introduced {
        if a == id || b == id {
            out.insert(if a == id { b } else { a }, Tie::Introduced);
        }
    }
    out.remove(&id);
    out
}

/// The contacts a selection covers.
fn members(index: &Index, selection: &Selection) -> BTreeSet<ContactId> {
    match selection {
        Selection::All => index.contacts.iter().map(|c| c.id).collect(),
        Selection::Circle(circle) => index
            .contacts
            .iter()
            .filter(|c| c.circle.as_deref().is_some_and(|k| k.eq_ignore_ascii_case(circle)))
            .map(|c| c.id)
            .collect(),
        Selection::Around(start, depth) => {
            let mut seen = BTreeSet::from([*start]);
            let mut queue = VecDeque::from([(*start, 0)]);
            while let Some((id, d)) = queue.pop_front() {
                if d == *depth {
                    continue;
                }
                for other in ties(index, id).into_keys() {
                    if seen.insert(other) {
                        queue.push_back((other, d + 1));
                    }
                }
            }
            seen
        }
    }
}

/// Builds the graph of a selection.
pub fn network(index: &Index, selection: &Selection) -> Network {
    let chosen = members(index, selection);
    let mut ordered: Vec<ContactId> = chosen.iter().copied().collect();
    ordered.sort_by_cached_key(|&id| (text::fold(&index.contact(id).name), id));
    let node_id: BTreeMap<ContactId, String> =
        ordered.iter().enumerate().map(|(i, &id)| (id, format!("p{i}"))).collect();
    let people = ordered
        .iter()
        .map(|&id| Person {
            id: node_id[&id].clone(),
            name: index.contact(id).name.clone(),
            path: index.contact(id).path.clone(),
            circle: index.contact(id).circle.as_deref().map(str::to_string),
        })
        .collect();
    let mut pairs: BTreeMap<(ContactId, ContactId), Tie> = BTreeMap::new();
    for &id in &chosen {
        for (other, tie) in ties(index, id) {
            if chosen.contains(&other) {
                let key = (id.min(other), id.max(other));
                let entry = pairs.entry(key).or_insert(tie);
                *entry = (*entry).max(tie);
            }
        }
    }
    let mut connections: Vec<Connection> = pairs
        .into_iter()
        .map(|((a, b), tie)| Connection { a: node_id[&a].clone(), b: node_id[&b].clone(), tie })
        .collect();
    connections.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    Network { people, connections }
}
