//! Who should meet whom: pairs of active contacts who do not know each other yet and share a
//! thread (a need one has and the other offers, rare shared interests, city or field).
//! Candidates come from an inverted index over weighted terms, never from all pairs;
//! [`brute_force`] scores every pair with the same function, and tests check they agree.

use super::terms::{content_words, phrases_match, weight, Vocabulary};
use crate::config::Config;
use crate::index::Index;
use crate::model::contact::ContactId;
use crate::text;
use chrono::NaiveDate;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::HashMap;

/// A suggested introduction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Intro {
    /// One side's name.
    pub a: String,
    /// The other side's name.
    pub b: String,
    /// Note of `a`.
    pub a_path: String,
    /// Note of `b`.
    pub b_path: String,
    /// How strong the common thread is.
    pub score: f64,
    /// Why they should meet, strongest first.
    pub reasons: Vec<String>,
    /// How well you know each side, to be honest about it in the introduction.
    pub familiarity: Vec<String>,
}

/// Weight of a need met by an offer, relative to a shared interest.
const NEED_WEIGHT: f64 = 3.0;
/// Weight of a shared city or tag, relative to a shared interest.
const PLACE_WEIGHT: f64 = 0.5;
/// Bonus when a recently met contact meets a long-standing one.
const MIX_BONUS: f64 = 1.25;

#[derive(Default)]
struct Profile {
    /// (term id, weight factor); interests 1.0, city and tags [`PLACE_WEIGHT`].
    terms: Vec<(u32, f64)>,
    needs: Vec<Vec<u32>>,
    offers: Vec<Vec<u32>>,
    is_new: bool,
    is_old: bool,
    company: String,
}

/// Precomputed profiles and term statistics of the active contacts, indexed by contact id
/// and term id so the hot loop does no hashing.
struct Model<'a> {
    index: &'a Index,
    active: Vec<ContactId>,
    profiles: Vec<Profile>,
    term_weight: Vec<f64>,
    word_weight: Vec<f64>,
    /// For each term: its kind (`i` interest, `c` city, `t` tag) and the term as first written.
    labels: FxHashMap<u32, (char, String)>,
}

/// The profiles of a run of active contacts, numbered on their own: each distinct term or
/// word once, in the order first seen.
struct LocalTerms {
    /// The terms (`kind:term`) and words, by local id.
    keys: Vec<String>,
    /// For a term (not a need's or offer's word), the term as written where first seen.
    labels: Vec<Option<String>>,
    /// The profiles, in local ids.
    profiles: Vec<Profile>,
    /// How many of the run's contacts have each term, by local id.
    term_df: Vec<usize>,
    /// How many of the run's contacts have each word in a need or an offer, by local id.
    word_df: Vec<usize>,
}

