//! The review every six months: is the list accurate, who should be added, who is no longer
//! relevant, who is worth the effort. Each section lists contacts with the fact behind it and,
//! where there is one, an action the user can tick in the written report.

use super::days_between;
use crate::config::Config;
use crate::index::{email_key, Index};
use crate::model::cadence::{Cadence, Interval};
use crate::model::contact::{ContactId, Flow};
use crate::note::tasks::Direction;
use crate::text;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// One line of the audit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditItem {
    /// The contact (or file, or missing person).
    pub name: String,
    /// The note the fact comes from.
    pub path: String,
    /// The note of the contact the item is about, when it is about one contact: `path` may
    /// be another note (a task in a daily note), and reports link the contact by this one.
    pub contact_path: Option<String>,
    /// The line in that note, when one matters.
    pub line: Option<usize>,
    /// What was found.
    pub fact: String,
    /// What the user can tick in the report to act on it, e.g. `archive [[Ana Ruiz]]`.
    pub action: Option<String>,
}

/// Contacts and interactions per circle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BalanceRow {
    /// The circle, or `(none)`.
    pub name: String,
    /// Where circles are defined.
    pub path: String,
    /// Active contacts in the circle.
    pub contacts: usize,
    /// Interactions with them in the period.
    pub interactions: usize,
}

/// The whole audit. Each section is a list of [`AuditItem`]s: a `Vec` as computed, another
/// kind of list where [`Audit::map_sections`] made one (the report's template reads them
/// row by row).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Audit<L = Vec<AuditItem>> {
    /// Notes rolo could not read correctly.
    pub invalid: L,
    /// Contacts with no circle or no cadence.
    pub unsorted: L,
    /// Contacts met in the period.
    pub new: L,
    /// Active contacts with no contact in over a year.
    pub dormant: L,
    /// Contacts whose real rhythm is far slower than their cadence.
    pub drifting: L,
    /// Contacts who have not answered your last few touches.
    pub non_reciprocal: L,
    /// Contacts that look like the same person.
    pub duplicates: L,
    /// Property wikilinks to no note.
    pub broken_links: L,
    /// Contacts and interactions per circle.
    pub balance: Vec<BalanceRow>,
    /// Promises others made you that are old.
    pub owed_to_you: L,
    /// People mentioned in daily notes or logs who have no note.
    pub to_add: L,
}

impl Audit {
    /// The same audit with each section (the balance aside) turned into another list.
    pub fn map_sections<L>(self, mut list: impl FnMut(Vec<AuditItem>) -> L) -> Audit<L> {
        Audit {
            invalid: list(self.invalid),
            unsorted: list(self.unsorted),
            new: list(self.new),
            dormant: list(self.dormant),
            drifting: list(self.drifting),
            non_reciprocal: list(self.non_reciprocal),
            duplicates: list(self.duplicates),
            broken_links: list(self.broken_links),
            balance: self.balance,
            owed_to_you: list(self.owed_to_you),
            to_add: list(self.to_add),
        }
    }
}

/// Runs every audit check.
pub fn audit(index: &Index, config: &Config, today: NaiveDate) -> Audit {
    // Ranked before the parallel sections that sort by name (see Index::name_ranks).
    index.name_ranks();
    // The sections are independent; computing them side by side keeps the audit, the largest
    // report, off the critical path of `rolo report`.
    let ((dormant, drifting), (non_reciprocal, (duplicates, to_add))) = rayon::join(
        || rayon::join(|| dormant(index, config, today), || drifting(index, config, today)),
        || rayon::join(|| non_reciprocal(index, config, today), || rayon::join(|| duplicates(index), || to_add(index))),
    );
    let dormant_paths: HashSet<&str> = dormant.iter().map(|i| i.path.as_str()).collect();
    let drifting = drifting.into_iter().filter(|i| !dormant_paths.contains(i.path.as_str())).collect();
    Audit {
        invalid: invalid(index),
        unsorted: unsorted(index),
        new: new(index, config, today),
        dormant,
        drifting,
        non_reciprocal,
        duplicates,
        broken_links: broken_links(index),
        balance: balance(index, config, today),
        owed_to_you: owed_to_you(index, config, today),
        to_add,
    }
}

