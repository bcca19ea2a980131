//! Normalised terms for matching people: interests, cities, tags as weighted terms; needs and
//! offers as word sets. Rarer terms weigh more; a term shared by more than a cap of contacts
//! weighs nothing, which is what lets introductions use an inverted index instead of all pairs.

use crate::index::Index;
use crate::model::contact::{Contact, ContactId};
use crate::text;
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// Words that carry no meaning in a need or an offer.
const STOP_WORDS: [&str; 16] =
    ["a", "an", "and", "the", "of", "for", "to", "in", "on", "with", "my", "our", "their", "some", "at", "or"];

/// The content words of a need or offer phrase: no stop words, sorted and unique.
pub fn content_words(phrase: &str) -> Vec<String> {
    let mut words = text::words(phrase);
    words.retain(|w| !STOP_WORDS.contains(&w.as_str()));
    words.sort_unstable();
    words.dedup();
    words
}

/// The content words of a need or offer phrase, as term ids, sorted and unique.
pub fn phrase_words(phrase: &str, vocabulary: &mut Vocabulary) -> Vec<u32> {
    vocabulary.ids(&content_words(phrase))
}

/// String interning for terms.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    ids: FxHashMap<String, u32>,
}

impl Vocabulary {
    /// How many distinct terms were seen.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether no term was seen.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// [`phrase_words`] without adding words: a word no offer uses gets an id of its own
    /// that no offer has (counted from `u32::MAX` down), so matching gives the same answer
    /// while the vocabulary stays shared and read-only.
    pub fn known_words(&self, phrase: &str) -> Vec<u32> {
        let mut unknown = u32::MAX;
        let mut ids: Vec<u32> = content_words(phrase)
            .iter()
            .map(|w| {
                self.ids.get(w.as_str()).copied().unwrap_or_else(|| {
                    unknown -= 1;
                    unknown
                })
            })
            .collect();
        ids.sort_unstable();
        ids
    }

    /// The id of a term, assigning a new one when unseen.
    pub fn id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.ids.get(term) {
            return id;
        }
        let next = self.ids.len() as u32;
        self.ids.insert(term.to_string(), next);
        next
    }

    /// The ids of `words` (content words, as [`content_words`] gives them), sorted.
    pub fn ids(&mut self, words: &[String]) -> Vec<u32> {
        let mut ids: Vec<u32> = words.iter().map(|w| self.id(w)).collect();
        ids.sort_unstable();
        ids
    }
}

/// Whether one word set contains the other (and neither is empty).
pub fn phrases_match(a: &[u32], b: &[u32]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    !small.is_empty() && small.iter().all(|w| large.binary_search(w).is_ok())
}

/// The number of contacts above which a term carries no weight: a tenth of the active
/// contacts, at least 16 and at most 64. The upper bound is what keeps introductions linear:
/// a term's postings are scanned pairwise only when they are short.
pub fn common_cap(active: usize) -> usize {
    (active / 10).clamp(16, 64)
}

/// Inverse document frequency with the cap: 0 for terms too common to mean anything.
pub fn weight(df: usize, active: usize) -> f64 {
    if df == 0 || df > common_cap(active) {
        0.0
    } else {
        ((active.max(1) as f64) / df as f64).ln() + 1.0
    }
}

/// How many offers sharing a need's rarest word are looked at per need.
const MAX_SCAN: usize = 512;

/// Who can help whom: needs matched against other active contacts' offers.
pub struct NeedsOffers {
    /// For each need phrase, as written, the offers that meet it, in path order (at most
    /// one per scan window, see [`MAX_SCAN`]). Needs repeat across contacts, so each phrase
    /// is matched once, not once per contact.
    matches: FxHashMap<String, Vec<u32>>,
    /// Every offer of an active contact.
    offers: Vec<Offer>,
}

/// One offer: who makes it and its position in their list.
struct Offer {
    contact: ContactId,
    position: usize,
}

