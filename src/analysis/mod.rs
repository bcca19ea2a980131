//! Pure functions of (index, config, today) that answer the questions rolo exists for.

pub mod audit;
pub mod graph;
pub mod intros;
pub mod overdue;
pub mod terms;
pub mod who;

use crate::index::Index;
use crate::model::contact::ContactId;
use chrono::{Days, NaiveDate};

/// When a contact is next due: last contact + cadence; never contacted: met + cadence, or
/// today when `met` is unknown. `None` for contacts without a tracked cadence.
pub fn due_date(index: &Index, id: ContactId, today: NaiveDate) -> Option<NaiveDate> {
    let contact = index.contact(id);
    let cadence = contact.tracked_cadence()?;
    match index.last_contact(id, today).or(contact.met) {
        Some(since) => cadence.add_to(since),
        None => Some(today),
    }
}

/// The next due date shown for a contact: [`due_date`] for active contacts, none for paused
/// or archived ones (they get no reminders).
pub fn next_due(index: &Index, id: ContactId, today: NaiveDate) -> Option<NaiveDate> {
    if index.contact(id).is_active() {
        due_date(index, id, today)
    } else {
        None
    }
}

/// `days` days before `date`, or the earliest date there is when that is further back than
/// the calendar goes (a threshold from the config or the command line can be any size).
pub fn days_before(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MIN)
}

/// `days` days after `date`, or the latest date there is when that is further than the
/// calendar goes.
pub fn days_after(date: NaiveDate, days: u32) -> NaiveDate {
    date.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}
