//! Exports of the index for other tools: iCalendar reminders, the whole index as JSON, and one
//! CSV row per contact. Pure functions of (index, config, today): the output is deterministic,
//! so re-importing a calendar updates its events instead of duplicating them.

use crate::analysis::{due_date, next_due};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::model::birthday::Birthday;
use crate::model::contact::{ContactId, Interaction, Promise, Status};
use crate::note::tasks::Direction;
use crate::note::ShortString;
use chrono::{Datelike, Days, NaiveDate};
use icalendar::{Calendar, Component, EventLike, Property};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// The version of the JSON export's shape; bumped when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

/// FNV-1a, 64 bits: a tiny hash that is the same on every platform and in every version,
/// unlike `std`'s `DefaultHasher`. Used for calendar UIDs, which must never change.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

fn uid(kind: &str, key: &str) -> String {
    format!("rolo-{kind}-{:016x}@rolo", fnv1a(key.as_bytes()))
}

/// The UID of a contact's due-date reminder.
pub fn due_uid(path: &str) -> String {
    uid("due", path)
}

/// The UID of a contact's yearly birthday event.
pub fn birthday_uid(path: &str) -> String {
    uid("birthday", path)
}

/// The UID of a promise's reminder, for the contact whose note is at `contact_path`.
///
/// It must not change when the promise moves (lines added above it) or gets a new due
/// date, so that importing the calendar again updates the event: it is made of the contact,
/// the note holding the promise, its direction, its text, and `occurrence`, which tells
/// apart identical promises of one contact in one note (0 for the first). A promise that
/// links two contacts appears under each, with a UID of its own.
pub fn promise_uid(contact_path: &str, promise: &Promise, occurrence: usize) -> String {
    let direction = match promise.direction {
        Direction::IOwe => "i-owe",
        Direction::TheyOwe => "they-owe",
    };
    let key = [contact_path, &promise.path, direction, promise.text.as_str(), &occurrence.to_string()];
    uid("promise", &key.join("\u{0}"))
}

/// One calendar entry before it becomes a VEVENT.
struct Entry {
    start: NaiveDate,
    uid: String,
    summary: String,
    description: String,
    rrule: Option<&'static str>,
    categories: &'static str,
}

