//! Name lookup: wikilink resolution the Obsidian way (file stem or alias, case-insensitive;
//! a vault path through [`super::paths`]) and the looser search users type on the command
//! line (accents ignored, prefixes).

use super::paths::{link_path_key, NoteFile, SharedStems};
use crate::model::contact::{Contact, ContactId};
use crate::note::wikilink::{is_path, link_stem};
use crate::note::ShortString;
use crate::text;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// What a name or link resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// Exactly one contact.
    Contact(ContactId),
    /// Several contacts match; never guessed.
    Ambiguous(Vec<ContactId>),
    /// A note that is not a contact.
    Note,
    /// Nothing by that name.
    Missing,
}

/// Lookup tables built once with the index, then only read: links are resolved on all cores.
#[derive(Debug, Default)]
pub struct Lookup {
    /// Every lookup key: contacts' stems, names and aliases, and other notes' stems, spread
    /// over [`TABLES`] tables by [`table_of`] so that they are filled on all cores. Keys and
    /// values sit in the tables themselves: resolving millions of links is mostly waiting
    /// for memory, and each pointer followed is one more wait.
    by_key: Vec<FxHashMap<ShortString, Holder>>,
    /// The files of stems that several files share, for links to a path.
    shared_stems: SharedStems,
    /// Stem keys of notes that are not contacts where a contact's name or alias holds the
    /// key: a link to such a note's path finds the note, not the contact.
    notes_under_names: FxHashSet<ShortString>,
}

/// How many tables the keys are spread over: enough to keep every core busy filling them.
const TABLES: usize = 16;

/// The table a key lives in. Not the tables' own hash: the keys of one table would then
/// share hash bits, and crowd its buckets.
fn table_of(key: &str) -> usize {
    table_of_hash(key_hash(key))
}

/// The hash that places a key in its table.
fn key_hash(key: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(key.as_bytes())
}

/// [`table_of`] a key of this [`key_hash`].
fn table_of_hash(hash: u64) -> usize {
    // The remainder is below TABLES, so the conversion is lossless.
    (hash % TABLES as u64) as usize
}

/// What holds a lookup key.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Holder {
    /// One contact.
    Contact(ContactId),
    /// Several contacts, in the order they were added.
    Contacts(Vec<ContactId>),
    /// A note that is not a contact, and no contact.
    Note,
}

/// One key to file, and its table.
type Keyed = (usize, ShortString);

/// The stem keys of one table's notes, each with whether the note is a contact's.
type NoteKeys = Vec<(ShortString, bool)>;

