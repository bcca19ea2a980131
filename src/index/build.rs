//! Building the index from parsed notes: which notes are contacts, what their links resolve
//! to, and which interactions and promises belong to whom.

use super::facts::NoteFacts;
use super::memo::{self, LinkMemo, NewAnswers, Recorded, Resolver, ShardAnswers};
use super::paths::NoteFile;
use super::resolve::Lookup;
use super::Index;
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::model::contact::{Contact, ContactId};
use crate::note::{FrontMatter, ParsedNote};
use rayon::prelude::*;
use std::collections::HashSet;

/// Builds the index from parsed notes (in any order) and the diagnostics found before parsing.
pub fn build(config: &Config, notes: Vec<ParsedNote>, diagnostics: Vec<Diagnostic>) -> Index {
    build_with(config, notes, diagnostics, None).0
}

/// [`build`], replaying the links' answers of the last run where they still hold (see
/// [`memo`](super::memo)); also gives the answers to save for the next run.
pub fn build_remembering(
    config: &Config,
    notes: Vec<ParsedNote>,
    diagnostics: Vec<Diagnostic>,
    memo: &LinkMemo,
) -> (Index, NewAnswers) {
    build_with(config, notes, diagnostics, Some(memo))
}

fn build_with(
    config: &Config,
    mut notes: Vec<ParsedNote>,
    mut diagnostics: Vec<Diagnostic>,
    memo: Option<&LinkMemo>,
) -> (Index, NewAnswers) {
    let notes_read = notes.len();
    // rolo's own reports and graphs outside the reports folder (left behind when
    // `reports_dir` moved, or written with `graph --out`): their checklists and links are
    // not the user's promises and mentions.
    notes.retain(|note| !is_generated(note));
    notes.sort_by(|a, b| a.rel.cmp(&b.rel));
    // The parser (and so the cache) knows only `YYYY-MM-DD` names; other formats are the
    // config's, read here.
    if let Some(format) = config.other_daily_format() {
        notes.par_iter_mut().filter(|n| n.date.is_none()).for_each(|n| n.date = format.date_of(&n.rel));
    }
    diagnostics.extend(config.notices.iter().cloned());
    let mut index = Index { notes_read, ..Index::default() };
    let is_contact: Vec<bool> = notes.par_iter().map(|note| is_contact(config, note)).collect();
    // Contacts are large: growing their vector as they come would copy them over and over.
    index.contacts.reserve_exact(is_contact.iter().filter(|c| **c).count());
    let mut contact_note = Vec::with_capacity(index.contacts.capacity());
    for ((n, note), contact) in notes.iter_mut().enumerate().zip(is_contact) {
        let field_problems = note.front.as_mut().map(|f| std::mem::take(&mut f.field_problems)).unwrap_or_default();
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
    let mut owner_of = vec![None; notes.len()];
    for (id, &n) in contact_note.iter().enumerate() {
        owner_of[n] = Some(id);
    }
    let files: Vec<NoteFile<'_>> =
        notes.iter().zip(&owner_of).map(|(n, &contact)| NoteFile { path: &n.rel, stem: &n.stem, contact }).collect();
    index.lookup = Lookup::new(&index.contacts, &files);
    drop(files);
    let count = index.contacts.len();
    index.interactions = vec![Vec::new(); count];
    index.promises = vec![Vec::new(); count];
    index.links = vec![Vec::new(); count];
    index.introducers = vec![Vec::new(); count];
    report_name_clashes(&index, &notes, &contact_note, &mut diagnostics);
    let new_answers = add_facts(config, &mut index, &mut notes, owner_of, memo, &mut diagnostics);
    index.backlinks = backlinks(&index.links);
    index.interactions.par_iter_mut().for_each(|interactions| {
        interactions.sort_by(|a, b| (a.date, &a.path, a.line).cmp(&(b.date, &b.path, b.line)));
        interactions.dedup_by(|a, b| a.date == b.date && a.path == b.path && a.line == b.line);
    });
    for (contact, note) in index.contacts.iter_mut().zip(&contact_note) {
        contact.text = std::mem::take(&mut notes[*note].text);
    }
    // The notes were allocated by the parsing threads; freeing them there is much cheaper
    // than freeing everything from this one.
    notes.into_par_iter().for_each(drop);
    diagnostics.sort();
    diagnostics.dedup();
    index.diagnostics = diagnostics;
    (index, new_answers)
}

/// Resolves what every note says about the contacts, on all cores, then adds it to the
/// index in path order. With a memo, the links' answers are replayed where they still hold,
/// and the answers that changed are returned.
fn add_facts(
    config: &Config,
    index: &mut Index,
    notes: &mut [ParsedNote],
    owner_of: Vec<Option<ContactId>>,
    memo: Option<&LinkMemo>,
    diagnostics: &mut Vec<Diagnostic>,
) -> NewAnswers {
    let fingerprint = memo.map(|_| index.lookup.fingerprint()).unwrap_or_default();
    let (lookup, contacts) = (&index.lookup, &index.contacts);
    let gathered: Vec<(NoteFacts, Option<Recorded>)> = notes
        .par_iter_mut()
        .zip(owner_of)
        .map(|(note, owner)| {
            let mut resolver = match memo {
                Some(memo) => Resolver::new(lookup, contacts, memo.answers(&note.rel, note.content_hash, fingerprint)),
                None => Resolver::without_memory(lookup, contacts),
            };
            let facts = NoteFacts::gather(config, &mut resolver, contacts, note, owner);
            // Nothing reads the note's properties or links again: freeing them now, on all
            // cores, keeps them from adding to the peak while the index grows (about 100 MB
            // at 100,000 contacts).
            note.front = None;
            note.body.mentions = Vec::new();
            (facts, resolver.finish())
        })
        .collect();
    let mut recorded = Vec::with_capacity(gathered.len());
    for (note_facts, answers) in gathered {
        note_facts.merge_into(index, diagnostics);
        recorded.push(answers);
    }
    match memo {
        Some(memo) => changed_answers(notes, recorded, memo, fingerprint),
        None => NewAnswers::default(),
    }
}

/// The shards whose answers differ from the memo's: recorded under another lookup, or
/// holding a note whose answers changed. Each is given whole.
fn changed_answers(
    notes: &[ParsedNote],
    recorded: Vec<Option<Recorded>>,
    memo: &LinkMemo,
    fingerprint: u64,
) -> NewAnswers {
    let shard_of: Vec<usize> = notes.iter().map(|n| crate::cache::shard_of(&n.rel)).collect();
    let mut changed: Vec<bool> =
        (0..crate::cache::SHARDS).map(|s| memo.shards.get(s).is_none_or(|a| a.fingerprint != fingerprint)).collect();
    for (shard, answers) in shard_of.iter().zip(&recorded) {
        if answers.is_some() {
            changed[*shard] = true;
        }
    }
    let mut shards: Vec<ShardAnswers> =
        (0..crate::cache::SHARDS).map(|_| ShardAnswers { fingerprint, ..ShardAnswers::default() }).collect();
    for ((note, &shard), answers) in notes.iter().zip(&shard_of).zip(&recorded) {
        if !changed[shard] {
            continue;
        }
        let key = memo::note_key(&note.rel, note.content_hash);
        let answers = match answers {
            Some(new) => new.as_answers(),
            None => memo.answers(&note.rel, note.content_hash, fingerprint),
        };
        if !answers.targets.is_empty() {
            shards[shard].push(key, answers);
        }
    }
    NewAnswers { shards: shards.into_iter().enumerate().filter(|(s, _)| changed[*s]).collect() }
}

/// For each contact, the contacts whose notes link to it, sorted by id.
fn backlinks(links: &[Vec<ContactId>]) -> Vec<Vec<ContactId>> {
    // Counted first, so each list is allocated once at its size.
    let mut counts = vec![0; links.len()];
    links.iter().flatten().for_each(|&other| counts[other] += 1);
    let mut backlinks: Vec<Vec<ContactId>> = counts.into_iter().map(Vec::with_capacity).collect();
    for (id, links) in links.iter().enumerate() {
        for &other in links {
            backlinks[other].push(id);
        }
    }
    backlinks
}

/// Whether rolo wrote this note: its properties say `generated_by: rolo`.
fn is_generated(note: &ParsedNote) -> bool {
    note.front.as_ref().and_then(|f| f.extra.get("generated_by")).is_some_and(|v| v.as_str() == Some("rolo"))
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
    let fm = note.front.as_deref_mut().unwrap_or(&mut empty);
    let circle_cadence = fm.circle.as_deref().and_then(|c| config.circle_cadence(c));
    if let Some(circle) = &fm.circle {
        if !config.circles.contains_key(circle.as_str()) {
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

fn report_name_clashes(index: &Index, notes: &[ParsedNote], contact_note: &[usize], diagnostics: &mut Vec<Diagnostic>) {
    let mut reported = HashSet::new();
    let mut clashes: Vec<(&str, &[ContactId])> = index.lookup.clashes().collect();
    clashes.sort();
    for (key, ids) in clashes {
        let mut ids = ids.to_vec();
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
                    "the name or alias {key:?} is also used by {} ({}): links to it are ambiguous. {}",
                    first.name,
                    first.path,
                    clash_advice(key, first, second)
                ),
            ));
        }
    }
}