impl Audit {
    /// One made-up item in every section, with the action that section's items take, and one
    /// balance row: the report's template rendered with it shows every fixed line rolo can
    /// write, and the shape of each section's items (see `render::checklist`).
    pub fn placeholder() -> Audit {
        const NAME: &str = "placeholder";
        let one = |action: Option<String>| {
            let fact = NAME.to_string();
            vec![AuditItem {
                name: NAME.to_string(),
                path: NAME.to_string(),
                contact_path: None,
                line: Some(1),
                fact,
                action,
            }]
        };
        let cadence = Cadence::Every(Interval::Days(30));
        let link = text::wikilink(NAME);
        Audit {
            invalid: one(None),
            unsorted: one(None),
            new: one(None),
            dormant: one(Some(archive_action(&link))),
            drifting: one(Some(cadence_action(&link, &cadence))),
            non_reciprocal: one(Some(archive_action(&link))),
            duplicates: one(Some(merge_action(&[link.clone(), link.clone()]))),
            broken_links: one(None),
            balance: vec![BalanceRow { name: NAME.to_string(), path: NAME.to_string(), contacts: 1, interactions: 1 }],
            owed_to_you: one(None),
            to_add: one(Some(add_action(NAME))),
        }
    }
}

/// The actions of ticked items take links that Obsidian opens (see [`Index::wikilink`]),
/// and that `rolo report` resolves back to the contact.
fn archive_action(link: &str) -> String {
    format!("archive {link}")
}

fn cadence_action(link: &str, cadence: &Cadence) -> String {
    format!("set cadence of {link} to {cadence}")
}

fn merge_action(links: &[String]) -> String {
    format!("merge {}", links.join(" and "))
}

fn add_action(name: &str) -> String {
    format!("add {} as a contact", text::wikilink(name))
}

fn item(index: &Index, id: ContactId, fact: String, action: Option<String>) -> AuditItem {
    let c = index.contact(id);
    AuditItem {
        name: c.name.clone(),
        path: c.path.clone(),
        contact_path: Some(c.path.clone()),
        line: None,
        fact,
        action,
    }
}

/// Active contacts, in parallel: the per-contact checks are independent, and rayon's collect
/// keeps path order.
fn active(index: &Index) -> impl ParallelIterator<Item = ContactId> + '_ {
    index.contacts.par_iter().filter(|c| c.is_active()).map(|c| c.id)
}

fn invalid(index: &Index) -> Vec<AuditItem> {
    index
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| AuditItem {
            name: crate::note::file_stem(&d.path).to_string(),
            path: d.path.clone(),
            contact_path: None,
            line: Some(d.line),
            fact: d.message.clone(),
            action: None,
        })
        .collect()
}

fn unsorted(index: &Index) -> Vec<AuditItem> {
    active(index)
        .filter_map(|id| {
            let c = index.contact(id);
            let missing: Vec<&str> = [(c.circle.is_none(), "no circle"), (c.cadence.is_none(), "no cadence")]
                .into_iter()
                .filter_map(|(missing, what)| missing.then_some(what))
                .collect();
            (!missing.is_empty()).then(|| item(index, id, missing.join(", "), None))
        })
        .collect()
}

fn new(index: &Index, config: &Config, today: NaiveDate) -> Vec<AuditItem> {
    let since = super::days_before(today, config.audit.new_days);
    active(index)
        .filter_map(|id| {
            let c = index.contact(id);
            let met = c.met.filter(|m| *m >= since && *m <= today)?;
            let at = c.met_at.as_deref().map(|w| format!(" at {w}")).unwrap_or_default();
            let circle = c.circle.as_deref().map_or("no circle yet".to_string(), |k| format!("circle: {k}"));
            Some(item(index, id, format!("met {met}{at}; {circle}"), None))
        })
        .collect()
}

