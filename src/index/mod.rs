//! The whole vault in memory: contacts by name, alias and email, the links between them,
//! their interactions and promises, and every problem found on the way. Built from the
//! files each run; nothing here depends on "today".

mod build;
mod facts;
pub mod memo;
mod paths;
mod resolve;

pub use build::{build, build_remembering};
pub use resolve::{Lookup, Resolution};

use crate::diagnostic::Diagnostic;
use crate::model::contact::{Contact, ContactId, Interaction, Promise};
use crate::text;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// A wikilink in a contact's properties that points to no note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The contact whose note holds the link.
    pub contact: ContactId,
    /// The link target as written.
    pub target: String,
    /// The line of the property.
    pub line: usize,
}

/// How reports link the contacts whose link is not simply `[[Name]]` (see
/// [`Index::wikilink`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactLinks {
    /// By name, for names that lead to one contact.
    pub by_name: HashMap<String, String>,
    /// By the path of the contact's note: the contact's name and link.
    pub by_path: HashMap<String, (String, String)>,
}

/// A person linked in daily notes or logs who has no note yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPerson {
    /// The name as first written.
    pub name: String,
    /// Where and when they came up: (date, path, line).
    pub mentions: Vec<(NaiveDate, String, usize)>,
}

/// The indexed vault.
#[derive(Debug, Default)]
pub struct Index {
    /// Contacts in path order; a [`ContactId`] is a position here.
    pub contacts: Vec<Contact>,
    /// Interactions per contact, oldest first.
    pub interactions: Vec<Vec<Interaction>>,
    /// Promises per contact, in file order.
    pub promises: Vec<Vec<Promise>>,
    /// The contacts each contact's note links to (properties, body, `introduced_by`),
    /// sorted by id: searched for every candidate introduction, where a slice beats a tree.
    pub links: Vec<Vec<ContactId>>,
    /// The contacts whose notes link to each contact (the reverse of `links`).
    pub backlinks: Vec<Vec<ContactId>>,
    /// Who introduced each contact, resolved.
    pub introducers: Vec<Vec<ContactId>>,
    /// Pairs (smaller id first) that you already introduced (`#intro` log entries).
    pub introduced: BTreeSet<(ContactId, ContactId)>,
    /// Property wikilinks that point to no note.
    pub broken_links: Vec<BrokenLink>,
    /// People mentioned in prose who have no note, by lookup key.
    pub missing_people: BTreeMap<String, MissingPerson>,
    /// Every problem found, sorted by path and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Field names of other tools read as rolo's own, with how many notes used each.
    pub field_aliases_read: BTreeMap<String, usize>,
    /// Number of notes read (contacts and others).
    pub notes_read: usize,
    lookup: Lookup,
    /// Filled on first use by [`Index::name_rank`].
    name_ranks: OnceLock<Vec<u32>>,
}

impl Index {
    /// Resolves a link target the way Obsidian resolves wikilinks: a target with a `/` is a
    /// vault path. For a name that is not a link, see [`Index::resolve_name`].
    pub fn resolve(&self, target: &str) -> Resolution {
        self.lookup.resolve(target, &self.contacts)
    }

    /// Resolves a name, alias or file stem as written, never as a vault path: for names
    /// that are not link targets, where a `/` is part of the name.
    pub fn resolve_name(&self, name: &str) -> Resolution {
        self.lookup.resolve_name(name)
    }

    /// Finds a contact from what a user typed: name, alias, or an unambiguous prefix,
    /// ignoring case and accents.
    pub fn find(&self, query: &str) -> Resolution {
        self.lookup.find(query, &self.contacts)
    }

    /// The contact with this id.
    pub fn contact(&self, id: ContactId) -> &Contact {
        &self.contacts[id]
    }

    /// A wikilink to contact `id` that Obsidian, which resolves a link by file name only,
    /// opens on its note: `[[Name]]` when that is the file's name, else `[[stem|Name]]`.
    /// When other notes share the stem, the note's vault path without its extension:
    /// `[[People/Ana Ruiz]]`, or `[[People/ana|Ana Ruiz]]` (`[[/Ana Ruiz]]` at the vault
    /// root), which both Obsidian and rolo resolve to that one file. rolo reads every such link back to the contact.
    pub fn wikilink(&self, id: ContactId) -> String {
        let c = self.contact(id);
        // Most names are their file's name, and most stems are one file's: no lookup needed.
        let shares_stem = self.lookup.shares_stem(&c.stem);
        if c.name == c.stem && !shares_stem {
            return text::wikilink(&c.name);
        }
        let target = if shares_stem { paths::link_path(&c.path, &c.stem) } else { Cow::Borrowed(c.stem.as_str()) };
        let target = target.as_ref();
        if self.resolve(target) != Resolution::Contact(id) {
            return text::wikilink(&c.name);
        }
        if target.contains('/') && c.name == c.stem {
            text::wikilink(target)
        } else {
            text::wikilink_to(target, &c.name)
        }
    }