impl LocalTerms {
    /// Numbers the profiles of `run`. Interests, cities, tags, needs and offers repeat from
    /// contact to contact, so each distinct one is normalised once.
    fn number<'i>(index: &'i Index, run: &[ContactId], config: &Config, today: NaiveDate) -> Self {
        let mut local = LocalTerms {
            keys: Vec::new(),
            labels: Vec::new(),
            profiles: Vec::with_capacity(run.len()),
            term_df: Vec::new(),
            word_df: Vec::new(),
        };
        let mut ids: FxHashMap<String, u32> = FxHashMap::default();
        let mut id_of = |key: String, label: Option<&str>| {
            *ids.entry(key).or_insert_with_key(|key| {
                local.keys.push(key.clone());
                local.labels.push(label.map(str::to_string));
                (local.keys.len() - 1) as u32
            })
        };
        let mut term_ids: FxHashMap<(&str, &'i str), Option<u32>> = FxHashMap::default();
        let mut phrase_ids: FxHashMap<&'i str, Vec<u32>> = FxHashMap::default();
        let new_since = super::days_before(today, config.audit.new_days);
        let old_before = super::days_before(today, 730);
        for &id in run {
            let c = index.contact(id);
            let mut terms = Vec::new();
            let tags = c.tags.iter().filter(|t| !t.eq_ignore_ascii_case("person"));
            let kinds = (c.interests.iter().map(|i| ("i", i, 1.0)))
                .chain(c.city.iter().map(|city| ("c", city, PLACE_WEIGHT)))
                .chain(tags.map(|t| ("t", t, PLACE_WEIGHT)));
            for (kind, raw, factor) in kinds {
                let term = *term_ids.entry((kind, raw.as_str())).or_insert_with(|| {
                    let term = text::term(raw);
                    (!term.is_empty()).then(|| id_of(format!("{kind}:{term}"), Some(raw)))
                });
                terms.extend(term.map(|t| (t, factor)));
            }
            let mut phrases = |phrases: &'i [String]| -> Vec<Vec<u32>> {
                phrases
                    .iter()
                    .map(|phrase| {
                        phrase_ids
                            .entry(phrase.as_str())
                            .or_insert_with(|| content_words(phrase).into_iter().map(|w| id_of(w, None)).collect())
                            .clone()
                    })
                    .collect()
            };
            let (needs, offers) = (phrases(&c.needs), phrases(&c.offers));
            let first_seen = c.met.or_else(|| index.interactions[id].first().map(|i| i.date));
            local.profiles.push(Profile {
                terms,
                needs,
                offers,
                is_new: c.met.is_some_and(|m| m >= new_since && m <= today),
                is_old: first_seen.is_some_and(|d| d < old_before),
                company: c.company.as_deref().map(text::fold).unwrap_or_default(),
            });
        }
        local.count_contacts();
        local
    }

    /// Fills `term_df` and `word_df`: each contact counts once per term and per word.
    fn count_contacts(&mut self) {
        self.term_df = vec![0; self.keys.len()];
        self.word_df = vec![0; self.keys.len()];
        let mut ids = Vec::new();
        for p in &self.profiles {
            count_once(&mut ids, p.terms.iter().map(|&(t, _)| t), &mut self.term_df);
            count_once(&mut ids, p.needs.iter().chain(&p.offers).flatten().copied(), &mut self.word_df);
        }
    }
}

/// Adds one to `counts` for each distinct id of `of`; `ids` is scratch space.
fn count_once(ids: &mut Vec<u32>, of: impl Iterator<Item = u32>, counts: &mut [usize]) {
    ids.clear();
    ids.extend(of);
    ids.sort_unstable();
    ids.dedup();
    ids.iter().for_each(|&id| counts[id as usize] += 1);
}

impl Profile {
    /// The profile in the ids of the whole model: `ids[local id]`.
    fn renumbered(mut self, ids: &[u32]) -> Self {
        self.terms.iter_mut().for_each(|(t, _)| *t = ids[*t as usize]);
        self.terms.sort_by_key(|t| t.0);
        self.terms.dedup_by_key(|t| t.0);
        for phrase in self.needs.iter_mut().chain(&mut self.offers) {
            phrase.iter_mut().for_each(|w| *w = ids[*w as usize]);
            phrase.sort_unstable();
        }
        self
    }
}

/// The weight of each term (interests, city, tags) and of each word of needs and offers,
/// from how many of the `active` contacts have it.
fn weights(term_df: Vec<usize>, word_df: Vec<usize>, active: usize) -> (Vec<f64>, Vec<f64>) {
    let weigh = |df: Vec<usize>| df.into_iter().map(|df| if df == 0 { 0.0 } else { weight(df, active) }).collect();
    (weigh(term_df), weigh(word_df))
}

impl<'a> Model<'a> {
    fn build(index: &'a Index, config: &Config, today: NaiveDate) -> Self {
        let active: Vec<ContactId> = index.contacts.iter().filter(|c| c.is_active()).map(|c| c.id).collect();
        // The text work (folding, splitting into words) and the numbering run on all cores,
        // each run of contacts numbering its own terms; the runs' terms are then numbered in
        // contact order, so ids, and every sum over them, never depend on threads.
        let runs: Vec<LocalTerms> = active
            .par_chunks(run_length(active.len()))
            .map(|run| LocalTerms::number(index, run, config, today))
            .collect();
        let mut vocabulary = Vocabulary::default();
        let mut labels = FxHashMap::default();
        let (mut term_df, mut word_df) = (Vec::new(), Vec::new());
        let ids: Vec<Vec<u32>> = runs
            .iter()
            .map(|run| {
                run.keys
                    .iter()
                    .zip(&run.labels)
                    .enumerate()
                    .map(|(local, (key, label))| {
                        let known = vocabulary.len();
                        let id = vocabulary.id(key);
                        if id as usize == known {
                            term_df.push(0);
                            word_df.push(0);
                            if let Some(label) = label {
                                let kind = key.chars().next().unwrap_or('i');
                                labels.insert(id, (kind, label.trim().to_string()));
                            }
                        }
                        term_df[id as usize] += run.term_df[local];
                        word_df[id as usize] += run.word_df[local];
                        id
                    })
                    .collect()
            })
            .collect();
        let numbered: Vec<Vec<Profile>> = runs
            .into_par_iter()
            .zip(ids)
            .map(|(run, ids)| run.profiles.into_iter().map(|p| p.renumbered(&ids)).collect())
            .collect();
        let mut profiles: Vec<Profile> = (0..index.contacts.len()).map(|_| Profile::default()).collect();
        for (&id, profile) in active.iter().zip(numbered.into_iter().flatten()) {
            profiles[id] = profile;
        }
        let (term_weight, word_weight) = weights(term_df, word_df, active.len());
        Model { index, active, profiles, term_weight, word_weight, labels }
    }

