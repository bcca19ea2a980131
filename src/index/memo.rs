//! What every note's wikilinks resolved to in the last run, so that a run over an unchanged
//! set of names replays the answers instead of looking each link up again. Resolving a link
//! is one wait for memory in a table of every name; at 100,000 contacts there are more than
//! a million links, and resolving them was most of the cost of building the index.
//!
//! An answer is reused only when it cannot have changed: the note is the same (its answers
//! are filed under its path and content hash), the lookup table is the same (same
//! [`Lookup::fingerprint`]), and the link asked for is the one that was answered at this
//! point of the note last time (same hash of the target as written). Anything else is
//! resolved again, and the note's answers are recorded anew.

use super::resolve::{Lookup, Resolution};
use crate::model::contact::Contact;
use crate::note::wikilink::is_path;
use rustc_hash::FxHashMap;

/// The code of a link that resolved to a note that is not a contact.
const NOTE: u32 = u32::MAX;
/// The code of a link that resolved to nothing.
const MISSING: u32 = u32::MAX - 1;
/// The code of a link whose answer is not stored (several contacts, an id too large, or a
/// link to a path, whose answer depends on more than the fingerprint covers): replaying it
/// asks the lookup again.
const ASK: u32 = u32::MAX - 2;

/// The recorded answers of the notes of one cache shard, all under one lookup.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ShardAnswers {
    /// The [`Lookup::fingerprint`] they were recorded under.
    pub fingerprint: u64,
    /// For each note, by [`note_key`]: where its answers start in `targets` and `codes`,
    /// and how many there are.
    pub notes: FxHashMap<u64, (u32, u32)>,
    /// The hash (xxh3) of each link target as written, note after note.
    pub targets: Vec<u64>,
    /// What each one resolved to.
    pub codes: Vec<u32>,
}

/// A note's answers: the hashes of its link targets and what they resolved to, in the
/// order the index asked for them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Answers<'a> {
    /// Target hashes.
    pub targets: &'a [u64],
    /// Resolution codes.
    pub codes: &'a [u32],
}

/// A note's answers recorded in this run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Recorded {
    /// Target hashes.
    pub targets: Vec<u64>,
    /// Resolution codes.
    pub codes: Vec<u32>,
}

impl<'a> Answers<'a> {
    /// The first `n` answers, as a recording to go on from.
    fn first(self, n: usize) -> Recorded {
        Recorded { targets: self.targets[..n].to_vec(), codes: self.codes[..n].to_vec() }
    }
}

impl Recorded {
    /// The recorded answers, borrowed.
    pub fn as_answers(&self) -> Answers<'_> {
        Answers { targets: &self.targets, codes: &self.codes }
    }
}

impl ShardAnswers {
    /// The answers recorded for the note with this [`note_key`], if any.
    pub fn get(&self, key: u64) -> Option<Answers<'_>> {
        let &(start, len) = self.notes.get(&key)?;
        let range = usize::try_from(start).ok()?..usize::try_from(start.checked_add(len)?).ok()?;
        Some(Answers { targets: self.targets.get(range.clone())?, codes: self.codes.get(range)? })
    }

    /// Adds a note's answers.
    pub fn push(&mut self, key: u64, answers: Answers<'_>) {
        let (Ok(start), Ok(len)) = (u32::try_from(self.targets.len()), u32::try_from(answers.targets.len())) else {
            return;
        };
        self.notes.insert(key, (start, len));
        self.targets.extend_from_slice(answers.targets);
        self.codes.extend_from_slice(answers.codes);
    }
}

/// The answers of the last run, by cache shard ([`crate::cache::shard_of`] of the path).
#[derive(Debug, Default)]
pub struct LinkMemo {
    /// By shard; shards without answers are missing or empty.
    pub shards: Vec<ShardAnswers>,
}

impl LinkMemo {
    /// The answers recorded for a note, if they were recorded under this lookup.
    pub fn answers(&self, rel: &str, content_hash: u64, fingerprint: u64) -> Answers<'_> {
        self.shards
            .get(crate::cache::shard_of(rel))
            .filter(|shard| shard.fingerprint == fingerprint)
            .and_then(|shard| shard.get(note_key(rel, content_hash)))
            .unwrap_or_default()
    }
}

/// The answers of this run that differ from the last run's: whole shards, to be saved.
#[derive(Debug, Default)]
pub struct NewAnswers {
    /// (shard, its answers).
    pub shards: Vec<(usize, ShardAnswers)>,
}

/// The key a note's answers are filed under: its path and its content.
pub fn note_key(rel: &str, content_hash: u64) -> u64 {
    xxhash_rust::xxh3::xxh3_64_with_seed(rel.as_bytes(), content_hash)
}