    /// The links reports write for contacts whose [`Index::wikilink`] is not `[[Name]]`:
    /// by name, for names only one contact has, and by the path of their note.
    pub fn contact_links(&self) -> ContactLinks {
        let mut links = ContactLinks::default();
        for c in &self.contacts {
            let is_plain =
                c.name == c.stem || c.name.eq_ignore_ascii_case(&c.stem) || text::key(&c.name) == text::key(&c.stem);
            if is_plain && !self.lookup.shares_stem(&c.stem) {
                continue;
            }
            let link = self.wikilink(c.id);
            if link == text::wikilink(&c.name) {
                continue;
            }
            if self.resolve_name(&c.name) == Resolution::Contact(c.id) {
                links.by_name.insert(c.name.clone(), link.clone());
            }
            links.by_path.insert(c.path.clone(), (c.name.clone(), link));
        }
        links
    }

    /// The most recent interaction dated on or before `today`.
    pub fn last_interaction(&self, id: ContactId, today: NaiveDate) -> Option<&Interaction> {
        self.interactions[id].iter().rev().find(|i| i.date <= today)
    }

    /// The last contact date: the latest of `last_contact` and interactions, on or before today.
    pub fn last_contact(&self, id: ContactId, today: NaiveDate) -> Option<NaiveDate> {
        let from_log = self.last_interaction(id, today).map(|i| i.date);
        let from_field = self.contacts[id].last_contact_field.filter(|d| *d <= today);
        from_log.max(from_field)
    }

    /// Whether the two contacts already know each other, as far as the notes tell.
    pub fn know_each_other(&self, a: ContactId, b: ContactId) -> bool {
        self.know_each_other_by_notes(a, b) || same_company(&self.contacts[a], &self.contacts[b])
    }

    /// [`Index::know_each_other`] without the company check: links either way,
    /// `introduced_by`, or an introduction you already made.
    pub fn know_each_other_by_notes(&self, a: ContactId, b: ContactId) -> bool {
        self.links[a].binary_search(&b).is_ok()
            || self.links[b].binary_search(&a).is_ok()
            || self.introduced.contains(&(a.min(b), a.max(b)))
    }

    /// The contact's position in name order: by accent- and case-folded name, then by path.
    /// Reports sort tens of thousands of rows by name; comparing ranks folds each name once
    /// per run instead of once per report or comparison.
    pub fn name_rank(&self, id: ContactId) -> u32 {
        self.name_ranks()[id]
    }

    /// [`Index::name_rank`] of every contact, by id. Computed on all cores on first use, so
    /// call it before starting parallel work that needs it: a thread waiting inside the
    /// computation may pick up such work, and initialising it again from that thread would
    /// deadlock.
    pub fn name_ranks(&self) -> &[u32] {
        self.name_ranks.get_or_init(|| name_ranks(&self.contacts))
    }

    /// Contacts linked with `id` either way, sorted by id.
    pub fn linked_with(&self, id: ContactId) -> Vec<ContactId> {
        let mut ids: Vec<ContactId> =
            self.links[id].iter().chain(&self.backlinks[id]).copied().filter(|&o| o != id).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Contacts by email address, keyed by [`email_key`].
    pub fn contacts_by_email(&self) -> HashMap<String, Vec<ContactId>> {
        let mut map: HashMap<String, Vec<ContactId>> = HashMap::new();
        for c in &self.contacts {
            let mut unique: Vec<String> = c.emails.iter().map(|e| email_key(e)).collect();
            unique.sort_unstable();
            unique.dedup();
            for email in unique {
                map.entry(email).or_default().push(c.id);
            }
        }
        map
    }
}

/// How email addresses are compared, wherever rolo matches people by email: trimmed and
/// lowercased.
pub fn email_key(email: &str) -> String {
    email.trim().to_lowercase()
}

fn name_ranks(contacts: &[Contact]) -> Vec<u32> {
    let folded: Vec<String> = contacts.par_iter().map(|c| crate::text::fold(&c.name)).collect();
    let mut by_name: Vec<ContactId> = (0..contacts.len()).collect();
    // Contacts are in path order, so ids break ties by path.
    by_name.par_sort_unstable_by(|&a, &b| folded[a].cmp(&folded[b]).then(a.cmp(&b)));
    let mut ranks = vec![0; contacts.len()];
    for (rank, id) in (0u32..).zip(by_name) {
        ranks[id] = rank;
    }
    ranks
}

/// Whether both contacts name the same non-empty company.
pub fn same_company(a: &Contact, b: &Contact) -> bool {
    match (&a.company, &b.company) {
        (Some(x), Some(y)) => {
            let (x, y) = (crate::text::fold(x), crate::text::fold(y));
            !x.is_empty() && x == y
        }
        _ => false,
    }
}

/// An index of contact notes `People/{file}.md`, each with the given front matter (YAML
/// without the `---` lines), for tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn index_of_notes(people: &[(&str, &str)]) -> Index {
    let files: Vec<(String, String)> =
        people.iter().map(|(file, front)| (format!("People/{file}.md"), format!("---\n{front}\n---\n"))).collect();
    let files: Vec<(&str, &str)> = files.iter().map(|(path, text)| (path.as_str(), text.as_str())).collect();
    index_of_files(&files)
}