fn dormant(index: &Index, config: &Config, today: NaiveDate) -> Vec<AuditItem> {
    let limit = i64::from(config.audit.dormant_days);
    active(index)
        .filter_map(|id| {
            let c = index.contact(id);
            let (since, fact) = match index.last_contact(id, today) {
                Some(last) => (last, format!("no contact since {last}")),
                None => {
                    let met = c.met.filter(|m| *m <= today)?;
                    (met, format!("no contact on record since meeting on {met}"))
                }
            };
            let days = days_between(since, today);
            (days > limit).then(|| {
                item(index, id, format!("{fact} ({} months)", days / 30), Some(archive_action(&index.wikilink(id))))
            })
        })
        .collect()
}

fn drifting(index: &Index, config: &Config, today: NaiveDate) -> Vec<AuditItem> {
    active(index)
        .filter_map(|id| {
            let c = index.contact(id);
            let cadence = c.tracked_cadence()?;
            let cadence_days = i64::from(cadence.approx_days()?);
            let last = index.last_contact(id, today)?;
            let gap = days_between(last, today);
            (gap > i64::from(config.audit.drift_factor) * cadence_days).then(|| {
                let slower = slower_cadence(gap);
                // Already on the slowest usual cadence: setting it again would change nothing.
                let is_slower = slower.approx_days().is_some_and(|days| i64::from(days) > cadence_days);
                let action = is_slower.then(|| cadence_action(&index.wikilink(id), &slower));
                item(index, id, format!("cadence {cadence}, but last contact was {gap} days ago ({last})"), action)
            })
        })
        .collect()
}

/// The first usual cadence at least as long as the gap actually seen, so the reminder matches reality.
fn slower_cadence(gap_days: i64) -> Cadence {
    let steps = ["30d", "60d", "90d", "6m", "1y"];
    let choice = steps
        .iter()
        .filter_map(|s| s.parse::<Cadence>().ok())
        .find(|c| c.approx_days().is_some_and(|d| i64::from(d) >= gap_days));
    choice.or_else(|| "1y".parse().ok()).unwrap_or(Cadence::Never)
}

fn non_reciprocal(index: &Index, config: &Config, today: NaiveDate) -> Vec<AuditItem> {
    let n = config.audit.non_reciprocal;
    active(index)
        .filter_map(|id| {
            // Your touches are in their note; a reply (`<-`) counts wherever it was logged.
            let path = index.contact(id).path.as_str();
            let own = index.interactions[id].iter().rev().filter(|i| {
                i.date <= today && (i.flow == Flow::Incoming || (i.flow == Flow::Outgoing && *i.path == *path))
            });
            // The last n touches, newest first: all of them yours, and n of them.
            let mut since = None;
            for (count, touch) in (1..).zip(own.take(n)) {
                if touch.flow != Flow::Outgoing {
                    return None;
                }
                since = (count == n).then_some(touch.date);
            }
            let since = since?;
            let mutual = mutual_contacts(index, id);
            let via = if mutual.is_empty() { String::new() } else { format!("; try through {}", mutual.join(", ")) };
            Some(item(
                index,
                id,
                format!("your last {n} touches since {since} got no reply{via}"),
                Some(archive_action(&index.wikilink(id))),
            ))
        })
        .collect()
}

/// How many mutual contacts a one-sided contact's audit line suggests.
const MUTUAL_SHOWN: usize = 3;

/// The first three active contacts by name linked with `id` either way (including
/// who introduced them). A contact can be linked with thousands: they are kept as they come,
/// checking whether one is active only when it would be among the first, never all sorted.
pub fn mutual_contacts(index: &Index, id: ContactId) -> Vec<String> {
    let mut first: Vec<(u32, ContactId)> = Vec::with_capacity(MUTUAL_SHOWN + 1);
    for &other in index.links[id].iter().chain(&index.backlinks[id]) {
        let key = (index.name_rank(other), other);
        let would_be_first = first.len() < MUTUAL_SHOWN || first.last().is_some_and(|last| key < *last);
        if other == id || !would_be_first || first.contains(&key) || !index.contact(other).is_active() {
            continue;
        }
        first.insert(first.partition_point(|k| *k < key), key);
        first.truncate(MUTUAL_SHOWN);
    }
    first.iter().map(|&(_, o)| index.contact(o).name.clone()).collect()
}

