//! Looking things up: `rolo list`, `rolo show`, `rolo who`.

use super::output::{cell, print_json, table};
use super::Session;
use crate::analysis::{next_due, overdue::open_promises, who::who as find_who};
use crate::cli::{ListArgs, ShowArgs, WhoArgs};
use crate::diagnostic::Diagnostic;
use crate::index::Index;
use crate::model::contact::{ContactId, Interaction, Promise, Status};
use crate::note::tasks::Direction;
use crate::note::ShortString;
use crate::{exit, text};
use anyhow::{bail, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One row of `rolo list --json`.
#[derive(Debug, Serialize)]
pub struct ListRow {
    name: String,
    path: String,
    circle: Option<ShortString>,
    cadence: Option<String>,
    cadence_days: Option<u32>,
    status: Status,
    last_contact: Option<NaiveDate>,
    next_due: Option<NaiveDate>,
}

fn list_row(index: &Index, id: ContactId, today: NaiveDate) -> ListRow {
    let c = index.contact(id);
    ListRow {
        name: c.name.clone(),
        path: c.path.clone(),
        circle: c.circle.clone(),
        cadence: c.cadence.map(|k| k.to_string()),
        cadence_days: c.tracked_cadence().and_then(|k| k.approx_days()),
        status: c.status,
        last_contact: index.last_contact(id, today),
        next_due: next_due(index, id, today),
    }
}

/// Every contact, filtered by circle or tag, sorted by name.
pub fn list(session: &Session, args: &ListArgs) -> Result<u8> {
    let index = session.index();
    session.report_problems(&index.diagnostics);
    let mut ids: Vec<ContactId> = index
        .contacts
        .iter()
        .filter(|c| args.circle.as_ref().is_none_or(|k| c.circle.as_ref().is_some_and(|x| x.eq_ignore_ascii_case(k))))
        .filter(|c| {
            args.tag.as_ref().is_none_or(|t| c.tags.iter().any(|x| x.eq_ignore_ascii_case(t.trim_start_matches('#'))))
        })
        .map(|c| c.id)
        .collect();
    ids.sort_by_cached_key(|&id| (text::fold(&index.contact(id).name), index.contact(id).path.clone()));
    let rows: Vec<ListRow> = ids.iter().map(|&id| list_row(&index, id, session.today)).collect();
    if rows.is_empty() {
        if let Some(hint) = no_match_hint(&index, args) {
            session.say(hint);
        }
    }
    if args.json {
        print_json(&rows)?;
        return Ok(exit::SUCCESS);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                cell(r.circle.as_ref()),
                cell(r.cadence.as_ref()),
                r.status.to_string(),
                cell(r.last_contact),
                cell(r.next_due),
            ]
        })
        .collect();
    print!("{}", table(&["NAME", "CIRCLE", "CADENCE", "STATUS", "LAST CONTACT", "NEXT DUE"], &cells));
    Ok(exit::SUCCESS)
}

/// Why a filtered list is empty, so that a mistyped circle or tag is not mistaken for an
/// empty one: the circles in use, or that no contact has the tag.
fn no_match_hint(index: &Index, args: &ListArgs) -> Option<String> {
    if let Some(circle) = &args.circle {
        let mut known: Vec<&str> = index.contacts.iter().filter_map(|c| c.circle.as_deref()).collect();
        known.sort_unstable_by_key(|k| k.to_lowercase());
        known.dedup_by_key(|k| k.to_lowercase());
        if !known.iter().any(|k| k.eq_ignore_ascii_case(circle)) {
            let listed = if known.is_empty() { "none".to_string() } else { known.join(", ") };
            return Some(format!("no contact is in the circle {circle:?}; circles in use: {listed}"));
        }
    }
    let tag = args.tag.as_ref()?;
    let wanted = tag.trim_start_matches('#');
    let anyone = index.contacts.iter().any(|c| c.tags.iter().any(|t| t.eq_ignore_ascii_case(wanted)));
    Some(match (&args.circle, anyone) {
        (Some(circle), true) => format!("no contact in the circle {circle:?} has the tag {tag:?}"),
        _ => format!("no contact has the tag {tag:?}; check its spelling (`rolo show NAME` lists a contact's tags)"),
    })
}

/// Everything about one contact, for `rolo show --json`.
#[derive(Debug, Serialize)]
pub struct ContactView {
    name: String,
    path: String,
    aliases: Vec<String>,
    circle: Option<ShortString>,
    cadence: Option<String>,
    status: Status,
    tags: Vec<ShortString>,
    company: Option<ShortString>,
    role: Option<ShortString>,
    email: Vec<String>,
    phone: Vec<ShortString>,
    city: Option<ShortString>,
    channels: Vec<ShortString>,
    met: Option<NaiveDate>,
    met_at: Option<String>,
    introduced_by: Vec<String>,
    birthday: Option<String>,
    interests: Vec<ShortString>,
    needs: Vec<String>,
    offers: Vec<String>,
    last_contact: Option<NaiveDate>,
    next_due: Option<NaiveDate>,
    interactions: Vec<Interaction>,
    planned: Vec<Interaction>,
    you_owe: Vec<Promise>,
    they_owe: Vec<Promise>,
    linked_with: Vec<String>,
    other_fields: BTreeMap<String, serde_json::Value>,
}

