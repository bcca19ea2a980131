//! Name lookup: wikilink resolution the Obsidian way (file stem or alias, case-insensitive)
//! and the looser search users type on the command line (accents ignored, prefixes).

use crate::model::contact::{Contact, ContactId};
use crate::note::ShortString;
use crate::text;
use rayon::prelude::*;
use rustc_hash::FxHashMap;

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
}

/// How many tables the keys are spread over: enough to keep every core busy filling them.
const TABLES: usize = 16;

/// The table a key lives in. Not the tables' own hash: the keys of one table would then
/// share hash bits, and crowd its buckets.
fn table_of(key: &str) -> usize {
    // The remainder is below TABLES, so the conversion is lossless.
    (xxhash_rust::xxh3::xxh3_64(key.as_bytes()) % TABLES as u64) as usize
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

impl Lookup {
    /// The lookup for these contacts and the stems of every note (contacts' included).
    pub fn new(contacts: &[Contact], note_stems: &[&str]) -> Self {
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
        let note_keys: Vec<Keyed> = note_stems.par_iter().map(|s| keyed(s)).collect();
        // Each table takes its keys in the order they come: contacts in id order, then notes.
        let mut contact_keys_of: Vec<Vec<(ShortString, ContactId)>> = vec![Vec::new(); TABLES];
        contact_keys.into_iter().for_each(|((table, key), id)| contact_keys_of[table].push((key, id)));
        let mut note_keys_of: Vec<Vec<ShortString>> = vec![Vec::new(); TABLES];
        note_keys.into_iter().for_each(|(table, key)| note_keys_of[table].push(key));
        let by_key = contact_keys_of
            .into_par_iter()
            .zip(note_keys_of)
            .map(|(contact_keys, note_keys)| {
                let mut table = FxHashMap::default();
                table.reserve(contact_keys.len() + note_keys.len());
                for (key, id) in contact_keys {
                    insert_contact(&mut table, key, id);
                }
                for key in note_keys {
                    table.entry(key).or_insert(Holder::Note);
                }
                table
            })
            .collect();
        Lookup { by_key }
    }

    /// A hash of the whole table: every key and what holds it, in any order. Two lookups
    /// with the same fingerprint resolve every link the same way (see [`super::memo`]).
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

    /// Resolves a wikilink target.
    pub fn resolve(&self, target: &str) -> Resolution {
        let key = key(target);
        match self.by_key.get(table_of(&key)).and_then(|table| table.get(key.as_str())) {
            Some(Holder::Contact(id)) => Resolution::Contact(*id),
            Some(Holder::Contacts(ids)) => Resolution::Ambiguous(ids.clone()),
            Some(Holder::Note) => Resolution::Note,
            None => Resolution::Missing,
        }
    }

    /// Resolves what a user typed: exact key, then accent-folded name, then a unique prefix
    /// of a folded name or of one of its words.
    pub fn find(&self, query: &str, contacts: &[Contact]) -> Resolution {
        if let r @ (Resolution::Contact(_) | Resolution::Ambiguous(_)) = self.resolve(query) {
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
fn key(name: &str) -> ShortString {
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