    /// The exact score of a pair: shared weighted terms plus needs met by offers, both ways.
    fn score(&self, a: ContactId, b: ContactId) -> f64 {
        let (pa, pb) = (&self.profiles[a], &self.profiles[b]);
        let shared: f64 = pa
            .terms
            .iter()
            .filter_map(|(t, f)| {
                pb.terms.binary_search_by_key(t, |x| x.0).ok().map(|_| f * self.term_weight[*t as usize])
            })
            .sum();
        let needs = self.needs_score(pa, pb) + self.needs_score(pb, pa);
        let base = shared + needs;
        if base > 0.0 && ((pa.is_new && pb.is_old) || (pb.is_new && pa.is_old)) {
            base * MIX_BONUS
        } else {
            base
        }
    }

    /// Each need of `needer` counts once, with the best matching offer of `helper`.
    fn needs_score(&self, needer: &Profile, helper: &Profile) -> f64 {
        needer
            .needs
            .iter()
            .map(|need| {
                helper
                    .offers
                    .iter()
                    .filter(|offer| phrases_match(need, offer))
                    .map(|offer| NEED_WEIGHT * self.match_weight(need, offer))
                    .fold(0.0, f64::max)
            })
            .sum()
    }

    /// The weight of the rarest word two matching phrases share.
    fn match_weight(&self, a: &[u32], b: &[u32]) -> f64 {
        a.iter().filter(|w| b.binary_search(w).is_ok()).map(|w| self.word_weight[*w as usize]).fold(0.0, f64::max)
    }

    fn is_rare_term(&self, t: &u32) -> bool {
        self.term_weight[*t as usize] > 0.0
    }

    fn is_rare_word(&self, w: &u32) -> bool {
        self.word_weight[*w as usize] > 0.0
    }

    /// Two different people who are not colleagues and do not already know each other, as
    /// far as your notes tell.
    fn can_be_introduced(&self, a: ContactId, b: ContactId) -> bool {
        a != b && !self.same_company(a, b) && !self.index.know_each_other_by_notes(a, b)
    }

    fn same_company(&self, a: ContactId, b: ContactId) -> bool {
        let (ca, cb) = (&self.profiles[a].company, &self.profiles[b].company);
        !ca.is_empty() && ca == cb
    }
}

/// Suggests up to `limit` introductions, best first; each person appears in at most two.
pub fn intros(index: &Index, config: &Config, today: NaiveDate, limit: usize) -> Vec<Intro> {
    let model = Model::build(index, config, today);
    let pairs = candidate_pairs(&model);
    select(&model, pairs, today, limit)
}

/// The same suggestions, scoring every pair: the reference the fast path is tested against.
pub fn brute_force(index: &Index, config: &Config, today: NaiveDate, limit: usize) -> Vec<Intro> {
    let model = Model::build(index, config, today);
    let mut pairs = Vec::new();
    for (i, &a) in model.active.iter().enumerate() {
        for &b in &model.active[i + 1..] {
            let score = model.score(a, b);
            if score > 0.0 && model.can_be_introduced(a, b) {
                pairs.push((a.min(b), a.max(b), score));
            }
        }
    }
    select(&model, pairs, today, limit)
}