impl NeedsOffers {
    /// Matches every contact's needs with the offers of active contacts.
    pub fn build(index: &Index) -> Self {
        // Offers repeat from contact to contact: each distinct one is split into words once.
        let mut phrase_of: FxHashMap<&str, usize> = FxHashMap::default();
        let mut phrases: Vec<&str> = Vec::new();
        let mut offered: Vec<(&Contact, usize, usize)> = Vec::new();
        for contact in index.contacts.iter().filter(|c| c.is_active()) {
            for (position, offer) in contact.offers.iter().enumerate() {
                let phrase = *phrase_of.entry(offer).or_insert_with(|| {
                    phrases.push(offer);
                    phrases.len() - 1
                });
                offered.push((contact, position, phrase));
            }
        }
        let words: Vec<Vec<String>> = phrases.par_iter().map(|phrase| content_words(phrase)).collect();
        // Numbered in the order the words first appear, offer by offer, as they always were.
        let mut vocabulary = Vocabulary::default();
        let phrase_words: Vec<Vec<u32>> = words.iter().map(|words| vocabulary.ids(words)).collect();
        let mut offers_by_word: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        let mut offer_words: Vec<&[u32]> = Vec::with_capacity(offered.len());
        let mut offers = Vec::with_capacity(offered.len());
        for (contact, position, phrase) in offered {
            let Ok(number) = u32::try_from(offers.len()) else { break };
            let ids = &phrase_words[phrase];
            for &w in ids {
                offers_by_word.entry(w).or_default().push(number);
            }
            offer_words.push(ids);
            offers.push(Offer { contact: contact.id, position });
        }
        let needs: FxHashSet<&str> = index.contacts.iter().flat_map(|c| &c.needs).map(String::as_str).collect();
        let matches = needs
            .into_par_iter()
            .map(|need| {
                let words = vocabulary.known_words(need);
                // An offer covering the whole need contains its rarest word: scan only those.
                let rarest = words.iter().filter_map(|w| offers_by_word.get(w)).min_by_key(|list| list.len());
                // A reason to get in touch needs an example, not all of them: the scan is
                // bounded so a need built of common words stays cheap at 100,000 contacts.
                let found = rarest.into_iter().flatten().take(MAX_SCAN).copied();
                (need.to_string(), found.filter(|&n| phrases_match(&words, offer_words[n as usize])).collect())
            })
            .collect();
        NeedsOffers { matches, offers }
    }

    /// Up to `per_need` helpers for each need of `id`: (need, contact who offers it, their
    /// offer), in path order.
    pub fn helpers_for(&self, index: &Index, id: ContactId, per_need: usize) -> Vec<(String, ContactId, String)> {
        let mut found = Vec::new();
        for need in &index.contact(id).needs {
            let Some(matches) = self.matches.get(need.as_str()) else { continue };
            let mut last = None;
            let helpers = matches.iter().map(|&n| &self.offers[n as usize]).filter(|offer| {
                // One example per helper: their next offers meeting the same need add nothing.
                let new = offer.contact != id && last != Some(offer.contact);
                if new {
                    last = Some(offer.contact);
                }
                new
            });
            for offer in helpers.take(per_need) {
                let helper = index.contact(offer.contact);
                found.push((need.clone(), offer.contact, helper.offers[offer.position].clone()));
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::index_of_notes as index_of;

    #[test]
    fn helpers_are_other_active_contacts_one_example_each_in_path_order() {
        let index = index_of(&[
            ("a", "needs: [angel investors]\noffers: [angel investors]"),
            ("b", "offers: [intros to angel investors, angel investors in Lisbon, design reviews]"),
            ("c", "status: archived\noffers: [angel investors]"),
            ("d", "offers: [angel investor networks]"),
            ("e", "needs: [angel investors, a designer]"),
        ]);
        let needs_offers = NeedsOffers::build(&index);
        let helpers = |id, per_need| -> Vec<(String, String)> {
            needs_offers
                .helpers_for(&index, id, per_need)
                .into_iter()
                .map(|(need, helper, offer)| (need, format!("{}: {offer}", index.contact(helper).path)))
                .collect()
        };
        let need = "angel investors".to_string();
        // Not a itself, not b twice, not c (archived).
        assert_eq!(
            helpers(0, 3),
            [
                (need.clone(), "People/b.md: intros to angel investors".to_string()),
                (need.clone(), "People/d.md: angel investor networks".to_string()),
            ]
        );
        assert_eq!(helpers(0, 1), [(need.clone(), "People/b.md: intros to angel investors".to_string())]);
        // a can help e; "a designer" shares no word with "design reviews".
        assert_eq!(helpers(4, 1), [(need, "People/a.md: angel investors".to_string())]);
        assert!(helpers(1, 1).is_empty(), "b needs nothing");
    }

    #[test]
    fn plural_and_case_do_not_matter() {
        let mut v = Vocabulary::default();
        let need = phrase_words("Angel Investors", &mut v);
        let offer = phrase_words("intros to angel investor networks", &mut v);
        assert!(phrases_match(&need, &offer));
    }

    #[test]
    fn known_words_match_like_phrase_words_without_growing_the_vocabulary() {
        let mut v = Vocabulary::default();
        let offer = phrase_words("intros to angel investors", &mut v);
        let size = v.len();
        for (need, matches) in
            [("Angel investor intros", true), ("seed stage angel investor intros", true), ("angel seed seed", false)]
        {
            let known = v.known_words(need);
            assert_eq!(phrases_match(&known, &offer), matches, "{need}");
            let grown = phrase_words(need, &mut v.clone());
            assert_eq!(known.len(), grown.len(), "{need}: repeated words count once");
            assert_eq!(phrases_match(&grown, &offer), matches, "{need}");
        }
        assert_eq!(v.len(), size);
    }

    #[test]
    fn unrelated_phrases_do_not_match() {
        let mut v = Vocabulary::default();
        assert!(!phrases_match(&phrase_words("a designer", &mut v), &phrase_words("design feedback", &mut v)));
    }

    #[test]
    fn rare_terms_weigh_more_and_common_ones_nothing() {
        assert!(weight(2, 1000) > weight(50, 1000));
        assert_eq!(weight(65, 1000), 0.0);
        assert_eq!(common_cap(45), 16);
    }
}