/// The date a birthday falls on in `year` (Feb 29 falls on Feb 28 in other years).
fn birthday_in(birthday: &Birthday, year: i32) -> Option<NaiveDate> {
    let month = birthday.month.clamp(1, 12);
    (1..=birthday.day.clamp(1, 31)).rev().find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

fn entries(index: &Index, today: NaiveDate) -> Vec<Entry> {
    let mut out = Vec::new();
    for c in &index.contacts {
        let note = format!("Note: {}", c.path);
        if c.is_active() {
            if let Some(due) = due_date(index, c.id, today) {
                let cadence = c.tracked_cadence().map(|k| k.to_string()).unwrap_or_default();
                let last = index.last_contact(c.id, today).map_or("never".to_string(), |d| d.to_string());
                let late = if due < today { format!(" (was due {due})") } else { String::new() };
                out.push(Entry {
                    // A reminder in the past is never seen: overdue contacts are due today.
                    start: due.max(today),
                    uid: due_uid(&c.path),
                    summary: format!("Reach out to {}", c.name),
                    description: format!("Every {cadence}; last contact {last}{late}.\n{note}"),
                    rrule: None,
                    categories: "rolo,due",
                });
            }
        }
        if c.status != Status::Archived {
            let mut seen: HashMap<(&str, Direction, &str), usize> = HashMap::new();
            for p in index.promises[c.id].iter().filter(|p| !p.done) {
                let Some(due) = p.due else { continue };
                let occurrence = seen.entry((&*p.path, p.direction, p.text.as_str())).or_default();
                let summary = match p.direction {
                    Direction::IOwe => format!("Promised {}: {}", c.name, p.text),
                    Direction::TheyOwe => format!("{} owes you: {}", c.name, p.text),
                };
                out.push(Entry {
                    start: due,
                    uid: promise_uid(&c.path, p, *occurrence),
                    summary,
                    description: format!("Due {due}.\nNote: {}, line {}", p.path, p.line),
                    rrule: None,
                    categories: "rolo,promise",
                });
                *occurrence += 1;
            }
            if let Some(b) = c.birthday {
                // Without a year, the series starts this year; Feb 29 lands on the last day
                // of February every year.
                let year = b.year.unwrap_or(today.year());
                let leap_day = b.month == 2 && b.day == 29;
                if let Some(start) = birthday_in(&b, year) {
                    out.push(Entry {
                        start,
                        uid: birthday_uid(&c.path),
                        summary: format!("{}'s birthday", c.name),
                        description: note.clone(),
                        rrule: Some(if leap_day { "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1" } else { "FREQ=YEARLY" }),
                        categories: "rolo,birthday",
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| (a.start, &a.uid).cmp(&(b.start, &b.uid)));
    out
}

/// The iCalendar file: an all-day event for each active contact's next due date (overdue
/// contacts on `today`), each open promise with a due date, and yearly birthdays.
pub fn ics(index: &Index, today: NaiveDate) -> String {
    let stamp = today.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new("PRODID", "-//rolo//rolo//EN"))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("X-WR-CALNAME", "rolo"));
    for e in entries(index, today) {
        let mut event = icalendar::Event::new();
        event
            .uid(&e.uid)
            .timestamp(stamp)
            .summary(&e.summary)
            .description(&e.description)
            .add_property("CATEGORIES", e.categories)
            .add_property("TRANSP", "TRANSPARENT")
            .starts(e.start)
            .ends(e.start.checked_add_days(Days::new(1)).unwrap_or(e.start));
        if let Some(rule) = e.rrule {
            event.add_property("RRULE", rule);
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// One contact in the JSON export.
#[derive(Debug, Serialize)]
pub struct ContactExport<'a> {
    /// Display name.
    pub name: &'a str,
    /// Vault-relative path.
    pub path: &'a str,
    /// File stem.
    pub stem: &'a str,
    /// Other names.
    pub aliases: &'a [String],
    /// Circle.
    pub circle: Option<&'a str>,
    /// The cadence in force (own, else the circle's).
    pub cadence: Option<String>,
    /// The cadence written in the note itself.
    pub own_cadence: Option<String>,
    /// active, paused or archived.
    pub status: Status,
    /// Tags without `#`.
    pub tags: &'a [ShortString],
    /// Company.
    pub company: Option<&'a str>,
    /// Role.
    pub role: Option<&'a str>,
    /// Email addresses.
    pub emails: &'a [String],
    /// Phone numbers.
    pub phones: &'a [ShortString],
    /// City.
    pub city: Option<&'a str>,
    /// Preferred channels.
    pub channels: &'a [ShortString],
    /// When you met.
    pub met: Option<NaiveDate>,
    /// Where or how.
    pub met_at: Option<&'a str>,
    /// Who introduced you, as written.
    pub introduced_by: &'a [String],
    /// Who introduced you, resolved to contact paths.
    pub introducers: Vec<&'a str>,
    /// Interests.
    pub interests: &'a [ShortString],
    /// Needs.
    pub needs: &'a [String],
    /// Offers.
    pub offers: &'a [String],
    /// Birthday, `YYYY-MM-DD` or `MM-DD`.
    pub birthday: Option<Birthday>,
    /// `last_contact` as written.
    pub last_contact_field: Option<NaiveDate>,
    /// Last contact on or before today (field or interactions).
    pub last_contact: Option<NaiveDate>,
    /// Next due date (active contacts with a cadence).
    pub next_due: Option<NaiveDate>,
    /// Other properties.
    pub other_fields: &'a BTreeMap<String, serde_json::Value>,
    /// The front matter could not be read.
    pub front_broken: bool,
    /// Contacts this note links to (paths).
    pub links: Vec<&'a str>,
    /// Contacts linking here (paths).
    pub backlinks: Vec<&'a str>,
    /// Interactions, oldest first.
    pub interactions: &'a [Interaction],
    /// Promises, open and done, in file order.
    pub promises: &'a [Promise],
}

/// A person mentioned in notes who has no note yet.
#[derive(Debug, Serialize)]
pub struct MissingExport<'a> {
    /// The name as first written.
    pub name: &'a str,
    /// Where they came up.
    pub mentions: Vec<MentionExport<'a>>,
}

/// One mention of a missing person.
#[derive(Debug, Serialize)]
pub struct MentionExport<'a> {
    /// The date of the entry.
    pub date: NaiveDate,
    /// The note.
    pub path: &'a str,
    /// The line.
    pub line: usize,
}

/// The whole JSON export.
#[derive(Debug, Serialize)]
pub struct IndexExport<'a> {
    /// The shape's version ([`JSON_VERSION`]).
    pub version: u32,
    /// The date last contacts and due dates were computed for.
    pub today: NaiveDate,
    /// Number of notes read.
    pub notes_read: usize,
    /// Every contact, in path order.
    pub contacts: Vec<ContactExport<'a>>,
    /// People mentioned who have no note.
    pub missing_people: Vec<MissingExport<'a>>,
    /// Every problem found while reading.
    pub diagnostics: &'a [Diagnostic],
}

fn paths<'a>(index: &'a Index, ids: impl IntoIterator<Item = &'a ContactId>) -> Vec<&'a str> {
    ids.into_iter().map(|&i| index.contact(i).path.as_str()).collect()
}

/// The whole index as one serializable value.
pub fn index_export<'a>(index: &'a Index, _config: &Config, today: NaiveDate) -> IndexExport<'a> {
    let contacts = index
        .contacts
        .iter()
        .map(|c| ContactExport {
            name: &c.name,
            path: &c.path,
            stem: &c.stem,
            aliases: &c.aliases,
            circle: c.circle.as_deref(),
            cadence: c.cadence.map(|k| k.to_string()),
            own_cadence: c.own_cadence.map(|k| k.to_string()),
            status: c.status,
            tags: &c.tags,
            company: c.company.as_deref(),
            role: c.role.as_deref(),
            emails: &c.emails,
            phones: &c.phones,
            city: c.city.as_deref(),
            channels: &c.channels,
            met: c.met,
            met_at: c.met_at.as_deref(),
            introduced_by: &c.introduced_by,
            introducers: paths(index, &index.introducers[c.id]),
            interests: &c.interests,
            needs: &c.needs,
            offers: &c.offers,
            birthday: c.birthday,
            last_contact_field: c.last_contact_field,
            last_contact: index.last_contact(c.id, today),
            next_due: next_due(index, c.id, today),
            other_fields: &c.extra,
            front_broken: c.front_broken,
            links: paths(index, &index.links[c.id]),
            backlinks: paths(index, &index.backlinks[c.id]),
            interactions: &index.interactions[c.id],
            promises: &index.promises[c.id],
        })
        .collect();
    let missing_people = index
        .missing_people
        .values()
        .map(|m| MissingExport {
            name: &m.name,
            mentions: m
                .mentions
                .iter()
                .map(|(date, path, line)| MentionExport { date: *date, path, line: *line })
                .collect(),
        })
        .collect();
    IndexExport {
        version: JSON_VERSION,
        today,
        notes_read: index.notes_read,
        contacts,
        missing_people,
        diagnostics: &index.diagnostics,
    }
}

/// The JSON export as pretty-printed text, ending in a newline.
pub fn json(index: &Index, config: &Config, today: NaiveDate) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(&index_export(index, config, today))?;
    text.push('\n');
    Ok(text)
}

