//! Name lookup: wikilink resolution the Obsidian way (file stem or alias, case-insensitive)
//! and the looser search users type on the command line (accents ignored, prefixes).

use crate::model::contact::{Contact, ContactId};
use crate::text;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::{Mutex, MutexGuard, PoisonError};

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

/// Lookup tables built once with the index. Link targets repeat a lot (everyone links the
/// same few people), so resolutions are memoised by the target as written.
#[derive(Debug, Default)]
pub struct Lookup {
    by_key: FxHashMap<String, Vec<ContactId>>,
    notes: FxHashSet<String>,
    memo: Mutex<FxHashMap<String, Resolution>>,
}

impl Lookup {
    fn memo(&self) -> MutexGuard<'_, FxHashMap<String, Resolution>> {
        // A poisoned memo is still a valid cache of pure results.
        self.memo.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a contact under its stem, name and aliases.
    pub fn add_contact(&mut self, contact: &Contact) {
        let names = std::iter::once(&contact.stem).chain(std::iter::once(&contact.name)).chain(&contact.aliases);
        for name in names {
            push_unique(self.by_key.entry(text::key(name)).or_default(), contact.id);
        }
        self.notes.insert(text::key(&contact.stem));
        self.memo().clear();
    }

    /// Registers a note that is not a contact, so links to it are not broken.
    pub fn add_note(&mut self, stem: &str) {
        self.notes.insert(text::key(stem));
        self.memo().clear();
    }

    /// Contacts sharing one lookup key, for duplicate-name diagnostics.
    pub fn clashes(&self) -> impl Iterator<Item = (&String, &Vec<ContactId>)> {
        self.by_key.iter().filter(|(_, ids)| ids.len() > 1)
    }

    /// Resolves a wikilink target.
    pub fn resolve(&self, target: &str) -> Resolution {
        if let Some(known) = self.memo().get(target) {
            return known.clone();
        }
        let key = text::key(target);
        let resolution = match self.by_key.get(&key).map(Vec::as_slice) {
            Some([id]) => Resolution::Contact(*id),
            Some(ids) if ids.len() > 1 => Resolution::Ambiguous(ids.to_vec()),
            _ if self.notes.contains(&key) => Resolution::Note,
            _ => Resolution::Missing,
        };
        self.memo().insert(target.to_string(), resolution.clone());
        resolution
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

fn one_or_many(ids: Vec<ContactId>) -> Resolution {
    match ids.len() {
        0 => Resolution::Missing,
        1 => Resolution::Contact(ids[0]),
        _ => Resolution::Ambiguous(ids),
    }
}

fn push_unique(ids: &mut Vec<ContactId>, id: ContactId) {
    if !ids.contains(&id) {
        ids.push(id);
    }
}
