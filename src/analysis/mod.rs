//! Pure functions of (index, config, today) that answer the questions rolo exists for.

pub mod audit;
pub mod graph;
pub mod intros;
pub mod overdue;
pub mod terms;
pub mod who;

use crate::index::Index;
use crate::model::contact::ContactId;
use chrono::NaiveDate;

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

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}
