//! The common output of every importer, and small helpers the parsers share.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// One contact read from an export, ready to become a Markdown note.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedPerson {
    /// Full display name, trimmed. May be empty only when `emails` is not.
    pub name: String,
    /// Email addresses as written, trimmed, de-duplicated case-insensitively.
    pub emails: Vec<String>,
    /// Phone numbers as written (trimmed, exact duplicates removed).
    pub phones: Vec<String>,
    /// Employer or organisation.
    pub company: Option<String>,
    /// Job title or position.
    pub role: Option<String>,
    /// Profile URLs (LinkedIn URL, vCard URL, website columns).
    pub urls: Vec<String>,
    /// `YYYY-MM-DD`, or `MM-DD` when the year is unknown.
    pub birthday: Option<String>,
    /// When the connection was made (LinkedIn "Connected On").
    #[serde(default, with = "met_serde")]
    pub met: Option<NaiveDate>,
    /// City (vCard ADR locality, CSV city column).
    pub city: Option<String>,
    /// Free-text notes.
    pub notes: Option<String>,
    /// Tags such as vCard CATEGORIES or Google labels (without `myContacts`).
    pub tags: Vec<String>,
    /// 1-based line where the record starts in the input, for messages.
    pub source_line: usize,
}

/// A record that was dropped, or a problem inside a record that was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// 1-based line where the record starts in the input.
    pub line: usize,
    /// Human-readable explanation, saying what to fix if anything.
    pub reason: String,
}

/// The result of parsing one export file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parsed {
    /// Records that became people.
    pub people: Vec<ImportedPerson>,
    /// Records that were dropped entirely, with the reason.
    pub skipped: Vec<Skipped>,
    /// Problems in records that were still imported (e.g. an unreadable date).
    pub warnings: Vec<Skipped>,
}

impl ImportedPerson {
    /// Creates an empty person whose record starts at `source_line`.
    pub fn at_line(source_line: usize) -> Self {
        Self { source_line, ..Self::default() }
    }

    /// Adds an email unless empty or already present (compared case-insensitively).
    pub fn add_email(&mut self, email: &str) {
        let email = email.trim();
        if !email.is_empty() && !self.emails.iter().any(|e| e.eq_ignore_ascii_case(email)) {
            self.emails.push(email.to_string());
        }
    }

    /// Adds a phone number unless empty or already present.
    pub fn add_phone(&mut self, phone: &str) {
        push_unique(&mut self.phones, phone);
    }

    /// Adds a URL unless empty or already present.
    pub fn add_url(&mut self, url: &str) {
        push_unique(&mut self.urls, url);
    }

    /// Adds a tag unless empty, one of Google's system labels (`* myContacts`, `* friends`...:
    /// they start with `* `), or already present. Google's `* starred` becomes `starred`.
    pub fn add_tag(&mut self, tag: &str) {
        let tag = tag.trim();
        let tag = match tag.strip_prefix("* ") {
            Some(system) if system.trim().eq_ignore_ascii_case("starred") => "starred",
            Some(_) => return,
            None => tag,
        };
        if tag.trim_start_matches('*').trim().eq_ignore_ascii_case("myContacts") {
            return;
        }
        push_unique(&mut self.tags, tag);
    }

    /// True when the record has neither a name nor an email and must be skipped.
    pub fn is_empty_identity(&self) -> bool {
        self.name.trim().is_empty() && self.emails.is_empty()
    }
}

/// Pushes `value` trimmed unless it is empty or already present.
fn push_unique(list: &mut Vec<String>, value: &str) {
    let value = value.trim();
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// Returns `Some(trimmed)` when the value has any non-whitespace content.
pub(crate) fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Joins name parts with single spaces, ignoring empty ones.
pub(crate) fn join_name<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Apple Contacts' placeholder year for birthdays without a year.
const APPLE_NO_YEAR: i32 = 1604;

/// Formats a birthday from parts, validating the calendar date.
///
/// `year` of `None` or Apple's placeholder 1604 gives `MM-DD`.
pub(crate) fn format_birthday(year: Option<i32>, month: u32, day: u32) -> Option<String> {
    match year {
        Some(y) if y != APPLE_NO_YEAR => {
            let d = NaiveDate::from_ymd_opt(y, month, day)?;
            Some(format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()))
        }
        _ => {
            // 2000 is a leap year, so 02-29 is accepted.
            NaiveDate::from_ymd_opt(2000, month, day)?;
            Some(format!("{month:02}-{day:02}"))
        }
    }
}