/// How many of `contacts` each parallel run takes: four runs per thread balance the cores,
/// and few runs keep each run's own tables (numbering, pairs already seen) cheap.
fn run_length(contacts: usize) -> usize {
    contacts.div_ceil(4 * rayon::current_num_threads()).max(1)
}

/// Every pair sharing at least one weighted term or need/offer word, scored exactly. The
/// contacts are split into a few chunks per thread, searched on all cores.
fn candidate_pairs(model: &Model) -> Vec<(ContactId, ContactId, f64)> {
    let (by_term, by_word) = postings(model);
    model
        .active
        .par_chunks(run_length(model.active.len()))
        .flat_map_iter(|chunk| {
            // For each contact, the last one it was paired with: each pair is scored once.
            let mut seen = vec![usize::MAX; model.index.contacts.len()];
            let mut pairs = Vec::new();
            for &a in chunk {
                let p = &model.profiles[a];
                let term_lists = p.terms.iter().map(|(t, _)| &by_term[*t as usize]);
                let word_lists = p.needs.iter().chain(&p.offers).flatten().map(|w| &by_word[*w as usize]);
                for &b in term_lists.chain(word_lists).flatten() {
                    if b > a && seen[b] != a {
                        seen[b] = a;
                        // Whether they already know each other is asked in `select`, of the
                        // few pairs the choice gets to: it reads both contacts' links.
                        let score = model.score(a, b);
                        if score > 0.0 && !model.same_company(a, b) {
                            pairs.push((a, b, score));
                        }
                    }
                }
            }
            pairs
        })
        .collect()
}

/// The inverted index: for each weighted term, and each weighted need or offer word, the
/// active contacts that have it, by term id (terms too common to weigh anything have none).
fn postings(model: &Model) -> (Vec<Vec<ContactId>>, Vec<Vec<ContactId>>) {
    let mut by_term = vec![Vec::new(); model.term_weight.len()];
    let mut by_word = vec![Vec::new(); model.word_weight.len()];
    let mut words = Vec::new();
    for &id in &model.active {
        let p = &model.profiles[id];
        for (t, _) in p.terms.iter().filter(|(t, _)| model.is_rare_term(t)) {
            by_term[*t as usize].push(id);
        }
        words.clear();
        words.extend(p.needs.iter().chain(&p.offers).flatten().copied().filter(|w| model.is_rare_word(w)));
        words.sort_unstable();
        words.dedup();
        for &w in &words {
            by_word[w as usize].push(id);
        }
    }
    (by_term, by_word)
}

fn select(model: &Model, pairs: Vec<(ContactId, ContactId, f64)>, today: NaiveDate, limit: usize) -> Vec<Intro> {
    // Only the best pairs are usually looked at: they are sorted first, the rest only if
    // the choice gets to them (each contact is in at most two introductions).
    select_sorting(model, pairs, today, limit, limit.saturating_mul(8).max(1024))
}

/// [`select`], sorting the best `head` pairs first.
fn select_sorting(
    model: &Model,
    mut pairs: Vec<(ContactId, ContactId, f64)>,
    today: NaiveDate,
    limit: usize,
    head: usize,
) -> Vec<Intro> {
    let ranks = model.index.name_ranks();
    let rank = |id: ContactId| ranks[id];
    // A total order: pairs are unique and ranks are too, so unstable sorts are exact.
    let best_first = |x: &(ContactId, ContactId, f64), y: &(ContactId, ContactId, f64)| {
        y.2.total_cmp(&x.2).then_with(|| (rank(x.0), rank(x.1)).cmp(&(rank(y.0), rank(y.1))))
    };
    if head < pairs.len() {
        pairs.select_nth_unstable_by(head, best_first);
        pairs[..head].par_sort_unstable_by(best_first);
    } else {
        pairs.par_sort_unstable_by(best_first);
    }
    let mut uses: HashMap<ContactId, usize> = HashMap::new();
    let mut chosen = Vec::new();
    for n in 0..pairs.len() {
        if chosen.len() >= limit {
            break;
        }
        if n == head {
            pairs[head..].par_sort_unstable_by(best_first);
        }
        let (a, b, score) = pairs[n];
        let used_twice = |id| uses.get(&id).copied().unwrap_or(0) >= 2;
        if used_twice(a) || used_twice(b) || !model.can_be_introduced(a, b) {
            continue;
        }
        *uses.entry(a).or_default() += 1;
        *uses.entry(b).or_default() += 1;
        chosen.push(explain(model, a, b, score, today));
    }
    chosen
}

