//! What one note says about the contacts: the links, interactions, promises and
//! introductions it records, with every wikilink already resolved.
//!
//! Each note is resolved on its own (through a [`Resolver`], which replays the last run's
//! answers where they still hold), so [`NoteFacts::gather`] runs on all cores; [`NoteFacts::merge_into`] then adds
//! the facts to the index one note at a time, in path order, so the index comes out the same
//! however the work was split.

use super::memo::Resolver;
use super::resolve::Resolution;
use super::{BrokenLink, Index, MissingPerson};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::contact::{Contact, ContactId, Flow, Interaction, Promise};
use crate::model::date::leading_date;
use crate::note::wikilink::{is_path, link_stem};
use crate::note::{LogEntry, ParsedNote, Task};
use crate::text;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::sync::Arc;

/// The facts of one note, ready to be added to the index.
#[derive(Debug, Default)]
pub struct NoteFacts {
    /// The contact the note describes, if it is a contact's note.
    owner: Option<ContactId>,
    /// For a contact's note: who introduced them.
    introducers: Vec<ContactId>,
    /// For a contact's note: the contacts it links to, sorted by id.
    links: Vec<ContactId>,
    /// Property links that point to no note.
    broken_links: Vec<BrokenLink>,
    /// Problems with the links.
    diagnostics: Vec<Diagnostic>,
    /// Contacts mentioned in a daily note's prose, one interaction each.
    daily_mentions: Vec<(ContactId, Interaction)>,
    /// For a contact's note: its own log, turned into interactions.
    own_log: Vec<Interaction>,
    /// Log entries of other notes, with the contacts each one concerns.
    shared_log: Vec<(Vec<ContactId>, Interaction)>,
    /// Pairs introduced by `#intro` entries (smaller id first).
    introduced: Vec<(ContactId, ContactId)>,
    /// People linked in prose who have no note: their lookup key, the name as written,
    /// and where (date, path, line).
    missing: Vec<(String, String, (NaiveDate, String, usize))>,
    /// Promises, with the contacts each one concerns.
    promises: Vec<(Vec<ContactId>, Promise)>,
}

impl NoteFacts {
    /// Reads the facts out of `note`, taking its log and tasks. `owner` is the contact the
    /// note describes, if any.
    pub fn gather(
        config: &Config,
        resolver: &mut Resolver,
        contacts: &[Contact],
        note: &mut ParsedNote,
        owner: Option<ContactId>,
    ) -> Self {
        let mut facts = NoteFacts { owner, ..NoteFacts::default() };
        if config.is_in_templates(&note.rel) {
            return facts;
        }
        if let Some(id) = owner {
            facts.contact_links(contacts, note, id, resolver);
        }
        let path: Arc<str> = Arc::from(note.rel.as_str());
        facts.daily_mentions(config, note, &path, resolver);
        let log = std::mem::take(&mut note.body.log);
        match owner {
            Some(id) => facts.own_log(log, id, &path, resolver),
            None => facts.shared_log(log, &path, resolver),
        }
        facts.promises(std::mem::take(&mut note.body.tasks), owner, &path, resolver);
        facts.missing.retain(|(_, name, _)| !names_a_day(config, name));
        facts
    }

    /// Adds the facts to the index. Notes must be merged in path order for the index to
    /// come out the same every run.
    pub fn merge_into(self, index: &mut Index, diagnostics: &mut Vec<Diagnostic>) {
        if let Some(id) = self.owner {
            index.introducers[id] = self.introducers;
            index.links[id] = self.links;
        }
        index.broken_links.extend(self.broken_links);
        diagnostics.extend(self.diagnostics);
        for (id, interaction) in self.daily_mentions {
            index.interactions[id].push(interaction);
        }
        if let Some(id) = self.owner {
            // Interactions from notes read before this one (daily notes, other logs) join
            // the list; every list is sorted by date once all notes are in.
            let mut own = self.own_log;
            own.append(&mut index.interactions[id]);
            index.interactions[id] = own;
        }
        for (people, interaction) in self.shared_log {
            push_to_each(&mut index.interactions, &people, interaction);
        }
        index.introduced.extend(self.introduced);
        for (key, name, mention) in self.missing {
            let person =
                index.missing_people.entry(key).or_insert_with(|| MissingPerson { name, mentions: Vec::new() });
            person.mentions.push(mention);
        }
        for (people, promise) in self.promises {
            push_to_each(&mut index.promises, &people, promise);
        }
    }