impl Lookup {
    /// The lookup for these contacts and every note (contacts' included).
    pub fn new(contacts: &[Contact], files: &[NoteFile<'_>]) -> Self {
        let keyed = |name: &str| {
            let key = key(name);
            (table_of(&key), key)
        };
        // A contact's name is most often its file's stem: the same key, looked up once.
        let contact_keys: Vec<(Keyed, ContactId)> = contacts
            .par_iter()
            .flat_map_iter(|c| {
                let name = (c.name != c.stem).then_some(&c.name);
                std::iter::once(&c.stem).chain(name).chain(&c.aliases).map(|n| (keyed(n), c.id))
            })
            .collect();
        let note_keys: Vec<(u64, ShortString)> = files
            .par_iter()
            .map(|f| {
                let key = key(f.stem);
                (key_hash(&key), key)
            })
            .collect();
        let shared_stems = SharedStems::new(files, &note_keys);
        // Each table takes its keys in the order they come: contacts in id order, then notes.
        let mut contact_keys_of: Vec<Vec<(ShortString, ContactId)>> = vec![Vec::new(); TABLES];
        contact_keys.into_iter().for_each(|((table, key), id)| contact_keys_of[table].push((key, id)));
        let mut note_keys_of: Vec<NoteKeys> = vec![Vec::new(); TABLES];
        for ((hash, key), file) in note_keys.into_iter().zip(files) {
            note_keys_of[table_of_hash(hash)].push((key, file.contact.is_some()));
        }
        let (by_key, hidden): (Vec<_>, Vec<_>) =
            contact_keys_of.into_par_iter().zip(note_keys_of).map(|(c, n)| fill_table(c, n)).unzip();
        let notes_under_names = hidden.into_iter().flatten().collect();
        Lookup { by_key, shared_stems, notes_under_names }
    }

    /// Whether several files (contacts' or other notes) have this file stem: links to any
    /// of them by name alone cannot tell them apart, so rolo links them by path.
    pub fn shares_stem(&self, stem: &str) -> bool {
        // Asked for every contact a report links: most vaults have no shared stem to look up.
        !self.shared_stems.is_empty() && self.shared_stems.contains(&key(stem))
    }

    /// A hash of the whole table: every key and what holds it, in any order. Two lookups
    /// with the same fingerprint resolve every link without a path the same way (see
    /// [`super::memo`], which never replays the answer to a link with a path).
    pub fn fingerprint(&self) -> u64 {
        self.by_key
            .par_iter()
            .flatten()
            .map(|(key, holder)| {
                let mut hasher = xxhash_rust::xxh3::Xxh3::new();
                hasher.update(key.as_bytes());
                // The key's end (0xff is never in UTF-8), so keys and holders cannot run together.
                hasher.update(&[0xff]);
                match holder {
                    Holder::Note => hasher.update(&[0]),
                    Holder::Contact(id) => {
                        hasher.update(&[1]);
                        hasher.update(&id.to_le_bytes());
                    }
                    Holder::Contacts(ids) => {
                        hasher.update(&[2]);
                        ids.iter().for_each(|id| hasher.update(&id.to_le_bytes()));
                    }
                }
                hasher.digest()
            })
            // A sum does not depend on the table's order; each term is a 64-bit hash.
            .reduce(|| 0, u64::wrapping_add)
    }

    /// Contacts sharing one lookup key, for duplicate-name diagnostics.
    pub fn clashes(&self) -> impl Iterator<Item = (&str, &[ContactId])> {
        self.by_key.iter().flatten().filter_map(|(key, holder)| match holder {
            Holder::Contacts(ids) => Some((key.as_str(), ids.as_slice())),
            _ => None,
        })
    }

    /// Resolves a wikilink target: a file stem, name or alias, or a vault path (see
    /// `index::paths`), which only ever leads to a file. `contacts` are the contacts the
    /// lookup was built with.
    pub fn resolve(&self, target: &str, contacts: &[Contact]) -> Resolution {
        if is_path(target) {
            return self.resolve_path(target, contacts);
        }
        self.resolve_name(target)
    }

    /// Resolves a name as written, never as a path: a file stem, a contact's name or one of
    /// its aliases. For names from outside links (an imported row, a contact to add), where
    /// a `/` is part of the name ("Ana Ruiz / Acme").
    pub fn resolve_name(&self, name: &str) -> Resolution {
        match self.holder(&key(name)) {
            Some(Holder::Contact(id)) => Resolution::Contact(*id),
            Some(Holder::Contacts(ids)) => Resolution::Ambiguous(ids.clone()),
            Some(Holder::Note) => Resolution::Note,
            None => Resolution::Missing,
        }
    }

    fn holder(&self, key: &str) -> Option<&Holder> {
        self.by_key.get(table_of(key)).and_then(|table| table.get(key))
    }

    /// A link to a path. Among files sharing its stem, by path; otherwise the one file with
    /// that stem, if any, whatever folders the link names (the path of a file that moved
    /// still finds it, as long as no other file has its name).
    fn resolve_path(&self, target: &str, contacts: &[Contact]) -> Resolution {
        let path = link_path_key(target);
        let stem = link_stem(&path).trim();
        if stem.is_empty() {
            return Resolution::Missing;
        }
        if let Some(resolution) = self.shared_stems.resolve(&path, stem) {
            return resolution;
        }
        // Names and aliases hold keys too, but a path only ever leads to a file.
        let has_stem = |id: &ContactId| contacts.get(*id).is_some_and(|c| key(&c.stem) == stem);
        let by_stem = match self.holder(stem) {
            None => return Resolution::Missing,
            Some(Holder::Note) => return Resolution::Note,
            Some(Holder::Contact(id)) => Some(*id).filter(has_stem),
            Some(Holder::Contacts(ids)) => ids.iter().copied().find(has_stem),
        };
        match by_stem {
            Some(id) => Resolution::Contact(id),
            None if self.notes_under_names.contains(stem) => Resolution::Note,
            None => Resolution::Missing,
        }
    }

    /// Resolves what a user typed: exact key (or vault path), then accent-folded name, then
    /// a unique prefix of a folded name or of one of its words.
    pub fn find(&self, query: &str, contacts: &[Contact]) -> Resolution {
        if let r @ (Resolution::Contact(_) | Resolution::Ambiguous(_)) = self.resolve(query, contacts) {
            return r;
        }
        let folded = text::fold(query);
        if folded.is_empty() {
            return Resolution::Missing;
        }
        // Built per query: only command-line lookups need the accent-folded names.
        let by_fold: Vec<(String, ContactId)> = contacts
            .iter()
            .flat_map(|c| {
                std::iter::once(&c.stem)
                    .chain(std::iter::once(&c.name))
                    .chain(&c.aliases)
                    .map(|n| (text::fold(n), c.id))
            })
            .collect();
        let exact: Vec<ContactId> = by_fold.iter().filter(|(n, _)| *n == folded).map(|(_, id)| *id).collect();
        if !exact.is_empty() {
            let mut exact = exact;
            exact.sort_unstable();
            exact.dedup();
            return one_or_many(exact);
        }
        let mut ids: Vec<ContactId> = by_fold
            .iter()
            .filter(|(name, _)| name.starts_with(&folded) || name.split(' ').any(|w| w.starts_with(&folded)))
            .map(|(_, id)| *id)
            .collect();
        ids.sort_unstable();
        ids.dedup();
        // Prefer contacts whose display name matches over those matching only an alias.
        if ids.len() > 1 {
            let by_name: Vec<ContactId> =
                ids.iter().copied().filter(|&id| text::fold(&contacts[id].name).starts_with(&folded)).collect();
            if by_name.len() == 1 {
                return Resolution::Contact(by_name[0]);
            }
        }
        one_or_many(ids)
    }
}

/// The lookup key of a name or link target: [`text::key`], without allocating for the short
/// ASCII names most are.
pub(super) fn key(name: &str) -> ShortString {
    let name = name.trim();
    if name.is_ascii() {
        let mut key = ShortString::new(name);
        key.as_mut_str().make_ascii_lowercase();
        key
    } else {
        ShortString::from(text::key(name))
    }
}

fn one_or_many(ids: Vec<ContactId>) -> Resolution {
    match ids.len() {
        0 => Resolution::Missing,
        1 => Resolution::Contact(ids[0]),
        _ => Resolution::Ambiguous(ids),
    }
}

/// One table of keys: its contacts' keys (in id order), then its notes' stems. Also gives
/// the stems of notes that are not contacts but whose key a contact's name or alias holds.
fn fill_table(
    contact_keys: Vec<(ShortString, ContactId)>,
    note_keys: NoteKeys,
) -> (FxHashMap<ShortString, Holder>, Vec<ShortString>) {
    let mut table = FxHashMap::default();
    table.reserve(contact_keys.len() + note_keys.len());
    for (key, id) in contact_keys {
        insert_contact(&mut table, key, id);
    }
    let mut hidden = Vec::new();
    for (key, is_contact) in note_keys {
        match table.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(Holder::Note);
            }
            std::collections::hash_map::Entry::Occupied(held) => {
                if !is_contact && *held.get() != Holder::Note {
                    hidden.push(held.key().clone());
                }
            }
        }
    }
    (table, hidden)
}