fn explain(model: &Model, a: ContactId, b: ContactId, score: f64, today: NaiveDate) -> Intro {
    let index = model.index;
    let (ca, cb) = (index.contact(a), index.contact(b));
    let mut reasons = need_reasons(model, a, b);
    reasons.extend(need_reasons(model, b, a));
    let (pa, pb) = (&model.profiles[a], &model.profiles[b]);
    let mut shared: Vec<(f64, &str, char)> = pa
        .terms
        .iter()
        .filter(|(t, _)| pb.terms.binary_search_by_key(t, |x| x.0).is_ok() && model.is_rare_term(t))
        .map(|(t, f)| {
            let (kind, label) = model.labels.get(t).map_or(('t', ""), |(k, l)| (*k, l.as_str()));
            (f * model.term_weight[*t as usize], label, kind)
        })
        .collect();
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)).then_with(|| x.2.cmp(&y.2)));
    // The kind of the shared term says what they share: an interest of one matching only a
    // tag of the other is no shared interest.
    for (_, label, kind) in shared {
        reasons.push(match kind {
            'c' => format!("both in {label}"),
            'i' => format!("both interested in {label}"),
            _ => format!("both tagged #{label}"),
        });
    }
    if (pa.is_new && pb.is_old) || (pb.is_new && pa.is_old) {
        let (new, old) = if pa.is_new { (ca, cb) } else { (cb, ca) };
        reasons.push(format!("mixes a new contact ({}) with a long-standing one ({})", new.name, old.name));
    }
    Intro {
        a: ca.name.clone(),
        b: cb.name.clone(),
        a_path: ca.path.clone(),
        b_path: cb.path.clone(),
        score: (score * 100.0).round() / 100.0,
        reasons,
        familiarity: vec![familiarity(index, a, today), familiarity(index, b, today)],
    }
}

fn need_reasons(model: &Model, needer: ContactId, helper: ContactId) -> Vec<String> {
    let (cn, ch) = (model.index.contact(needer), model.index.contact(helper));
    let (pn, ph) = (&model.profiles[needer], &model.profiles[helper]);
    let mut reasons = Vec::new();
    for (i, need) in pn.needs.iter().enumerate() {
        if let Some(j) = ph.offers.iter().position(|o| phrases_match(need, o) && model.match_weight(need, o) > 0.0) {
            reasons.push(format!("{} needs {}; {} offers {}", cn.name, cn.needs[i], ch.name, ch.offers[j]));
        }
    }
    reasons
}

