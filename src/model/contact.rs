//! What the user means: a contact, the interactions with them, and the promises between you.

use super::birthday::Birthday;
use super::cadence::Cadence;
use crate::note::tasks::Direction;
use crate::note::ShortString;
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::str::FromStr;
use std::sync::Arc;

/// A contact's position in [`crate::index::Index::contacts`].
pub type ContactId = usize;

/// Whether rolo should remind you about a contact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Tracked (the default).
    #[default]
    Active,
    /// Not now: no reminders, kept in lists.
    Paused,
    /// No longer relevant: no reminders.
    Archived,
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "active" | "" => Ok(Status::Active),
            "paused" | "pause" => Ok(Status::Paused),
            "archived" | "archive" | "inactive" => Ok(Status::Archived),
            other => Err(format!("unknown status {other:?}: use active, paused or archived")),
        }
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Status::Active => "active",
            Status::Paused => "paused",
            Status::Archived => "archived",
        })
    }
}

/// One person, as read from their note.
#[derive(Debug, Clone, Default)]
pub struct Contact {
    /// Position in the index.
    pub id: ContactId,
    /// Display name (`name`, else the file stem).
    pub name: String,
    /// Vault-relative path of the note.
    pub path: String,
    /// The note's file stem (what wikilinks usually point at).
    pub stem: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Which bucket.
    pub circle: Option<ShortString>,
    /// The contact's own cadence, if written in the note.
    pub own_cadence: Option<Cadence>,
    /// The cadence in force: own, else the circle's.
    pub cadence: Option<Cadence>,
    /// Active, paused or archived.
    pub status: Status,
    /// Tags without `#`.
    pub tags: Vec<ShortString>,
    /// Company.
    pub company: Option<ShortString>,
    /// Role.
    pub role: Option<ShortString>,
    /// Email addresses.
    pub emails: Vec<String>,
    /// Phone numbers as written.
    pub phones: Vec<ShortString>,
    /// City.
    pub city: Option<ShortString>,
    /// Preferred channels, lowercased.
    pub channels: Vec<ShortString>,
    /// When you met.
    pub met: Option<NaiveDate>,
    /// Where or how you met.
    pub met_at: Option<String>,
    /// Who introduced you, as written (link targets).
    pub introduced_by: Vec<String>,
    /// Interests.
    pub interests: Vec<ShortString>,
    /// What they need.
    pub needs: Vec<String>,
    /// What they offer.
    pub offers: Vec<String>,
    /// Birthday.
    pub birthday: Option<Birthday>,
    /// `last_contact` as written in the front matter.
    pub last_contact_field: Option<NaiveDate>,
    /// Unknown properties, kept for display.
    pub extra: BTreeMap<String, serde_json::Value>,
    /// The note's front matter could not be read: its properties are missing.
    pub front_broken: bool,
    /// The note's text, for full-text search.
    pub text: String,
}

impl Contact {
    /// Whether rolo reminds you about this contact at all.
    pub fn is_active(&self) -> bool {
        self.status == Status::Active
    }

    /// The cadence when it is a real interval (not `never`).
    pub fn tracked_cadence(&self) -> Option<Cadence> {
        self.cadence.filter(|c| *c != Cadence::Never)
    }
}

/// Who started an interaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// You reached out.
    Outgoing,
    /// They reached out (`<-`).
    Incoming,
    /// They were mentioned in a daily note or someone else's log: contact, direction unknown.
    Mention,
}

/// One touch with a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interaction {
    /// When.
    pub date: NaiveDate,
    /// Through which channel, if written.
    pub channel: Option<ShortString>,
    /// Who reached out.
    pub flow: Flow,
    /// What the entry says.
    pub text: ShortString,
    /// The note it was read from (shared by every entry of that note).
    pub path: Arc<str>,
    /// The line in that note.
    pub line: usize,
    /// An introduction you made.
    pub is_intro: bool,
}

/// Something promised between you and a contact (an open or done task).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promise {
    /// What was promised (without direction marker and due date).
    pub text: String,
    /// The task line's text as written, after the checkbox.
    #[serde(skip)]
    pub raw: String,
    /// Due date, if any.
    pub due: Option<NaiveDate>,
    /// Who owes whom.
    pub direction: Direction,
    /// Ticked.
    pub done: bool,
    /// The note holding the task (shared by every task of that note).
    pub path: Arc<str>,
    /// Its line.
    pub line: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_reads_case_insensitively() {
        assert_eq!("Archived".parse::<Status>(), Ok(Status::Archived));
        assert!("gone".parse::<Status>().is_err());
    }
}