fn duplicates(index: &Index) -> Vec<AuditItem> {
    let contacts = &index.contacts;
    let emails = contacts.par_iter().flat_map_iter(|c| c.emails.iter().map(|e| (email_key(e), c.id)));
    let phones = contacts.par_iter().flat_map_iter(|c| {
        c.phones.iter().filter_map(|phone| {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            (digits.len() >= 6).then_some((digits, c.id))
        })
    });
    let names = contacts.par_iter().map(|c| {
        let squashed: String = text::fold(&c.name).chars().filter(|ch| ch.is_alphanumeric()).collect();
        (squashed, c.id)
    });
    let mut groups: BTreeMap<Vec<ContactId>, Vec<String>> = BTreeMap::new();
    for (kind, pairs) in [("email", emails.collect()), ("phone", phones.collect()), ("name", names.collect())] {
        for (key, ids) in shared_keys(pairs) {
            // A squashed name is quoted in the report; only the shared ones are, not every name.
            let label = if kind == "name" { format!("name \"{key}\"") } else { format!("{kind} {key}") };
            groups.entry(ids).or_default().push(label);
        }
    }
    groups
        .into_iter()
        .map(|(ids, mut shared)| {
            shared.sort();
            let people: Vec<String> =
                ids.iter().map(|&i| format!("{} ({})", index.contact(i).name, index.contact(i).path)).collect();
            let links: Vec<String> = ids.iter().map(|&i| index.wikilink(i)).collect();
            AuditItem {
                name: ids.iter().map(|&i| index.contact(i).name.clone()).collect::<Vec<_>>().join(" / "),
                path: index.contact(ids[0]).path.clone(),
                contact_path: None,
                line: None,
                fact: format!("{} share {}", people.join(" and "), shared.join(", ")),
                action: Some(merge_action(&links)),
            }
        })
        .collect()
}

/// The keys held by two contacts or more, each with those contacts' ids in order. Pairs are
/// sorted rather than hashed: on a large vault this runs on all cores.
fn shared_keys(mut pairs: Vec<(String, ContactId)>) -> Vec<(String, Vec<ContactId>)> {
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
        .map(|run| (run[0].0.clone(), run.iter().map(|&(_, id)| id).collect()))
        .collect()
}

fn broken_links(index: &Index) -> Vec<AuditItem> {
    index
        .broken_links
        .iter()
        .map(|b| {
            let c = index.contact(b.contact);
            AuditItem {
                name: c.name.clone(),
                path: c.path.clone(),
                contact_path: Some(c.path.clone()),
                line: Some(b.line),
                fact: format!("links [[{}]] on line {}, but there is no such note", b.target, b.line),
                action: None,
            }
        })
        .collect()
}

fn balance(index: &Index, config: &Config, today: NaiveDate) -> Vec<BalanceRow> {
    let since = super::days_before(today, config.audit.period_days);
    let mut rows: BTreeMap<String, (usize, usize)> = config.circles.keys().map(|k| (k.clone(), (0, 0))).collect();
    for id in index.contacts.iter().filter(|c| c.is_active()).map(|c| c.id) {
        let c = index.contact(id);
        let key = c.circle.as_deref().unwrap_or("(none)");
        let recent = index.interactions[id].iter().filter(|i| i.date > since && i.date <= today).count();
        // Looked up before inserting: most contacts' circles are already there.
        let row = match rows.get_mut(key) {
            Some(row) => row,
            None => rows.entry(key.to_string()).or_default(),
        };
        row.0 += 1;
        row.1 += recent;
    }
    rows.into_iter()
        .map(|(name, (contacts, interactions))| BalanceRow {
            name,
            path: crate::config::CONFIG_FILE.to_string(),
            contacts,
            interactions,
        })
        .collect()
}