/// The hash of a link target as written.
fn target_hash(target: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(target.as_bytes())
}

fn code_of(target: &str, resolution: &Resolution) -> u32 {
    if is_path(target) {
        return ASK;
    }
    match resolution {
        Resolution::Contact(id) => u32::try_from(*id).ok().filter(|&id| id < ASK).unwrap_or(ASK),
        Resolution::Note => NOTE,
        Resolution::Missing => MISSING,
        Resolution::Ambiguous(_) => ASK,
    }
}

/// Resolves one note's links: from its recorded answers while they match, from the lookup
/// otherwise, recording the answers for the next run.
pub struct Resolver<'a> {
    lookup: &'a Lookup,
    /// The contacts the lookup was built with: a recorded id beyond them is never trusted.
    contacts: &'a [Contact],
    old: Answers<'a>,
    /// How many of `old` were replayed.
    replayed: usize,
    /// Once a link is resolved from the lookup: every answer so far, for the next run.
    recorded: Option<Recorded>,
    /// Whether to record answers at all.
    recording: bool,
}

impl<'a> Resolver<'a> {
    /// A resolver replaying `old`, the note's answers from the last run under the same
    /// lookup (empty when there are none); `contacts` are those the lookup was built with.
    pub fn new(lookup: &'a Lookup, contacts: &'a [Contact], old: Answers<'a>) -> Self {
        Resolver { lookup, contacts, old, replayed: 0, recorded: None, recording: true }
    }

    /// A resolver that only asks the lookup, for runs that keep no answers.
    pub fn without_memory(lookup: &'a Lookup, contacts: &'a [Contact]) -> Self {
        Resolver { lookup, contacts, old: Answers::default(), replayed: 0, recorded: None, recording: false }
    }

    /// Resolves a wikilink target, as [`Lookup::resolve`] does.
    pub fn resolve(&mut self, target: &str) -> Resolution {
        if !self.recording {
            return self.lookup.resolve(target, self.contacts);
        }
        let hash = target_hash(target);
        if self.recorded.is_none() {
            let next = (self.old.targets.get(self.replayed), self.old.codes.get(self.replayed));
            if let (Some(&old_hash), Some(&code)) = next {
                // An id past the contacts can only come from a damaged or forged file.
                let plausible = code >= ASK || (code as usize) < self.contacts.len();
                if old_hash == hash && plausible {
                    self.replayed += 1;
                    return match code {
                        NOTE => Resolution::Note,
                        MISSING => Resolution::Missing,
                        ASK => self.lookup.resolve(target, self.contacts),
                        id => Resolution::Contact(id as usize),
                    };
                }
            }
            self.recorded = Some(self.old.first(self.replayed));
        }
        let resolution = self.lookup.resolve(target, self.contacts);
        if let Some(recorded) = &mut self.recorded {
            recorded.targets.push(hash);
            recorded.codes.push(code_of(target, &resolution));
        }
        resolution
    }

