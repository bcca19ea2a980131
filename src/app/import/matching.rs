//! Who an imported record is: the same person as another record of the file (same name or
//! email), and which contact of the vault, if any (email, then profile URL, then name).

use super::Report;
use crate::import::ImportedPerson;
use crate::index::{email_key, Index, Resolution};
use crate::model::contact::ContactId;
use crate::text;
use std::collections::{BTreeSet, HashMap};

/// Merges records of the same person into the first of them. Two records are the same
/// person when they share a name or an email, directly or through other records (A and C
/// share a name, C and B an email: all three are one person). Groups keep the order of
/// their first records.
pub(super) fn merge_duplicates(people: Vec<ImportedPerson>, report: &mut Report) -> Vec<ImportedPerson> {
    let mut sets = DisjointSets::new(people.len());
    let mut first_with: HashMap<String, usize> = HashMap::new();
    for (i, person) in people.iter().enumerate() {
        for key in person_keys(person) {
            let first = *first_with.entry(key).or_insert(i);
            sets.union(first, i);
        }
    }
    let mut groups: Vec<ImportedPerson> = Vec::new();
    let mut group_of: HashMap<usize, usize> = HashMap::new();
    for (i, person) in people.into_iter().enumerate() {
        let root = sets.find(i);
        let Some(&at) = group_of.get(&root) else {
            group_of.insert(root, groups.len());
            groups.push(person);
            continue;
        };
        let first = &mut groups[at];
        report.merged += 1;
        report.note(
            person.source_line,
            format!("same person as line {} ({}); merged into one note", first.source_line, first.name),
        );
        merge_into(first, person);
    }
    groups
}

/// Union-find over record indices `0..n`, with path halving.
struct DisjointSets {
    parent: Vec<usize>,
}

impl DisjointSets {
    fn new(n: usize) -> Self {
        DisjointSets { parent: (0..n).collect() }
    }

    /// The representative of `i`'s set.
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Puts `a` and `b` in one set, represented by the smaller representative.
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        let (low, high) = if a < b { (a, b) } else { (b, a) };
        self.parent[high] = low;
    }
}

/// The keys that identify a person inside one file: the name and each email.
fn person_keys(p: &ImportedPerson) -> Vec<String> {
    std::iter::once(format!("name:{}", text::key(&p.name)))
        .chain(p.emails.iter().map(|e| format!("email:{}", email_key(e))))
        .collect()
}

