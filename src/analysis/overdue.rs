//! Who to reach out to now: active contacts whose due date has come, most overdue relative to
//! their cadence first, each with a reason to get in touch and a channel to try.

use super::{days_between, due_date, terms::NeedsOffers};
use crate::config::Config;
use crate::index::Index;
use crate::model::contact::{Contact, ContactId, Promise};
use crate::note::tasks::Direction;
use chrono::NaiveDate;
use rayon::prelude::*;
use serde::Serialize;

/// One contact to reach out to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OverdueRow {
    /// Display name.
    pub name: String,
    /// Vault-relative note path.
    pub path: String,
    /// Circle, if any.
    pub circle: Option<String>,
    /// The cadence in force, e.g. `30d`.
    pub cadence: String,
    /// The cadence in days (months count as 30.4).
    pub cadence_days: u32,
    /// Last contact on or before today.
    pub last_contact: Option<NaiveDate>,
    /// The channel of the last logged interaction.
    pub last_channel: Option<String>,
    /// When contact was due.
    pub due: NaiveDate,
    /// Days past due (negative: due in the future, with `--within`).
    pub days_overdue: i64,
    /// Reasons to get in touch, most pressing first.
    pub reasons: Vec<String>,
    /// A channel to use, preferring one not used with them lately.
    pub suggested_channel: Option<String>,
    /// Open promises you owe them, overdue first.
    pub you_owe: Vec<Promise>,
}

/// Lists active contacts due on or before `today + within_days`, most urgent first.
pub fn overdue(index: &Index, _config: &Config, today: NaiveDate, within_days: u32) -> Vec<OverdueRow> {
    let horizon = super::days_after(today, within_days);
    let due: Vec<(ContactId, NaiveDate)> = index
        .contacts
        .par_iter()
        .filter(|c| c.is_active())
        .filter_map(|c| Some((c.id, due_date(index, c.id, today).filter(|due| *due <= horizon)?)))
        .collect();
    // Rows are large and there can be tens of thousands: they are built in place, in path
    // order (which reads the index in order), sorted as small keys, then moved once.
    let needs_offers = NeedsOffers::build(index);
    let rows: Vec<OverdueRow> =
        due.par_iter().map(|&(id, due)| row(index, &needs_offers, index.contact(id), due, today)).collect();
    let mut order: Vec<(f64, u32, usize)> = due
        .iter()
        .enumerate()
        .map(|(n, &(id, due))| (urgency(index.contact(id), due, today), index.name_rank(id), n))
        .collect();
    order.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut rows: Vec<Option<OverdueRow>> = rows.into_iter().map(Some).collect();
    order.into_iter().filter_map(|(_, _, n)| rows[n].take()).collect()
}

/// How overdue a contact is relative to their cadence: days late per cadence period.
fn urgency(contact: &Contact, due: NaiveDate, today: NaiveDate) -> f64 {
    days_between(due, today) as f64 / f64::from(cadence_days(contact))
}

/// The contact's cadence in days (months count as 30.4), at least 1.
fn cadence_days(contact: &Contact) -> u32 {
    contact.tracked_cadence().and_then(|c| c.approx_days()).unwrap_or(1).max(1)
}

fn row(index: &Index, needs_offers: &NeedsOffers, contact: &Contact, due: NaiveDate, today: NaiveDate) -> OverdueRow {
    let cadence = contact.tracked_cadence();
    let days_overdue = days_between(due, today);
    let last = index.last_interaction(contact.id, today);
    let you_owe = open_promises(index, contact.id, Direction::IOwe, today);
    OverdueRow {
        name: contact.name.clone(),
        path: contact.path.clone(),
        circle: contact.circle.as_deref().map(str::to_string),
        cadence: cadence.map(|c| c.to_string()).unwrap_or_default(),
        cadence_days: cadence_days(contact),
        last_contact: index.last_contact(contact.id, today),
        last_channel: last.and_then(|i| i.channel.as_deref().map(str::to_string)),
        due,
        days_overdue,
        reasons: reasons(index, needs_offers, contact, &you_owe, today),
        suggested_channel: suggest_channel(index, contact, today),
        you_owe,
    }
}

/// Open promises in one direction, overdue ones first, then by due date, undated last.
pub fn open_promises(index: &Index, id: ContactId, direction: Direction, today: NaiveDate) -> Vec<Promise> {
    let mut open: Vec<Promise> =
        index.promises[id].iter().filter(|p| !p.done && p.direction == direction).cloned().collect();
    open.sort_by_key(|p| (p.due.is_none_or(|d| d >= today), p.due.is_none(), p.due, p.line));
    open
}

fn reasons(
    index: &Index,
    needs_offers: &NeedsOffers,
    contact: &Contact,
    you_owe: &[Promise],
    today: NaiveDate,
) -> Vec<String> {
    let mut reasons: Vec<String> = you_owe.iter().map(|p| promise_reason("you owe them", p, today)).collect();
    if let Some(birthday) = contact.birthday {
        let next = birthday.next_on_or_after(today);
        let days = super::days_between(today, next);
        if days <= 30 {
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                d => format!("in {d} days"),
            };
            reasons.push(format!("birthday {when} ({})", next.format("%b %-d")));
        }
    }
    for p in open_promises(index, contact.id, Direction::TheyOwe, today) {
        reasons.push(promise_reason("they owe you", &p, today));
    }
    for (need, helper, offer) in needs_offers.helpers_for(index, contact.id, 1).into_iter().take(2) {
        reasons.push(format!("needs {need}: {} offers {offer}", index.contact(helper).name));
    }
    if !contact.interests.is_empty() {
        let shown: Vec<&str> = contact.interests.iter().take(3).map(|i| i.as_str()).collect();
        reasons.push(format!("interested in {}", shown.join(", ")));
    }
    reasons
}

fn promise_reason(label: &str, promise: &Promise, today: NaiveDate) -> String {
    match promise.due {
        Some(due) if due < today => {
            format!("{label}: {} (due {due}, {} days late)", promise.text, days_between(due, today))
        }
        Some(due) => format!("{label}: {} (due {due})", promise.text),
        None => format!("{label}: {}", promise.text),
    }
}

/// One of the contact's preferred channels, the one used least recently (never used first).
pub fn suggest_channel(index: &Index, contact: &Contact, today: NaiveDate) -> Option<String> {
    let last_used = |channel: &str| {
        index.interactions[contact.id]
            .iter()
            .rev()
            .filter(|i| i.date <= today)
            .find(|i| i.channel.as_deref() == Some(channel))
            .map(|i| i.date)
    };
    // Stable: ties (e.g. several never used) keep the order the user wrote.
    contact.channels.iter().min_by_key(|c| last_used(c)).map(|c| c.to_string())
}
