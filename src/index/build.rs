//! Building the index from parsed notes: which notes are contacts, what their links resolve
//! to, and which interactions and promises belong to whom.

use super::resolve::{Lookup, Resolution};
use super::{BrokenLink, Index, MissingPerson};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::contact::{Contact, ContactId, Flow, Interaction, Promise};
use crate::note::{FrontMatter, LogEntry, ParsedNote, Task};
use crate::text;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

/// Builds the index from parsed notes (in any order) and the diagnostics found before parsing.
pub fn build(config: &Config, mut notes: Vec<ParsedNote>, mut diagnostics: Vec<Diagnostic>) -> Index {
    notes.sort_by(|a, b| a.rel.cmp(&b.rel));
    let mut index = Index { notes_read: notes.len(), ..Index::default() };
    let mut contact_note = Vec::new();
    for (n, note) in notes.iter_mut().enumerate() {
        let field_problems = note.front.as_mut().map(|f| std::mem::take(&mut f.field_problems)).unwrap_or_default();
        let contact = is_contact(config, note);
        // Other notes are only read for mentions and tasks: their problems are warnings.
        diagnostics.extend(note.diagnostics.drain(..).map(|mut d| {
            if !contact {
                d.severity = crate::diagnostic::Severity::Warning;
            }
            d
        }));
        if contact {
            diagnostics.extend(field_problems);
            let id = index.contacts.len();
            index.contacts.push(contact_from(config, note, id, &mut diagnostics));
            contact_note.push(n);
        }
        for alias in note.front.iter().flat_map(|f| &f.aliases_read) {
            *index.field_aliases_read.entry(alias.clone()).or_default() += 1;
        }
    }
    index.lookup = lookup_for(&index.contacts, &notes);
    let count = index.contacts.len();
    index.interactions = vec![Vec::new(); count];
    index.promises = vec![Vec::new(); count];
    index.links = vec![Vec::new(); count];
    index.introducers = vec![Vec::new(); count];
    report_name_clashes(&index, &notes, &contact_note, &mut diagnostics);
    for (id, &n) in contact_note.iter().enumerate() {
        resolve_contact_links(&mut index, id, &notes[n], &mut diagnostics);
    }
    index.backlinks = vec![Vec::new(); count];
    for (id, links) in index.links.iter().enumerate() {
        for &other in links {
            index.backlinks[other].push(id);
        }
    }
    let owner_of: std::collections::HashMap<usize, ContactId> =
        contact_note.iter().enumerate().map(|(id, &n)| (n, id)).collect();
    for (n, note) in notes.iter_mut().enumerate() {
        if config.is_in_templates(&note.rel) {
            continue;
        }
        let owner = owner_of.get(&n).copied();
        let path: Arc<str> = Arc::from(note.rel.as_str());
        add_daily_mentions(config, &mut index, note, &path);
        add_log_entries(&mut index, &path, std::mem::take(&mut note.body.log), owner);
        add_promises(&mut index, &path, std::mem::take(&mut note.body.tasks), owner);
    }
    for interactions in &mut index.interactions {
        interactions.sort_by(|a, b| (a.date, &a.path, a.line).cmp(&(b.date, &b.path, b.line)));
        interactions.dedup_by(|a, b| a.date == b.date && a.path == b.path && a.line == b.line);
    }
    for (contact, note) in index.contacts.iter_mut().zip(&contact_note) {
        contact.text = std::mem::take(&mut notes[*note].text);
    }
    // The notes were allocated by the parsing threads; freeing them there is much cheaper
    // than freeing everything from this one.
    rayon::iter::ParallelIterator::for_each(rayon::iter::IntoParallelIterator::into_par_iter(notes), drop);
    diagnostics.sort();
    diagnostics.dedup();
    index.diagnostics = diagnostics;
    index
}

fn is_contact(config: &Config, note: &ParsedNote) -> bool {
    if config.is_in_templates(&note.rel) || config.is_in_reports(&note.rel) {
        return false;
    }
    let by_properties = note
        .front
        .as_ref()
        .is_some_and(|f| f.is_person_type || f.tags.iter().any(|t| t.eq_ignore_ascii_case("person")));
    by_properties || (config.is_in_people_folder(&note.rel) && note.date.is_none())
}

