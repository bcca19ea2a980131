//! Acting on ticked audit items: `- [x] archive [[Name]]`, `- [x] set cadence of [[Name]] to
//! 90d` and `- [x] add [[Name]] as a contact` change the vault on the next `rolo report`,
//! through the same safe edit path as the capture commands. Unticked items change nothing;
//! applying an item twice changes nothing the second time.

use super::capture::{create_contact, edit_note, existing_contact, require_front_matter, NewContact};
use super::{Refused, Session};
use crate::edit;
use crate::index::{Index, Resolution};
use crate::model::cadence::Cadence;
use crate::render::checklist;
use anyhow::{bail, Result};
use std::collections::HashSet;

/// What a ticked line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Set `status: archived`.
    Archive(String),
    /// Set the cadence.
    SetCadence(String, Cadence),
    /// Create a contact note.
    Add(String),
}

/// Parses the action part of a ticked item (before ` — `).
pub fn parse_action(action: &str) -> Option<Action> {
    // `[[Name]]`, or `[[stem|Name]]` (`\|` in a table): the note the link points at.
    let target = |s: &str| -> Option<String> {
        let inner = s.trim().strip_prefix("[[")?.strip_suffix("]]")?;
        let inner = inner.replacen("\\|", "|", 1);
        let target = inner.split_once('|').map_or(inner.as_str(), |(target, _)| target).trim();
        (!target.is_empty() && !inner.contains("]]")).then(|| target.to_string())
    };
    if let Some(rest) = action.strip_prefix("archive ") {
        return target(rest).map(Action::Archive);
    }
    if let Some(rest) = action.strip_prefix("set cadence of ") {
        let (name, cadence) = rest.rsplit_once(" to ")?;
        return Some(Action::SetCadence(target(name)?, cadence.trim().parse().ok()?));
    }
    if let Some(rest) = action.strip_prefix("add ") {
        return target(rest.strip_suffix(" as a contact")?).map(Action::Add);
    }
    None
}

/// The actions ticked in an audit report, each with its text as written, in a stable order.
pub fn ticked(report: &str) -> Vec<(String, Action)> {
    let mut actions: Vec<(String, Action)> = checklist::ticked_actions(report)
        .into_iter()
        .filter_map(|text| parse_action(text).map(|action| (text.to_string(), action)))
        .collect();
    actions.sort_by_key(|(text, a)| (format!("{a:?}"), text.clone()));
    actions
}

/// What carrying out the ticked items did.
#[derive(Debug, Default)]
pub struct Applied {
    /// The texts of the items carried out, or already true: their ticks are spent (never on a
    /// dry run).
    pub settled: HashSet<String>,
    /// How many items were refused (each with a warning on stderr): they stay ticked.
    pub refused: usize,
}

/// Applies ticked actions to the vault, printing a line per change as it is made. An item
/// that cannot be carried out (an unknown name, a broken note, a note changed on disk) is a
/// warning naming the item and why; the others go ahead.
pub fn apply_all(session: &Session, index: &Index, ticked: &[(String, Action)], dry_run: bool) -> Applied {
    let mut applied = Applied::default();
    for (text, action) in ticked {
        match apply(session, index, action, dry_run) {
            Ok(line) => {
                if let Some(line) = line {
                    println!("{line}");
                }
                // A dry run changes nothing: the tick is not spent.
                if !dry_run {
                    applied.settled.insert(text.clone());
                }
            }
            Err(e) => {
                eprintln!(
                    "rolo: did not carry out the ticked item `{text}` (it stays ticked; the rest went ahead): {e:#}"
                );
                applied.refused += 1;
            }
        }
    }
    applied
}

fn apply(session: &Session, index: &Index, action: &Action, dry_run: bool) -> Result<Option<String>> {
    let verb = if dry_run { "would" } else { "did" };
    match action {
        Action::Archive(name) | Action::SetCadence(name, _) => {
            let Resolution::Contact(id) = index.resolve(name) else {
                bail!(Refused(format!("[[{name}]] is not one contact: no note has that name, or several do")));
            };
            require_front_matter(index, id)?;
            let (key, value) = match action {
                Action::SetCadence(_, cadence) => ("cadence", cadence.to_string()),
                _ => ("status", "archived".to_string()),
            };
            let path = index.contact(id).path.clone();
            let changed = edit_note(session, &path, dry_run, |old| Ok(edit::set_field(old, key, &value)?))?;
            Ok(changed.then(|| format!("{verb}: set {key}: {value} in {path} (ticked in the audit)")))
        }
        Action::Add(name) => {
            if existing_contact(index, name, &[]).is_some() {
                return Ok(None);
            }
            let data = NewContact { name: name.clone(), tags: vec!["person".to_string()], ..NewContact::default() };
            let rel = create_contact(session, index, &data, dry_run)?;
            Ok(Some(format!("{verb}: created {rel} (ticked in the audit)")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_actions() {
        assert_eq!(parse_action("archive [[Ana Ruiz]]"), Some(Action::Archive("Ana Ruiz".into())));
        assert_eq!(
            parse_action("set cadence of [[Ana]] to 90d"),
            Some(Action::SetCadence("Ana".into(), "90d".parse().unwrap()))
        );
        assert_eq!(parse_action("add [[Priya N]] as a contact"), Some(Action::Add("Priya N".into())));
        assert_eq!(parse_action("archive [[ana|Ana Ruiz]]"), Some(Action::Archive("ana".into())));
        assert_eq!(parse_action("archive [[ana\\|Ana Ruiz]]"), Some(Action::Archive("ana".into())));
    }

    #[test]
    fn other_items_are_not_actions() {
        assert_eq!(parse_action("review [[Ana]]"), None);
        assert_eq!(parse_action("merge [[A]] and [[B]]"), None);
        assert_eq!(parse_action("set cadence of [[Ana]] to often"), None);
    }
}