fn view(index: &Index, id: ContactId, today: NaiveDate) -> ContactView {
    let c = index.contact(id);
    let (mut planned, mut interactions): (Vec<Interaction>, Vec<Interaction>) =
        index.interactions[id].iter().cloned().partition(|i| i.date > today);
    interactions.reverse();
    planned.sort_by_key(|i| i.date);
    let mut linked: Vec<String> = index.linked_with(id).into_iter().map(|o| index.contact(o).name.clone()).collect();
    linked.sort_by_cached_key(|n| text::fold(n));
    ContactView {
        name: c.name.clone(),
        path: c.path.clone(),
        aliases: c.aliases.clone(),
        circle: c.circle.clone(),
        cadence: c.cadence.map(|k| k.to_string()),
        status: c.status,
        tags: c.tags.clone(),
        company: c.company.clone(),
        role: c.role.clone(),
        email: c.emails.clone(),
        phone: c.phones.clone(),
        city: c.city.clone(),
        channels: c.channels.clone(),
        met: c.met,
        met_at: c.met_at.clone(),
        introduced_by: index.introducers[id].iter().map(|&i| index.contact(i).name.clone()).collect(),
        birthday: c.birthday.map(|b| b.to_string()),
        interests: c.interests.clone(),
        needs: c.needs.clone(),
        offers: c.offers.clone(),
        last_contact: index.last_contact(id, today),
        next_due: next_due(index, id, today),
        interactions,
        planned,
        you_owe: open_promises(index, id, Direction::IOwe, today),
        they_owe: open_promises(index, id, Direction::TheyOwe, today),
        linked_with: linked,
        other_fields: c.extra.clone(),
    }
}

/// One contact, all of it.
pub fn show(session: &Session, args: &ShowArgs) -> Result<u8> {
    let index = session.index();
    let id = session.resolve(&index, &args.name)?;
    let v = view(&index, id, session.today);
    if args.json {
        print_json(&v)?;
        return Ok(exit::SUCCESS);
    }
    print!("{}", show_text(&v));
    let shown = |d: &&Diagnostic| d.is_error() || session.verbosity != super::Verbosity::Quiet;
    for d in index.diagnostics.iter().filter(|d| d.path == v.path).filter(shown) {
        eprintln!("{d}");
    }
    Ok(exit::SUCCESS)
}

fn show_text(v: &ContactView) -> String {
    let mut out = format!("{}  ({})\n", v.name, v.path);
    let mut field = |label: &str, value: String| {
        if !value.is_empty() {
            out.push_str(&format!("  {label:<14}{value}\n"));
        }
    };
    field("aliases", v.aliases.join(", "));
    field("circle", v.circle.as_deref().unwrap_or_default().to_string());
    field("cadence", v.cadence.clone().unwrap_or_default());
    field("status", v.status.to_string());
    field("company", v.company.as_deref().unwrap_or_default().to_string());
    field("role", v.role.as_deref().unwrap_or_default().to_string());
    field("email", v.email.join(", "));
    field("phone", v.phone.join(", "));
    field("city", v.city.as_deref().unwrap_or_default().to_string());
    field("channels", v.channels.join(", "));
    field("met", v.met.map(|d| d.to_string()).unwrap_or_default());
    field("met at", v.met_at.clone().unwrap_or_default());
    field("introduced by", v.introduced_by.join(", "));
    field("birthday", v.birthday.clone().unwrap_or_default());
    field("tags", v.tags.join(", "));
    field("interests", v.interests.join(", "));
    field("needs", v.needs.join(", "));
    field("offers", v.offers.join(", "));
    field("last contact", v.last_contact.map(|d| d.to_string()).unwrap_or_else(|| "never".into()));
    field("next due", v.next_due.map(|d| d.to_string()).unwrap_or_default());
    field("linked with", v.linked_with.join(", "));
    for (k, value) in &v.other_fields {
        let shown = match value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        field(k, shown);
    }
    if !v.you_owe.is_empty() || !v.they_owe.is_empty() {
        out.push_str("\nPromises\n");
        for p in &v.you_owe {
            out.push_str(&format!(
                "  you owe   {}{}\n",
                p.text,
                p.due.map(|d| format!(" (due {d})")).unwrap_or_default()
            ));
        }
        for p in &v.they_owe {
            out.push_str(&format!(
                "  they owe  {}{}\n",
                p.text,
                p.due.map(|d| format!(" (due {d})")).unwrap_or_default()
            ));
        }
    }
    if !v.planned.is_empty() {
        out.push_str("\nPlanned\n");
        for i in &v.planned {
            out.push_str(&format!("  {} {}\n", i.date, i.text));
        }
    }
    if !v.interactions.is_empty() {
        out.push_str("\nInteractions (newest first)\n");
        for i in &v.interactions {
            let arrow = match i.flow {
                crate::model::contact::Flow::Incoming => "<- ",
                crate::model::contact::Flow::Outgoing => "-> ",
                crate::model::contact::Flow::Mention => "   ",
            };
            let channel = i.channel.as_deref().map(|c| format!("#{c} ")).unwrap_or_default();
            out.push_str(&format!("  {} {arrow}{channel}{}\n", i.date, i.text));
        }
    }
    out
}

/// Who cares about a topic.
pub fn who(session: &Session, args: &WhoArgs) -> Result<u8> {
    let topic = args.topic.join(" ");
    if topic.trim().is_empty() {
        bail!("the topic is empty: give a word or phrase, e.g. `rolo who climbing`");
    }
    // Searching note text needs every note's text, which the cache does not keep.
    let index = session.index_with(crate::vault::CacheMode::Off);
    session.report_problems(&index.diagnostics);
    let mut matches = find_who(&index, &topic);
    matches.truncate(args.limit);
    if args.json {
        print_json(&matches)?;
    } else if matches.is_empty() {
        session.say(format!("nobody's note mentions {}", super::quoted(&topic)));
    } else {
        for m in &matches {
            println!("{}  ({})\n    {}", m.name, m.score, m.why.join("; "));
        }
    }
    Ok(exit::SUCCESS)
}