/// An index of notes given as (vault-relative path, whole text), for tests.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn index_of_files(files: &[(&str, &str)]) -> Index {
    use crate::config::Config;
    use crate::vault::decode;
    let notes = files
        .iter()
        .map(|(path, text)| crate::note::parse(decode(path, text.as_bytes().to_vec(), 0).unwrap()))
        .collect();
    build(&Config::defaults(std::path::PathBuf::from("/t")), notes, Vec::new())
}

#[cfg(test)]
mod tests {
    fn index_of(people: &[(&str, &str)]) -> super::Index {
        let fronts: Vec<(&str, String)> = people.iter().map(|(file, name)| (*file, format!("name: {name}"))).collect();
        let fronts: Vec<(&str, &str)> = fronts.iter().map(|(file, front)| (*file, front.as_str())).collect();
        super::index_of_notes(&fronts)
    }

    const PERSON: &str = "---\ntype: person\n---\n";

    /// Every contact's wikilink, by id, checking that each resolves back to its contact.
    fn wikilinks_leading_back(index: &super::Index) -> Vec<String> {
        let links: Vec<String> = (0..index.contacts.len()).map(|id| index.wikilink(id)).collect();
        for (id, link) in links.iter().enumerate() {
            let target = crate::note::wikilink::find_links(link)[0].1;
            assert_eq!(index.resolve(target), super::Resolution::Contact(id), "{link} leads back to its contact");
        }
        links
    }

    #[test]
    fn contacts_sharing_a_file_name_are_linked_by_path() {
        let index = super::index_of_files(&[
            ("Clients/Ana Ruiz.md", PERSON),
            ("People/Ana Ruiz.md", ""),
            ("People/ana.md", "---\nname: Ana Lopez\n---\n"),
            ("Projects/ana.md", ""),
            ("People/Ben.md", ""),
        ]);
        let links = wikilinks_leading_back(&index);
        // Contacts are in path order: `Ben` sorts before `ana`.
        assert_eq!(links, ["[[Clients/Ana Ruiz]]", "[[People/Ana Ruiz]]", "[[Ben]]", "[[People/ana|Ana Lopez]]"]);
    }

    #[test]
    fn a_contact_at_the_vault_root_sharing_a_file_name_is_linked_by_its_path_from_the_root() {
        let index = super::index_of_files(&[("Ana Ruiz.md", PERSON), ("People/Ana Ruiz.md", "")]);
        let links = wikilinks_leading_back(&index);
        assert_eq!(links, ["[[/Ana Ruiz]]", "[[People/Ana Ruiz]]"]);
    }

    #[test]
    fn reports_link_by_path_the_contacts_whose_link_is_not_their_name() {
        let index = super::index_of_files(&[
            ("Clients/Ana Ruiz.md", PERSON),
            ("People/Ana Ruiz.md", ""),
            ("People/ana.md", "---\nname: Ana Lopez\n---\n"),
            ("People/Ben.md", ""),
        ]);
        let links = index.contact_links();
        assert_eq!(links.by_path.len(), 3, "{links:?}");
        assert_eq!(links.by_path["Clients/Ana Ruiz.md"], ("Ana Ruiz".to_string(), "[[Clients/Ana Ruiz]]".to_string()));
        assert_eq!(links.by_name.get("Ana Lopez").map(String::as_str), Some("[[ana|Ana Lopez]]"));
        assert!(!links.by_name.contains_key("Ana Ruiz"), "a name two contacts have names neither");
    }

    #[test]
    fn reports_link_by_name_a_contact_whose_name_has_a_slash() {
        let index = super::index_of_files(&[("People/Ana Ruiz - Acme.md", "---\nname: Ana Ruiz / Acme\n---\n")]);
        let links = index.contact_links();
        assert_eq!(
            links.by_name.get("Ana Ruiz / Acme").map(String::as_str),
            Some("[[Ana Ruiz - Acme|Ana Ruiz / Acme]]")
        );
    }

    #[test]
    fn name_rank_orders_by_folded_name_then_path() {
        let index = index_of(&[("a", "Zoë Ng"), ("b", "émile Roy"), ("c", "Anna Bell"), ("d", "Emile Roy")]);
        let names: Vec<&str> = index.contacts.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Zoë Ng", "émile Roy", "Anna Bell", "Emile Roy"], "ids follow paths");
        let ranks: Vec<u32> = (0..4).map(|id| index.name_rank(id)).collect();
        // Anna, then the two Emiles (same folded name: path b before d), then Zoë.
        assert_eq!(ranks, [3, 1, 0, 2]);
    }
}