/// An honest line about how well you know someone, for the introduction message.
pub fn familiarity(index: &Index, id: ContactId, today: NaiveDate) -> String {
    let name = &index.contact(id).name;
    match index.last_contact(id, today) {
        None => format!("you have no logged contact with {name}"),
        // A calendar year, so a year that holds Feb 29 is no "over a year".
        Some(last) if today.checked_sub_months(chrono::Months::new(12)).is_some_and(|year_ago| last < year_ago) => {
            format!("you have not been in touch with {name} since {last}, over a year ago")
        }
        Some(last) => format!("you were last in touch with {name} on {last}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{decode, load, CacheMode};

    fn synthetic(n: usize, seed: u64) -> (Index, Config) {
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let term = |r: u64| format!("topic {}", (60f64.powf((r % 10_000) as f64 / 10_000.0)) as u64);
        let notes = (0..n)
            .map(|i| {
                let interests: Vec<String> = (0..3).map(|_| term(next())).collect();
                // Each knows two others by a link, so that knowing each other rules pairs out.
                let text = format!(
                    "---\nname: P{i}\ncircle: c\ncompany: Co {}\ncity: Town {}\nmet: 2026-0{}-01\ninterests: [{}]\nneeds: [{} help]\noffers: [{} help, advice]\nknows: [\"[[P{}]]\", \"[[P{}]]\"]\n---\n",
                    next() % 40,
                    next() % 7,
                    1 + next() % 9,
                    interests.join(", "),
                    term(next()),
                    term(next()),
                    next() % n as u64,
                    next() % n as u64
                );
                crate::note::parse(decode(&format!("People/P{i}.md"), text.into_bytes(), 0).unwrap())
            })
            .collect();
        let config = Config::defaults(std::path::PathBuf::from("/t"));
        (crate::index::build(&config, notes, Vec::new()), config)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn sorting_the_best_pairs_first_chooses_what_sorting_them_all_chooses() {
        let (index, config) = synthetic(150, 5);
        let model = Model::build(&index, &config, today());
        let pairs = candidate_pairs(&model);
        assert!(pairs.len() > 100, "{}", pairs.len());
        for limit in [1, 3, 20, 10_000] {
            let all = select_sorting(&model, pairs.clone(), today(), limit, usize::MAX);
            for head in [0, 1, 2, 5, 40] {
                assert_eq!(
                    select_sorting(&model, pairs.clone(), today(), limit, head),
                    all,
                    "limit {limit}, head {head}"
                );
            }
        }
    }

    #[test]
    fn the_inverted_index_finds_exactly_what_scoring_every_pair_finds() {
        for (n, seed) in [(20, 1), (60, 2), (150, 3), (400, 4)] {
            let (index, config) = synthetic(n, seed);
            let fast = intros(&index, &config, today(), 10_000);
            let slow = brute_force(&index, &config, today(), 10_000);
            assert!(!fast.is_empty(), "n={n}: the synthetic vault must produce suggestions");
            assert_eq!(fast, slow, "n={n}");
            // The fast path rules out people who know each other only when choosing.
            let model = Model::build(&index, &config, today());
            let known =
                candidate_pairs(&model).iter().filter(|&&(a, b, _)| index.know_each_other_by_notes(a, b)).count();
            assert!(n < 150 || known > 0, "n={n}: some candidates must know each other");
        }
    }

    #[test]
    fn the_example_vault_gives_the_same_suggestions_both_ways() {
        let vault = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-vault");
        let config = Config::load(&vault).unwrap();
        let loaded = load(&config, CacheMode::Off);
        let index = crate::index::build(&config, loaded.notes, loaded.diagnostics);
        let fast = intros(&index, &config, today(), 1000);
        assert!(fast.len() >= 5);
        assert_eq!(fast, brute_force(&index, &config, today(), 1000));
    }

    #[test]
    fn reasons_name_the_kind_of_term_both_sides_share() {
        let index = crate::index::index_of_notes(&[
            ("Ana", "interests: [design]\ntags: [design]"),
            ("Ben", "tags: [design]"),
            ("Cy", "city: Lisbon\ntags: [lisbon]"),
            ("Dee", "tags: [Lisbon]"),
            ("Eve", "city: Porto"),
            ("Fay", "city: porto\ninterests: [Porto]"),
        ]);
        let config = Config::defaults(std::path::PathBuf::from("/t"));
        let reasons: Vec<(String, Vec<String>)> =
            intros(&index, &config, today(), 10).into_iter().map(|i| (format!("{}+{}", i.a, i.b), i.reasons)).collect();
        assert_eq!(
            reasons,
            [
                ("Ana+Ben".to_string(), vec!["both tagged #design".to_string()]),
                ("Cy+Dee".to_string(), vec!["both tagged #lisbon".to_string()]),
                ("Eve+Fay".to_string(), vec!["both in Porto".to_string()]),
            ],
            "a term one side has as an interest or city and the other only as a tag is a shared tag"
        );
    }

    #[test]
    fn familiarity_says_over_a_year_only_after_a_calendar_year() {
        let index = crate::index::index_of_files(&[
            ("People/P0.md", "## Log\n- 2023-06-01 #call caught up\n"),
            ("People/P1.md", "## Log\n- 2023-05-31 #call caught up\n"),
        ]);
        let today = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap();
        assert_eq!(familiarity(&index, 0, today), "you were last in touch with P0 on 2023-06-01");
        assert_eq!(
            familiarity(&index, 1, today),
            "you have not been in touch with P1 since 2023-05-31, over a year ago"
        );
    }

    #[test]
    fn people_who_know_each_other_are_never_suggested() {
        let (index, config) = synthetic(150, 9);
        for intro in intros(&index, &config, today(), 10_000) {
            let a = index.contacts.iter().find(|c| c.name == intro.a).unwrap().id;
            let b = index.contacts.iter().find(|c| c.name == intro.b).unwrap().id;
            assert!(!index.know_each_other(a, b), "{} and {}", intro.a, intro.b);
        }
    }
}