    fn contact_links(&mut self, contacts: &[Contact], note: &ParsedNote, id: ContactId, resolver: &mut Resolver) {
        let mut linked = Vec::new();
        if let Some(fm) = &note.front {
            let line = fm.key_lines.introduced_by.unwrap_or(1);
            for target in &fm.introduced_by {
                match resolver.resolve(target) {
                    Resolution::Contact(other) if other != id => {
                        self.introducers.push(other);
                        linked.push(other);
                    }
                    Resolution::Contact(_) => {}
                    Resolution::Ambiguous(ids) => self.diagnostics.push(Diagnostic::warning(
                        &note.rel,
                        line,
                        1,
                        format!(
                            "introduced_by [[{target}]] matches {}. Link one by its full path instead (`[[Folder/Name]]`)",
                            what_matches(contacts, &ids)
                        ),
                    )),
                    Resolution::Note | Resolution::Missing => self.diagnostics.push(Diagnostic::warning(
                        &note.rel,
                        line,
                        1,
                        format!("introduced_by [[{target}]] links to no contact. Fix the name or add a note for them"),
                    )),
                }
            }
            for (target, line) in &fm.links {
                match resolver.resolve(target) {
                    Resolution::Contact(other) => linked.push(other),
                    Resolution::Ambiguous(_) | Resolution::Note => {}
                    Resolution::Missing => {
                        self.broken_links.push(BrokenLink { contact: id, target: target.clone(), line: *line })
                    }
                }
            }
        }
        for mention in &note.body.mentions {
            if let Resolution::Contact(other) = resolver.resolve(&mention.target) {
                linked.push(other);
            }
        }
        linked.sort_unstable();
        linked.dedup();
        linked.retain(|&other| other != id);
        self.links = linked;
    }

    fn daily_mentions(&mut self, config: &Config, note: &ParsedNote, path: &Arc<str>, resolver: &mut Resolver) {
        let Some(date) = note.date.filter(|_| config.daily_notes) else { return };
        let log_lines: HashSet<usize> = note.body.log.iter().map(|e| e.line).collect();
        let mut seen = HashSet::new();
        for mention in note.body.mentions.iter().filter(|m| m.is_prose && !log_lines.contains(&m.line)) {
            match resolver.resolve(&mention.target) {
                Resolution::Contact(id) if seen.insert(id) => self.daily_mentions.push((
                    id,
                    Interaction {
                        date,
                        channel: None,
                        flow: Flow::Mention,
                        text: crate::note::ShortString::from(format!("mentioned in {}", note.stem)),
                        path: Arc::clone(path),
                        line: mention.line,
                        is_intro: false,
                    },
                )),
                Resolution::Missing => self.note_missing(resolver, &mention.target, date, path, mention.line),
                _ => {}
            }
        }
    }

    /// A contact's own log: every entry is an interaction with them (people linked in it are
    /// only mentioned). The entries are turned into interactions in place, reusing their
    /// memory: at 100,000 contacts that is millions of entries.
    fn own_log(&mut self, log: Vec<LogEntry>, owner: ContactId, path: &Arc<str>, resolver: &mut Resolver) {
        self.own_log = log
            .into_iter()
            .map(|entry| {
                let mut people = Vec::new();
                for target in &entry.links {
                    match resolver.resolve(target) {
                        Resolution::Contact(other) if entry.is_intro && other != owner && !people.contains(&other) => {
                            people.push(other)
                        }
                        Resolution::Missing => self.note_missing(resolver, target, entry.date, path, entry.line),
                        _ => {}
                    }
                }
                if entry.is_intro {
                    people.insert(0, owner);
                    self.record_introductions(&people);
                }
                let flow = if entry.incoming { Flow::Incoming } else { Flow::Outgoing };
                interaction(entry, flow, path)
            })
            .collect();
    }

    /// The log of a daily note or project: the people linked in an entry are the ones you met.
    fn shared_log(&mut self, log: Vec<LogEntry>, path: &Arc<str>, resolver: &mut Resolver) {
        for entry in log {
            let mut people: Vec<ContactId> = Vec::new();
            for target in &entry.links {
                match resolver.resolve(target) {
                    Resolution::Contact(other) if !people.contains(&other) => people.push(other),
                    Resolution::Missing => self.note_missing(resolver, target, entry.date, path, entry.line),
                    _ => {}
                }
            }
            if entry.is_intro {
                self.record_introductions(&people);
            }
            if !people.is_empty() {
                let flow = if entry.incoming { Flow::Incoming } else { Flow::Mention };
                self.shared_log.push((people, interaction(entry, flow, path)));
            }
        }
    }

    /// Records a person linked who has no note. A link to a path that leads nowhere names
    /// them by its file name (`[[People/Priya N]]`: `Priya N`, whom `add` puts in the people
    /// folder), unless that name leads somewhere.
    fn note_missing(&mut self, resolver: &mut Resolver, target: &str, date: NaiveDate, path: &str, line: usize) {
        let name = if is_path(target) {
            let stem = link_stem(target).trim();
            if resolver.resolve(stem) != Resolution::Missing {
                return;
            }
            stem
        } else {
            target
        };
        self.missing.push((text::key(name), name.to_string(), (date, path.to_string(), line)));
    }