/// Normalises a birthday as found in vCard or CSV exports.
///
/// Accepts `1985-04-12`, `19850412`, `--0412`, `--04-12`, `04-12`, an
/// optional time part after `T`, and Apple's placeholder year 1604.
/// Returns `None` when the text is not one of those shapes or not a real date.
pub(crate) fn normalize_birthday(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let date = raw.split(['T', 't', ' ']).next().unwrap_or(raw);
    let year_part = date.get(..4).filter(|y| date.len() >= 8 && y.bytes().all(|b| b.is_ascii_digit()));
    let (year, rest) = if let Some(rest) = date.strip_prefix("--") {
        (None, rest)
    } else if let (Some(y), Some(tail)) = (year_part, date.get(4..)) {
        (y.parse::<i32>().ok(), tail.strip_prefix('-').unwrap_or(tail))
    } else {
        (None, date)
    };
    let digits: String = rest.chars().filter(|c| *c != '-').collect();
    let dash_ok = rest.len() == 4 || (rest.len() == 5 && rest.as_bytes().get(2) == Some(&b'-'));
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) || !dash_ok {
        return None;
    }
    let month = digits.get(..2)?.parse().ok()?;
    let day = digits.get(2..)?.parse().ok()?;
    format_birthday(year, month, day)
}

/// Serde support for `Option<NaiveDate>` as `YYYY-MM-DD` without chrono's serde feature.
mod met_serde {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Serialises the date as `YYYY-MM-DD`, or `None` as null.
    pub fn serialize<S: Serializer>(value: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads an optional `YYYY-MM-DD` string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        let raw: Option<String> = Option::deserialize(d)?;
        raw.map(|s| s.parse().map_err(serde::de::Error::custom)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_deduplicated_case_insensitively_keeping_first_spelling() {
        let mut p = ImportedPerson::at_line(1);
        p.add_email(" Ana@Example.com ");
        p.add_email("ana@example.com");
        p.add_email("");
        assert_eq!(p.emails, vec!["Ana@Example.com"]);
    }

    #[test]
    fn my_contacts_tag_is_dropped() {
        let mut p = ImportedPerson::at_line(1);
        p.add_tag("* myContacts");
        p.add_tag("myContacts");
        p.add_tag("Friends");
        assert_eq!(p.tags, vec!["Friends"]);
    }

    #[test]
    fn google_system_labels_are_dropped_but_starred_is_kept() {
        let mut p = ImportedPerson::at_line(1);
        for label in ["* myContacts", "* starred", "* friends", "* coworkers", "Family", "starred"] {
            p.add_tag(label);
        }
        assert_eq!(p.tags, vec!["starred", "Family"]);
    }

    #[test]
    fn birthday_shapes_are_normalised() {
        assert_eq!(normalize_birthday("1985-04-12").as_deref(), Some("1985-04-12"));
        assert_eq!(normalize_birthday("19850412").as_deref(), Some("1985-04-12"));
        assert_eq!(normalize_birthday("--0412").as_deref(), Some("04-12"));
        assert_eq!(normalize_birthday("--04-12").as_deref(), Some("04-12"));
        assert_eq!(normalize_birthday("1985-04-12T00:00:00Z").as_deref(), Some("1985-04-12"));
    }

    #[test]
    fn apple_placeholder_year_means_no_year() {
        assert_eq!(normalize_birthday("1604-04-12").as_deref(), Some("04-12"));
    }

    #[test]
    fn impossible_birthdays_are_rejected() {
        assert_eq!(normalize_birthday("1985-13-12"), None);
        assert_eq!(normalize_birthday("--02-30"), None);
        assert_eq!(normalize_birthday("April 12"), None);
        assert_eq!(normalize_birthday("é"), None);
    }

    #[test]
    fn leap_day_without_year_is_kept() {
        assert_eq!(normalize_birthday("--0229").as_deref(), Some("02-29"));
    }
}