    /// The note's answers for the next run: `None` when the old ones were replayed exactly
    /// (there is nothing new to keep).
    pub fn finish(self) -> Option<Recorded> {
        if !self.recording {
            return None;
        }
        match self.recorded {
            Some(recorded) => Some(recorded),
            None if self.replayed == self.old.targets.len() => None,
            // Fewer links than last time.
            None => Some(self.old.first(self.replayed)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{index_of_notes, Index};

    fn record(index: &Index, old: Answers<'_>, targets: &[&str]) -> (Vec<Resolution>, Option<Recorded>) {
        let mut resolver = Resolver::new(&index.lookup, &index.contacts, old);
        let answers = targets.iter().map(|t| resolver.resolve(t)).collect();
        (answers, resolver.finish())
    }

    #[test]
    fn replayed_answers_equal_the_lookups_and_record_nothing_new() {
        let index = index_of_notes(&[("Ana Ruiz", "aliases: [Ana]"), ("Ana Lopez", "aliases: [Ana]"), ("Ben", "")]);
        let targets = ["Ana Ruiz", "ben", "Ana", "Nobody", "Ana Ruiz"];
        let live: Vec<Resolution> = targets.iter().map(|t| index.resolve(t)).collect();
        assert!(matches!(live[2], Resolution::Ambiguous(_)), "the test needs an ambiguous link");
        let (first, recorded) = record(&index, Answers::default(), &targets);
        assert_eq!(first, live);
        let recorded = recorded.expect("a first run records its answers");
        let (again, nothing) = record(&index, recorded.as_answers(), &targets);
        assert_eq!(again, live);
        assert_eq!(nothing, None, "an exact replay has nothing new to keep");
    }

    #[test]
    fn a_recorded_id_past_the_contacts_is_not_trusted() {
        let index = index_of_notes(&[("Ana Ruiz", "")]);
        let (_, recorded) = record(&index, Answers::default(), &["Ana Ruiz"]);
        let forged = Recorded { codes: vec![7], ..recorded.unwrap() };
        let mut resolver = Resolver::new(&index.lookup, &index.contacts, forged.as_answers());
        assert_eq!(resolver.resolve("Ana Ruiz"), Resolution::Contact(0));
        assert!(resolver.finish().is_some(), "recorded anew");
    }

    #[test]
    fn a_changed_link_is_resolved_again_and_recorded_from_there() {
        let index = index_of_notes(&[("Ana Ruiz", ""), ("Ben", "")]);
        let (_, old) = record(&index, Answers::default(), &["Ana Ruiz", "Ben"]);
        let old = old.unwrap();
        let (answers, new) = record(&index, old.as_answers(), &["Ana Ruiz", "Nobody", "Ben"]);
        assert_eq!(answers, [Resolution::Contact(0), Resolution::Missing, Resolution::Contact(1)]);
        let new = new.expect("the note changed");
        assert_eq!(new.codes, [0, MISSING, 1]);
        let (_, fewer) = record(&index, new.as_answers(), &["Ana Ruiz"]);
        assert_eq!(fewer.map(|r| r.codes), Some(vec![0]), "fewer links than last time");
    }

    #[test]
    fn the_fingerprint_changes_with_any_name_alias_or_contact() {
        let notes = [("Ana Ruiz", "aliases: [Ana]"), ("Ben", "")];
        let fingerprint = |notes: &[(&str, &str)]| index_of_notes(notes).lookup.fingerprint();
        assert_eq!(fingerprint(&notes), fingerprint(&notes), "the same notes, the same fingerprint");
        assert_ne!(fingerprint(&notes), fingerprint(&[("Ana Ruiz", "aliases: [Annie]"), ("Ben", "")]));
        assert_ne!(fingerprint(&notes), fingerprint(&[("Ana Ruiz", "aliases: [Ana]"), ("Ben", "aliases: [Ana]")]));
        assert_ne!(fingerprint(&notes), fingerprint(&[("Ana Ruiz", "aliases: [Ana]"), ("Ben", ""), ("Cy", "")]));
        // The same names on other contacts: the ids change, and so does what links lead to.
        assert_ne!(fingerprint(&notes), fingerprint(&[("Aaron", ""), ("Ana Ruiz", "aliases: [Ana]"), ("Ben", "")]));
    }

    #[test]
    fn a_link_to_a_path_is_asked_again_on_every_replay() {
        let index = index_of_notes(&[("Ana Ruiz", ""), ("Ben", "")]);
        let (answers, recorded) = record(&index, Answers::default(), &["People/Ana Ruiz", "Ben"]);
        assert_eq!(answers, [Resolution::Contact(0), Resolution::Contact(1)]);
        assert_eq!(recorded.unwrap().codes, [ASK, 1], "its answer depends on paths the fingerprint does not cover");
    }

    #[test]
    fn a_memo_answers_only_under_its_own_lookup() {
        let mut shard = ShardAnswers { fingerprint: 5, ..ShardAnswers::default() };
        shard.push(note_key("P/a.md", 1), Answers { targets: &[1], codes: &[0] });
        let mut shards = vec![ShardAnswers::default(); crate::cache::SHARDS];
        shards[crate::cache::shard_of("P/a.md")] = shard;
        let memo = LinkMemo { shards };
        assert_eq!(memo.answers("P/a.md", 1, 5).codes, [0]);
        assert!(memo.answers("P/a.md", 1, 6).codes.is_empty(), "another lookup");
        assert!(memo.answers("P/a.md", 2, 5).codes.is_empty(), "another content");
    }

    #[test]
    fn answers_are_found_by_note() {
        let mut shard = ShardAnswers::default();
        let a = Recorded { targets: vec![1, 2], codes: vec![0, NOTE] };
        shard.push(note_key("a.md", 7), a.as_answers());
        shard.push(note_key("b.md", 7), Answers { targets: &[3], codes: &[MISSING] });
        assert_eq!(shard.get(note_key("a.md", 7)).map(|x| x.codes.to_vec()), Some(vec![0, NOTE]));
        assert_eq!(shard.get(note_key("b.md", 7)).map(|x| x.targets.to_vec()), Some(vec![3]));
        assert!(shard.get(note_key("a.md", 8)).is_none(), "another content");
    }
}