fn insert_contact(table: &mut FxHashMap<ShortString, Holder>, key: ShortString, id: ContactId) {
    let holder = table.entry(key).or_insert(Holder::Note);
    match holder {
        Holder::Note => *holder = Holder::Contact(id),
        Holder::Contact(other) if *other != id => *holder = Holder::Contacts(vec![*other, id]),
        Holder::Contact(_) => {}
        Holder::Contacts(ids) => push_unique(ids, id),
    }
}

fn push_unique(ids: &mut Vec<ContactId>, id: ContactId) {
    if !ids.contains(&id) {
        ids.push(id);
    }
}

#[cfg(test)]
mod tests {
    use super::Resolution;
    use crate::index::{index_of_files, Index};

    const PERSON: &str = "---\ntype: person\n---\n";

    /// Two contacts called Ana Ruiz in different folders, and a project of that name.
    fn two_anas() -> Index {
        index_of_files(&[
            ("Clients/Ana Ruiz.md", PERSON),
            ("People/Ana Ruiz.md", ""),
            ("People/Ben.md", "---\naliases: [Projects]\n---\n"),
            ("Projects/Ana Ruiz.md", ""),
            ("Work/People/Cy.md", PERSON),
            ("Team/Cy.md", "---\ntype: person\n---\n"),
        ])
    }