/// Fills what `into` lacks from `other`; list values are united.
fn merge_into(into: &mut ImportedPerson, other: ImportedPerson) {
    other.emails.iter().for_each(|e| into.add_email(e));
    other.phones.iter().for_each(|p| into.add_phone(p));
    for url in &other.urls {
        if !into.urls.iter().any(|u| normalize_url(u) == normalize_url(url)) {
            into.add_url(url);
        }
    }
    other.tags.iter().for_each(|t| into.add_tag(t));
    fill(&mut into.company, other.company);
    fill(&mut into.role, other.role);
    fill(&mut into.birthday, other.birthday);
    fill(&mut into.city, other.city);
    fill(&mut into.notes, other.notes);
    if into.met.is_none() {
        into.met = other.met;
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Normalises a profile URL for comparison: lowercase, no scheme, no `www.`, no trailing `/`.
pub(super) fn normalize_url(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, rest)| rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// The `url` and `linkedin` properties of a contact, normalised.
pub(super) fn contact_urls(index: &Index, id: ContactId) -> Vec<String> {
    let c = index.contact(id);
    let mut urls = Vec::new();
    for key in ["url", "linkedin"] {
        match c.extra.get(key) {
            Some(serde_json::Value::String(s)) => urls.push(normalize_url(s)),
            Some(serde_json::Value::Array(items)) => {
                urls.extend(items.iter().filter_map(|v| v.as_str()).map(normalize_url));
            }
            _ => {}
        }
    }
    urls.retain(|u| !u.is_empty());
    urls
}

/// Finds the existing contact a record belongs to.
pub(super) struct Matcher {
    by_email: HashMap<String, Vec<ContactId>>,
    by_url: HashMap<String, Vec<ContactId>>,
}

impl Matcher {
    pub(super) fn new(index: &Index) -> Self {
        let mut by_url: HashMap<String, Vec<ContactId>> = HashMap::new();
        for c in &index.contacts {
            for url in contact_urls(index, c.id) {
                let ids = by_url.entry(url).or_default();
                if !ids.contains(&c.id) {
                    ids.push(c.id);
                }
            }
        }
        Matcher { by_email: index.contacts_by_email(), by_url }
    }

    /// `Ok(None)` for a new person; `Err` explains an ambiguous match.
    pub(super) fn find(&self, index: &Index, p: &ImportedPerson) -> Result<Option<ContactId>, String> {
        let describe = |ids: &BTreeSet<ContactId>| {
            ids.iter().map(|&id| index.contact(id).path.clone()).collect::<Vec<_>>().join(", ")
        };
        let emails: BTreeSet<ContactId> =
            p.emails.iter().filter_map(|e| self.by_email.get(&email_key(e))).flatten().copied().collect();
        if emails.len() > 1 {
            return Err(format!(
                "its emails belong to several contacts ({}); merge those notes or fix the emails, then import again",
                describe(&emails)
            ));
        }
        if let Some(&id) = emails.first() {
            return Ok(Some(id));
        }
        let urls: BTreeSet<ContactId> =
            p.urls.iter().filter_map(|u| self.by_url.get(&normalize_url(u))).flatten().copied().collect();
        if urls.len() > 1 {
            return Err(format!(
                "its profile URL belongs to several contacts ({}); merge those notes, then import again",
                describe(&urls)
            ));
        }
        if let Some(&id) = urls.first() {
            return Ok(Some(id));
        }
        match index.resolve_name(&p.name) {
            Resolution::Contact(id) => Ok(Some(id)),
            Resolution::Ambiguous(ids) => Err(format!(
                "the name matches several contacts ({}); give them different names or add an email to their notes, then import again",
                describe(&ids.into_iter().collect())
            )),
            Resolution::Note | Resolution::Missing => Ok(None),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn person(line: usize, name: &str, email: &str) -> ImportedPerson {
        let mut p = ImportedPerson::at_line(line);
        p.name = name.to_string();
        p.add_email(email);
        p
    }

    #[test]
    fn records_linked_through_another_record_merge_into_one() {
        let people = vec![
            person(2, "Pat Alpha", "alpha@x.test"),
            person(3, "Bob Beta", "shared@x.test"),
            person(4, "Cy Other", "cy@x.test"),
            person(5, "Pat Alpha", "SHARED@x.test"),
        ];
        let mut report = Report::default();
        let groups = merge_duplicates(people, &mut report);
        let names: Vec<(&str, &[String])> = groups.iter().map(|p| (p.name.as_str(), p.emails.as_slice())).collect();
        assert_eq!(
            names,
            vec![
                ("Pat Alpha", &["alpha@x.test".to_string(), "shared@x.test".to_string()][..]),
                ("Cy Other", &["cy@x.test".to_string()][..])
            ]
        );
        assert_eq!(report.merged, 2);
        assert_eq!(
            report.lines,
            vec![
                (3, "same person as line 2 (Pat Alpha); merged into one note".to_string()),
                (5, "same person as line 2 (Pat Alpha); merged into one note".to_string())
            ]
        );
    }

    #[test]
    fn urls_are_normalised() {
        assert_eq!(normalize_url("HTTPS://www.LinkedIn.com/in/Ana/"), "linkedin.com/in/ana");
        assert_eq!(normalize_url("linkedin.com/in/ana"), "linkedin.com/in/ana");
    }
}