/// The contact a note describes. Takes the properties it copies out of the note; those that
/// later steps read (links, `introduced_by`, key lines) stay.
fn contact_from(config: &Config, note: &mut ParsedNote, id: ContactId, diagnostics: &mut Vec<Diagnostic>) -> Contact {
    let mut empty = FrontMatter::default();
    let fm = note.front.as_mut().unwrap_or(&mut empty);
    let circle_cadence = fm.circle.as_deref().and_then(|c| config.circle_cadence(c));
    if let Some(circle) = &fm.circle {
        if !config.circles.contains_key(circle) {
            let line = fm.key_lines.circle.unwrap_or(1);
            let known: Vec<&str> = config.circles.keys().map(String::as_str).collect();
            diagnostics.push(Diagnostic::error(
                &note.rel,
                line,
                1,
                format!(
                    "circle {circle:?} is not defined in .rolo.toml (known: {}). Add [circles.{circle}] with a cadence, or fix the name",
                    if known.is_empty() { "none".to_string() } else { known.join(", ") }
                ),
            ));
        }
    }
    Contact {
        id,
        name: fm.name.take().unwrap_or_else(|| note.stem.clone()),
        path: note.rel.clone(),
        stem: note.stem.clone(),
        aliases: std::mem::take(&mut fm.aliases),
        circle: std::mem::take(&mut fm.circle),
        own_cadence: fm.cadence,
        cadence: fm.cadence.or(circle_cadence),
        status: fm.status.unwrap_or_default(),
        tags: std::mem::take(&mut fm.tags),
        company: std::mem::take(&mut fm.company),
        role: std::mem::take(&mut fm.role),
        emails: std::mem::take(&mut fm.emails),
        phones: std::mem::take(&mut fm.phones),
        city: std::mem::take(&mut fm.city),
        channels: std::mem::take(&mut fm.channels),
        met: fm.met,
        met_at: std::mem::take(&mut fm.met_at),
        introduced_by: fm.introduced_by.clone(),
        interests: std::mem::take(&mut fm.interests),
        needs: std::mem::take(&mut fm.needs),
        offers: std::mem::take(&mut fm.offers),
        birthday: fm.birthday,
        last_contact_field: fm.last_contact,
        extra: std::mem::take(&mut fm.extra),
        front_broken: note.front_broken,
        text: String::new(),
    }
}

fn lookup_for(contacts: &[Contact], notes: &[ParsedNote]) -> Lookup {
    let mut lookup = Lookup::default();
    for note in notes {
        lookup.add_note(&note.stem);
    }
    for contact in contacts {
        lookup.add_contact(contact);
    }
    lookup
}

fn report_name_clashes(index: &Index, notes: &[ParsedNote], contact_note: &[usize], diagnostics: &mut Vec<Diagnostic>) {
    let mut reported = HashSet::new();
    let mut clashes: Vec<(&String, &Vec<ContactId>)> = index.lookup.clashes().collect();
    clashes.sort();
    for (key, ids) in clashes {
        let mut ids = ids.clone();
        ids.sort_unstable();
        for &later in &ids[1..] {
            if !reported.insert((ids[0], later)) {
                continue;
            }
            let (first, second) = (&index.contacts[ids[0]], &index.contacts[later]);
            let note = &notes[contact_note[later]];
            let line = note.front.as_ref().and_then(|f| f.key_lines.aliases.or(f.key_lines.name)).unwrap_or(1);
            diagnostics.push(Diagnostic::error(
                &second.path,
                line,
                1,
                format!(
                    "the name or alias {key:?} is also used by {} ({}): links to it are ambiguous. Rename one, or remove the alias",
                    first.name, first.path
                ),
            ));
        }
    }
}

fn resolve_contact_links(index: &mut Index, id: ContactId, note: &ParsedNote, diagnostics: &mut Vec<Diagnostic>) {
    let mut linked = BTreeSet::new();
    if let Some(fm) = &note.front {
        let line = fm.key_lines.introduced_by.unwrap_or(1);
        for target in &fm.introduced_by {
            match index.resolve(target) {
                Resolution::Contact(other) if other != id => {
                    index.introducers[id].push(other);
                    linked.insert(other);
                }
                Resolution::Contact(_) => {}
                Resolution::Ambiguous(ids) => diagnostics.push(Diagnostic::warning(
                    &note.rel,
                    line,
                    1,
                    format!(
                        "introduced_by [[{target}]] matches {} contacts: {}. Link the file name instead",
                        ids.len(),
                        names(index, &ids)
                    ),
                )),
                Resolution::Note | Resolution::Missing => diagnostics.push(Diagnostic::warning(
                    &note.rel,
                    line,
                    1,
                    format!("introduced_by [[{target}]] links to no contact. Fix the name or add a note for them"),
                )),
            }
        }
        for (target, line) in &fm.links {
            match index.resolve(target) {
                Resolution::Contact(other) => {
                    linked.insert(other);
                }
                Resolution::Ambiguous(_) | Resolution::Note => {}
                Resolution::Missing => {
                    index.broken_links.push(BrokenLink { contact: id, target: target.clone(), line: *line })
                }
            }
        }
    }
    for mention in &note.body.mentions {
        if let Resolution::Contact(other) = index.resolve(&mention.target) {
            linked.insert(other);
        }
    }
    linked.remove(&id);
    index.links[id] = linked.into_iter().collect();
}

fn names(index: &Index, ids: &[ContactId]) -> String {
    ids.iter().map(|&i| index.contacts[i].path.as_str()).collect::<Vec<_>>().join(", ")
}