/// What to do about two contacts sharing a lookup key: when it is both files' name, links
/// by path tell them apart; otherwise a name or alias has to go.
fn clash_advice(key: &str, first: &Contact, second: &Contact) -> String {
    let is_stem = |c: &Contact| crate::text::key(&c.stem) == key;
    if is_stem(first) && is_stem(second) {
        let path = |c: &Contact| super::paths::link_path(&c.path, &c.stem).into_owned();
        format!(
            "Rename one, or link each by its path ([[{}]], [[{}]]), as rolo's reports do",
            path(first),
            path(second)
        )
    } else {
        "Rename one, or remove the alias".to_string()
    }
}

#[cfg(test)]
mod tests {
    use crate::index::index_of_files;

    fn errors(files: &[(&str, &str)]) -> Vec<String> {
        index_of_files(files).diagnostics.iter().filter(|d| d.is_error()).map(|d| d.message.clone()).collect()
    }

    #[test]
    fn contacts_sharing_a_file_name_are_told_to_link_by_path() {
        let by_stem = errors(&[("Clients/Ana Ruiz.md", "---\ntype: person\n---\n"), ("People/Ana Ruiz.md", "")]);
        assert_eq!(
            by_stem,
            ["the name or alias \"ana ruiz\" is also used by Ana Ruiz (Clients/Ana Ruiz.md): links to it are ambiguous. \
              Rename one, or link each by its path ([[Clients/Ana Ruiz]], [[People/Ana Ruiz]]), as rolo's reports do"]
        );
        let by_alias =
            errors(&[("People/Ana.md", "---\naliases: [A]\n---\n"), ("People/Ben.md", "---\naliases: [A]\n---\n")]);
        assert_eq!(by_alias.len(), 1);
        assert!(
            by_alias[0].ends_with("ambiguous. Rename one, or remove the alias"),
            "an alias keeps its advice: {by_alias:?}"
        );
    }

    #[test]
    fn a_contact_at_the_vault_root_is_told_to_be_linked_by_its_path_from_the_root() {
        let errors = errors(&[("Ana Ruiz.md", "---\ntype: person\n---\n"), ("People/Ana Ruiz.md", "")]);
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].ends_with("link each by its path ([[/Ana Ruiz]], [[People/Ana Ruiz]]), as rolo's reports do"),
            "{errors:?}"
        );
    }
}