fn owed_to_you(index: &Index, config: &Config, today: NaiveDate) -> Vec<AuditItem> {
    let mut items = Vec::new();
    for c in &index.contacts {
        for p in index.promises[c.id].iter().filter(|p| !p.done && p.direction == Direction::TheyOwe) {
            let since = p.due.or_else(|| config.daily_date(&p.path));
            let fact = match since {
                Some(d) if days_between(d, today) > i64::from(config.audit.owed_days) => {
                    format!("{} (since {d})", p.text)
                }
                Some(_) => continue,
                None => format!("{} (no date on it)", p.text),
            };
            // The task's own note and line: a daily note's task is not in the contact's note.
            items.push(AuditItem {
                name: c.name.clone(),
                path: p.path.to_string(),
                contact_path: Some(c.path.clone()),
                line: Some(p.line),
                fact,
                action: None,
            });
        }
    }
    items
}

fn to_add(index: &Index) -> Vec<AuditItem> {
    // Links to days not written yet are not in `missing_people`: they name no person.
    index
        .missing_people
        .values()
        .filter(|m| text::looks_like_person_name(&m.name) || m.mentions.len() >= 2)
        .map(|m| {
            let mut dates: Vec<String> = m.mentions.iter().map(|(d, _, _)| d.to_string()).collect();
            dates.sort();
            dates.dedup();
            let (_, path, line) = &m.mentions[0];
            AuditItem {
                name: m.name.clone(),
                path: path.clone(),
                contact_path: None,
                line: Some(*line),
                fact: format!("mentioned on {}", dates.join(", ")),
                action: Some(add_action(&m.name)),
            }
        })
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::index::index_of_notes as index_of;

    #[test]
    fn thresholds_beyond_the_calendar_count_from_its_first_day_without_panicking() {
        let index = index_of(&[("A", "met: 2026-01-01\ncircle: friends\ncadence: 30d"), ("B", "met: 1900-01-01")]);
        let mut config = Config::defaults("/v".into());
        config.audit.new_days = u32::MAX;
        config.audit.period_days = u32::MAX;
        for today in [NaiveDate::MIN, date(2026, 11, 24), NaiveDate::MAX] {
            let audit = audit(&index, &config, today);
            if today == date(2026, 11, 24) {
                let new: Vec<&str> = audit.new.iter().map(|i| i.name.as_str()).collect();
                assert_eq!(new, ["A", "B"], "met any time up to today is new");
            }
            let _ = crate::analysis::intros::intros(&index, &config, today, 10);
            let _ = crate::analysis::overdue::overdue(&index, &config, today, u32::MAX);
        }
    }

    #[test]
    fn drifting_never_suggests_the_cadence_a_contact_already_has() {
        let index = index_of(&[
            (
                "A",
                "cadence: 1y
last_contact: 2023-01-01",
            ),
            (
                "B",
                "cadence: 30d
last_contact: 2026-01-01",
            ),
        ]);
        let mut config = Config::defaults("/v".into());
        config.audit.dormant_days = 36500;
        let drifting = drifting(&index, &config, date(2026, 11, 24));
        let actions: Vec<(&str, Option<&str>)> =
            drifting.iter().map(|i| (i.name.as_str(), i.action.as_deref())).collect();
        assert_eq!(actions, [("A", None), ("B", Some("set cadence of [[B]] to 1y"))]);
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn mutual_contacts_are_the_first_three_active_by_name_either_way() {
        let index = index_of(&[
            ("hub", "related: [\"[[E]]\", \"[[B]]\", \"[[D]]\", \"[[A]]\", \"[[Ab]]\", \"[[hub]]\", \"[[E]]\"]"),
            ("A", "status: archived"),
            ("Ab", "related: \"[[hub]]\""),
            ("B", "related: \"[[hub]]\""),
            ("C", "related: \"[[hub]]\""),
            ("D", ""),
            ("E", "related: \"[[B]]\""),
        ]);
        let id = |name: &str| index.contacts.iter().find(|c| c.name == name).map(|c| c.id).unwrap();
        assert_eq!(mutual_contacts(&index, id("hub")), ["Ab", "B", "C"]);
        assert_eq!(mutual_contacts(&index, id("D")), ["hub"], "a link counts either way");
        // Against the plain definition: every linked contact, active ones only, sorted by name.
        for c in &index.contacts {
            let mut all: Vec<ContactId> =
                index.linked_with(c.id).into_iter().filter(|&o| index.contact(o).is_active()).collect();
            all.sort_by_key(|&o| index.name_rank(o));
            let expected: Vec<String> = all.iter().take(3).map(|&o| index.contact(o).name.clone()).collect();
            assert_eq!(mutual_contacts(&index, c.id), expected, "{}", c.name);
        }
    }

    #[test]
    fn a_reply_logged_in_a_daily_note_makes_a_contact_reciprocal() {
        let index = crate::index::index_of_files(&[
            (
                "People/Ana.md",
                "## Log\n- 2026-05-01 #email ping 3\n- 2026-04-01 #email ping 2\n- 2026-03-01 #email ping 1\n",
            ),
            (
                "People/Ben.md",
                "## Log\n- 2026-05-01 #email ping 3\n- 2026-04-01 #email ping 2\n- 2026-03-01 #email ping 1\n",
            ),
            ("Daily/2026-04-15.md", "## Log\n- 2026-04-15 <- #email [[Ana]] replied\n- 2026-04-15 met [[Ben]]\n"),
        ]);
        let config = Config::defaults("/v".into());
        let one_sided: Vec<String> =
            non_reciprocal(&index, &config, date(2026, 6, 1)).into_iter().map(|i| i.name).collect();
        assert_eq!(one_sided, ["Ben"], "Ana answered; meeting Ben in a shared log is no reply");
    }

    #[test]
    fn a_promise_owed_to_you_points_at_the_note_and_line_of_its_task() {
        let index = crate::index::index_of_files(&[
            ("People/Ana.md", "## Promises\n- [ ] owes me: a call back\n"),
            ("Daily/2026-01-10.md", "Notes.\n\n- [ ] [[Ana]] owes me: a book\n"),
        ]);
        let config = Config::defaults("/v".into());
        let owed: Vec<(String, String, Option<usize>, String)> = owed_to_you(&index, &config, date(2026, 6, 1))
            .into_iter()
            .map(|i| (i.name, i.path, i.line, i.fact))
            .collect();
        assert_eq!(
            owed,
            [
                (
                    "Ana".to_string(),
                    "Daily/2026-01-10.md".to_string(),
                    Some(3),
                    "a book (since 2026-01-10)".to_string()
                ),
                ("Ana".to_string(), "People/Ana.md".to_string(), Some(2), "a call back (no date on it)".to_string()),
            ]
        );
    }

    #[test]
    fn duplicates_group_contacts_by_every_key_they_share() {
        let index = index_of(&[
            ("a", "name: José Díaz\nemail: [Jose@x.org, jose@x.org]\nphone: [\"+34 600 11 22 33\"]"),
            ("b", "name: jose diaz\nemail: [\" JOSE@X.ORG \"]"),
            ("c", "name: Ann Lee\nphone: [\"600-11-22-33 \"]"),
            ("d", "name: Bo Yu\nphone: [\"+34 (600) 112233\", \"12345\"]"),
            ("e", "name: Cy Ho\nphone: [\"600112233\", \"12345\"]"),
        ]);
        let facts: Vec<(String, String)> = duplicates(&index).into_iter().map(|item| (item.name, item.fact)).collect();
        assert_eq!(
            facts,
            [
                (
                    "José Díaz / jose diaz".to_string(),
                    "José Díaz (People/a.md) and jose diaz (People/b.md) share email jose@x.org, name \"josediaz\""
                        .to_string()
                ),
                (
                    "José Díaz / Bo Yu".to_string(),
                    "José Díaz (People/a.md) and Bo Yu (People/d.md) share phone 34600112233".to_string()
                ),
                (
                    "Ann Lee / Cy Ho".to_string(),
                    "Ann Lee (People/c.md) and Cy Ho (People/e.md) share phone 600112233".to_string()
                ),
            ],
            "a phone number of under six digits is no evidence"
        );
    }
}