/// The CSV columns, in order.
pub const CSV_HEADER: [&str; 13] = [
    "name",
    "path",
    "circle",
    "cadence",
    "status",
    "email",
    "phone",
    "company",
    "role",
    "city",
    "last_contact",
    "next_due",
    "tags",
];

/// One row per contact; lists (emails, phones, tags) are joined with `;`.
pub fn csv(index: &Index, today: NaiveDate) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    let text = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for c in &index.contacts {
        writer.write_record(
            [
                c.name.clone(),
                c.path.clone(),
                c.circle.as_deref().unwrap_or_default().to_string(),
                c.cadence.map(|k| k.to_string()).unwrap_or_default(),
                c.status.to_string(),
                c.emails.join(";"),
                c.phones.join(";"),
                c.company.as_deref().unwrap_or_default().to_string(),
                c.role.as_deref().unwrap_or_default().to_string(),
                c.city.as_deref().unwrap_or_default().to_string(),
                text(index.last_contact(c.id, today)),
                text(next_due(index, c.id, today)),
                c.tags.join(";"),
            ]
            .map(|cell| defuse_formula(&cell)),
        )?;
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR at the
/// start) gets a leading `'`, the usual guard against CSV formula injection. Phone numbers
/// such as `+44 ...` are kept readable the same way.
fn defuse_formula(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_defused() {
        assert_eq!(defuse_formula("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse_formula("Ana"), "Ana");
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn leap_day_birthdays_fall_on_february_28_in_other_years() {
        let b = Birthday { month: 2, day: 29, year: None };
        assert_eq!(birthday_in(&b, 2026), NaiveDate::from_ymd_opt(2026, 2, 28));
        assert_eq!(birthday_in(&b, 2028), NaiveDate::from_ymd_opt(2028, 2, 29));
    }
}