    /// Records that the people of one `#intro` entry were introduced to each other.
    fn record_introductions(&mut self, people: &[ContactId]) {
        for (i, &a) in people.iter().enumerate() {
            for &b in &people[i + 1..] {
                self.introduced.push((a.min(b), a.max(b)));
            }
        }
    }

    fn promises(&mut self, tasks: Vec<Task>, owner: Option<ContactId>, path: &Arc<str>, resolver: &mut Resolver) {
        for task in tasks {
            // The note's own contact, and everyone the task line links: `I owe [[Ben]]: x`
            // in Ana's note is a promise to Ben too.
            let mut people: Vec<ContactId> = owner.into_iter().collect();
            for target in &task.links {
                if let Resolution::Contact(id) = resolver.resolve(target) {
                    if !people.contains(&id) {
                        people.push(id);
                    }
                }
            }
            if people.is_empty() {
                continue;
            }
            let parsed = task.parsed;
            let promise = Promise {
                text: parsed.what,
                raw: parsed.text,
                due: parsed.due,
                direction: parsed.direction,
                done: parsed.done,
                path: Arc::clone(path),
                line: task.line,
            };
            self.promises.push((people, promise));
        }
    }
}

/// The interaction a log entry records, read from the note at `path`.
fn interaction(entry: LogEntry, flow: Flow, path: &Arc<str>) -> Interaction {
    Interaction {
        date: entry.date,
        channel: entry.channel,
        flow,
        text: entry.text,
        path: Arc::clone(path),
        line: entry.line,
        is_intro: entry.is_intro,
    }
}

/// Pushes `item` onto the lists of these contacts, moving it into the last one: a note's
/// entries usually concern one person, and cloning every one of them doubled the index.
fn push_to_each<T: Clone>(lists: &mut [Vec<T>], ids: &[ContactId], item: T) {
    let Some((&last, rest)) = ids.split_last() else { return };
    for &id in rest {
        lists[id].push(item.clone());
    }
    lists[last].push(item);
}

/// What an ambiguous link matches: the contacts, or the one contact among other notes (a
/// path that ends both a contact's note and another note's).
fn what_matches(contacts: &[Contact], ids: &[ContactId]) -> String {
    match ids {
        [one] => format!("{} and a note that is not a contact", contacts[*one].path),
        many => {
            let paths: Vec<&str> = many.iter().map(|&i| contacts[i].path.as_str()).collect();
            format!("{} contacts: {}", many.len(), paths.join(", "))
        }
    }
}

/// Whether a link target with no note names a day: a daily note or dated meeting note not
/// written yet (`[[2026-11-10]]`, which also dates a log entry), not a person.
fn names_a_day(config: &Config, target: &str) -> bool {
    leading_date(target).is_some() || config.daily_date(target).is_some()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::note::tasks::Direction;

    #[test]
    fn a_path_in_a_daily_note_names_only_its_file() {
        let index = crate::index::index_of_files(&[
            ("Daily/2026-11-20.md", "Lunch with [[People/Priya N]], [[Friends/Annie]]; planned [[Projects/Ana]].\n"),
            ("People/Ana.md", "---\naliases: [Annie]\n---\n"),
            ("Projects/Ana.md", ""),
        ]);
        assert!(index.interactions[0].is_empty(), "a project note and an alias are not Ana's note");
        let missing: Vec<(&str, &str)> =
            index.missing_people.iter().map(|(key, person)| (key.as_str(), person.name.as_str())).collect();
        assert_eq!(missing, [("priya n", "Priya N")], "by file name; Annie is a name, not a person to add");
    }

    #[test]
    fn a_task_in_a_contacts_note_is_a_promise_to_everyone_it_links_too() {
        let index = crate::index::index_of_files(&[
            (
                "People/Ana.md",
                "## Promises\n- [ ] I owe [[Ben]]: the deck\n- [ ] [[Cy]] owes me: an intro\n- [ ] call her\n",
            ),
            ("People/Ben.md", ""),
            ("People/Cy.md", ""),
        ]);
        let promises = |id: usize| -> Vec<(String, Direction)> {
            index.promises[id].iter().map(|p| (p.text.clone(), p.direction)).collect()
        };
        assert_eq!(
            promises(0),
            [
                ("the deck".to_string(), Direction::IOwe),
                ("an intro".to_string(), Direction::TheyOwe),
                ("call her".to_string(), Direction::IOwe)
            ],
            "every open task of Ana's note is hers"
        );
        assert_eq!(promises(1), [("the deck".to_string(), Direction::IOwe)]);
        assert_eq!(promises(2), [("an intro".to_string(), Direction::TheyOwe)]);
    }
}