    fn id_of(index: &Index, path: &str) -> usize {
        index.contacts.iter().position(|c| c.path == path).unwrap_or(usize::MAX)
    }

    #[test]
    fn a_path_tells_apart_contacts_that_share_a_file_name() {
        let index = two_anas();
        let (clients, people) = (id_of(&index, "Clients/Ana Ruiz.md"), id_of(&index, "People/Ana Ruiz.md"));
        assert!(matches!(index.resolve("Ana Ruiz"), Resolution::Ambiguous(_)), "the name alone stays ambiguous");
        assert_eq!(index.resolve("People/Ana Ruiz"), Resolution::Contact(people));
        assert_eq!(index.resolve("Clients/Ana Ruiz"), Resolution::Contact(clients));
        assert_eq!(index.resolve("Friends/Ana Ruiz"), Resolution::Missing, "a path to no file is no guess");
    }

    #[test]
    fn a_path_ignores_case_a_leading_slash_and_md() {
        let index = two_anas();
        let people = id_of(&index, "People/Ana Ruiz.md");
        assert_eq!(index.resolve("people/ana ruiz"), Resolution::Contact(people));
        assert_eq!(index.resolve("/People/Ana Ruiz.md"), Resolution::Contact(people));
    }

    #[test]
    fn a_name_with_a_slash_is_never_read_as_a_path() {
        let index = two_anas();
        assert_eq!(index.resolve_name("People/Cy"), Resolution::Missing);
        assert_eq!(index.resolve_name("Ben"), Resolution::Contact(id_of(&index, "People/Ben.md")));
    }

    #[test]
    fn a_path_to_a_note_never_leads_to_the_contact_of_that_file_name() {
        assert_eq!(two_anas().resolve("Projects/Ana Ruiz"), Resolution::Note);
    }

    #[test]
    fn a_path_matches_the_end_of_a_longer_path() {
        let index = two_anas();
        assert_eq!(index.resolve("People/Cy"), Resolution::Contact(id_of(&index, "Work/People/Cy.md")));
        assert_eq!(index.resolve("Work/People/Cy"), Resolution::Contact(id_of(&index, "Work/People/Cy.md")));
    }

    #[test]
    fn several_files_ending_in_the_path_are_ambiguous() {
        let index = index_of_files(&[("A/People/Ana.md", PERSON), ("B/People/Ana.md", PERSON)]);
        assert_eq!(index.resolve("People/Ana"), Resolution::Ambiguous(vec![0, 1]));
        assert_eq!(index.resolve("B/People/Ana"), Resolution::Contact(1));
    }

    #[test]
    fn a_path_to_a_file_name_only_one_file_has_finds_that_file_in_any_folder() {
        let index = two_anas();
        assert_eq!(index.resolve("Old/Ben"), Resolution::Contact(id_of(&index, "People/Ben.md")));
    }

    #[test]
    fn a_path_never_leads_to_a_name_or_alias() {
        let index = index_of_files(&[("People/Ana.md", "---\nname: Ana Ruiz\naliases: [Annie]\n---\n")]);
        assert_eq!(index.resolve("Annie"), Resolution::Contact(0));
        assert_eq!(index.resolve("People/Annie"), Resolution::Missing);
        assert_eq!(index.resolve("People/Ana Ruiz"), Resolution::Missing);
        assert_eq!(index.resolve("People/Ana"), Resolution::Contact(0));
    }

    #[test]
    fn a_path_to_a_note_whose_name_is_a_contacts_alias_is_the_note() {
        let index = index_of_files(&[("People/Ben.md", "---\naliases: [Projects]\n---\n"), ("Projects.md", "")]);
        assert_eq!(index.resolve("Projects"), Resolution::Contact(0), "the alias, as before");
        assert_eq!(index.resolve("/Projects"), Resolution::Note);
    }
}