fn add_log_entries(index: &mut Index, rel: &Arc<str>, log: Vec<LogEntry>, owner: Option<ContactId>) {
    if let Some(owner) = owner {
        return add_own_log(index, rel, log, owner);
    }
    for entry in log {
        let mut people: Vec<ContactId> = Vec::new();
        for target in &entry.links {
            match index.resolve(target) {
                Resolution::Contact(other) if !people.contains(&other) => people.push(other),
                Resolution::Missing => note_missing(index, target, entry.date, rel, entry.line),
                _ => {}
            }
        }
        if entry.is_intro {
            record_introductions(index, &people);
        }
        // In a daily note or a project log, the people linked are the ones you met.
        let flow = if entry.incoming { Flow::Incoming } else { Flow::Mention };
        push_to_each(&mut index.interactions, &people, interaction(entry, flow, rel));
    }
}

/// A contact's own log: every entry is an interaction with them (people linked in it are only
/// mentioned). The entries are turned into interactions in place, reusing their memory: at
/// 100,000 contacts that is millions of entries, and copying them into fresh lists was a
/// visible share of building the index.
fn add_own_log(index: &mut Index, rel: &Arc<str>, log: Vec<LogEntry>, owner: ContactId) {
    let mut own: Vec<Interaction> = log
        .into_iter()
        .map(|entry| {
            let mut people = Vec::new();
            for target in &entry.links {
                match index.resolve(target) {
                    Resolution::Contact(other) if entry.is_intro && other != owner && !people.contains(&other) => {
                        people.push(other)
                    }
                    Resolution::Missing => note_missing(index, target, entry.date, rel, entry.line),
                    _ => {}
                }
            }
            if entry.is_intro {
                people.insert(0, owner);
                record_introductions(index, &people);
            }
            let flow = if entry.incoming { Flow::Incoming } else { Flow::Outgoing };
            interaction(entry, flow, rel)
        })
        .collect();
    // Interactions from notes read before this one (daily notes, other logs) join the
    // list; every list is sorted by date once all notes are in.
    let earlier = &mut index.interactions[owner];
    own.append(earlier);
    *earlier = own;
}

/// The interaction a log entry records, read from the note at `rel`.
fn interaction(entry: LogEntry, flow: Flow, rel: &Arc<str>) -> Interaction {
    Interaction {
        date: entry.date,
        channel: entry.channel,
        flow,
        text: entry.text,
        path: Arc::clone(rel),
        line: entry.line,
        is_intro: entry.is_intro,
    }
}

/// Records that the people of one `#intro` entry were introduced to each other.
fn record_introductions(index: &mut Index, people: &[ContactId]) {
    for (i, &a) in people.iter().enumerate() {
        for &b in &people[i + 1..] {
            index.introduced.insert((a.min(b), a.max(b)));
        }
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

fn add_daily_mentions(config: &Config, index: &mut Index, note: &ParsedNote, path: &Arc<str>) {
    let Some(date) = note.date.filter(|_| config.daily_notes) else { return };
    let log_lines: HashSet<usize> = note.body.log.iter().map(|e| e.line).collect();
    let mut seen = HashSet::new();
    for mention in note.body.mentions.iter().filter(|m| m.is_prose && !log_lines.contains(&m.line)) {
        match index.resolve(&mention.target) {
            Resolution::Contact(id) if seen.insert(id) => index.interactions[id].push(Interaction {
                date,
                channel: None,
                flow: Flow::Mention,
                text: format!("mentioned in {}", note.stem),
                path: Arc::clone(path),
                line: mention.line,
                is_intro: false,
            }),
            Resolution::Missing => note_missing(index, &mention.target, date, &note.rel, mention.line),
            _ => {}
        }
    }
}

fn note_missing(index: &mut Index, target: &str, date: NaiveDate, path: &str, line: usize) {
    let person = index
        .missing_people
        .entry(text::key(target))
        .or_insert_with(|| MissingPerson { name: target.to_string(), mentions: Vec::new() });
    person.mentions.push((date, path.to_string(), line));
}

fn add_promises(index: &mut Index, rel: &Arc<str>, tasks: Vec<Task>, owner: Option<ContactId>) {
    for task in tasks {
        let mut people: Vec<ContactId> = owner.into_iter().collect();
        if owner.is_none() {
            for target in &task.links {
                if let Resolution::Contact(id) = index.resolve(target) {
                    if !people.contains(&id) {
                        people.push(id);
                    }
                }
            }
        }
        let parsed = task.parsed;
        let promise = Promise {
            text: parsed.what,
            raw: parsed.text,
            due: parsed.due,
            direction: parsed.direction,
            done: parsed.done,
            path: Arc::clone(rel),
            line: task.line,
        };
        push_to_each(&mut index.promises, &people, promise);
    }
}
