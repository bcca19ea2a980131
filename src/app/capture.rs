//! Capturing a touch from the terminal: `rolo log`, `add`, `promise`, `done`. Every change
//! goes through [`edit_note`]: read a snapshot, change only the intended lines, show the diff
//! on `--dry-run`, and write atomically only if the note did not change in the meantime.

use super::{Refused, Session};
use crate::cli::{AddArgs, DoneArgs, LogArgs, PromiseArgs};
use crate::edit::{self, EditError};
use crate::index::{email_key, Index, Resolution};
use crate::model::cadence::Cadence;
use crate::model::contact::ContactId;
use crate::model::date::parse_date;
use crate::note::fields::FIELD_ALIASES;
use crate::render::Renderer;
use crate::write::{self, FolderProblem};
use crate::{exit, text};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;

/// Applies `change` to the note at `rel` (vault-relative): prints the diff on dry runs,
/// otherwise writes atomically unless the file changed since it was read. Returns whether
/// anything changed.
pub fn edit_note(
    session: &Session,
    rel: &str,
    dry_run: bool,
    change: impl FnOnce(&str) -> Result<String>,
) -> Result<bool> {
    let path = session.config.vault.join(rel);
    let snapshot = edit::read_snapshot(&path)?;
    let old = snapshot.text().map_err(|e| e.in_file(&path))?;
    let new = change(old)?;
    if new == old {
        return Ok(false);
    }
    if dry_run {
        print!("{}", edit::unified_diff(rel, old, &new));
    } else {
        edit::replace_if_unchanged(&snapshot, new.as_bytes())?;
    }
    Ok(true)
}

fn one_line(what: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        bail!(Refused(format!("{what} is empty")));
    }
    if value.contains(['\n', '\r']) {
        bail!(Refused(format!("{what} must fit on one line")));
    }
    Ok(value.to_string())
}

fn date_arg(flag: &str, value: Option<&str>, default: NaiveDate) -> Result<NaiveDate> {
    match value {
        None => Ok(default),
        Some(v) => parse_date(v).with_context(|| format!("{flag} {v:?}")),
    }
}

/// Rejects a front matter edit on a note whose YAML rolo could not read.
pub fn require_front_matter(index: &Index, id: ContactId) -> Result<()> {
    let c = index.contact(id);
    if c.front_broken {
        let problem = index.diagnostics.iter().find(|d| d.path == c.path && d.is_error());
        let at = problem.map(|d| format!(": {d}")).unwrap_or_default();
        bail!(Refused(format!("the front matter of {} is broken{at}; fix it first, nothing was written", c.path)));
    }
    Ok(())
}

/// Sets `last_contact` (or the other tool's name for it) when the note has one and `date` is newer.
fn bump_last_contact(text: &str, date: NaiveDate) -> Result<String> {
    let Some(block) = edit::locate_front_matter(text)? else { return Ok(text.to_string()) };
    let keys = edit::top_level_keys(text, &block);
    let names: Vec<&str> = std::iter::once("last_contact")
        .chain(FIELD_ALIASES.iter().filter(|(_, c)| *c == "last_contact").map(|(a, _)| *a))
        .collect();
    let Some(key) = names.iter().find_map(|n| keys.iter().find(|k| k.key == *n)) else { return Ok(text.to_string()) };
    let current = text[key.start..key.end]
        .split_once(':')
        .map(|(_, v)| v.trim().trim_matches(['"', '\'']))
        .and_then(|v| parse_date(v).ok());
    if current.is_some_and(|c| c >= date) {
        return Ok(text.to_string());
    }
    Ok(edit::set_field(text, &key.key, &date.to_string())?)
}

/// `rolo log`.
pub fn log(session: &Session, args: &LogArgs) -> Result<u8> {
    let index = session.index();
    let id = session.resolve(&index, &args.name)?;
    let date = date_arg("--date", args.date.as_deref(), session.today)?;
    let message = one_line("the message", &args.message.join(" "))?;
    let channel = match &args.via {
        Some(v) => Some(one_line("--via", v)?.trim_start_matches('#').replace(char::is_whitespace, "-").to_lowercase()),
        None => None,
    };
    let other = match &args.intro {
        Some(name) => {
            let other = session.resolve(&index, name)?;
            if other == id {
                bail!(Refused("--intro names the same person as NAME".into()));
            }
            Some(other)
        }
        None => None,
    };
    let mut tags: Vec<String> = channel.into_iter().map(|c| format!("#{c}")).collect();
    let mut body = message;
    if let Some(other) = other {
        tags.push("#intro".to_string());
        let (a, b) = (index.contact(id), index.contact(other));
        body = format!("{} and {}: {body}", text::wikilink(&a.name), text::wikilink(&b.name));
    }
    let arrow = if args.incoming { "<- " } else { "" };
    let tags = if tags.is_empty() { String::new() } else { format!("{} ", tags.join(" ")) };
    let entry = format!("- {date} {arrow}{tags}{body}");
    for target in std::iter::once(id).chain(other) {
        require_front_matter(&index, target)?;
    }
    for target in std::iter::once(id).chain(other) {
        let c = index.contact(target);
        let changed = edit_note(session, &c.path, args.dry_run, |old| {
            let with_entry = edit::insert_log_entry(old, &entry, date);
            if date > session.today {
                return Ok(with_entry);
            }
            bump_last_contact(&with_entry, date).map_err(|e| annotate(e, &c.path))
        })?;
        if changed && !args.dry_run {
            eprintln!("rolo: logged in {}", c.path);
        }
    }
    Ok(exit::SUCCESS)
}

fn annotate(error: anyhow::Error, path: &str) -> anyhow::Error {
    match error.downcast::<EditError>() {
        Ok(e) => e.in_file(Path::new(path)).into(),
        Err(e) => e,
    }
}

/// What the contact template receives.
#[derive(Debug, Default, Serialize)]
pub struct NewContact {
    /// Display name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Circle.
    pub circle: Option<String>,
    /// Cadence, canonical.
    pub cadence: Option<String>,
    /// Company.
    pub company: Option<String>,
    /// Role.
    pub role: Option<String>,
    /// Emails.
    pub emails: Vec<String>,
    /// Phones.
    pub phones: Vec<String>,
    /// City.
    pub city: Option<String>,
    /// When you met.
    pub met: Option<NaiveDate>,
    /// Where.
    pub met_at: Option<String>,
    /// Who introduced you (a contact's name).
    pub introduced_by: Option<String>,
    /// Birthday as `YYYY-MM-DD` or `MM-DD`.
    pub birthday: Option<String>,
    /// Profile URLs.
    pub urls: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Free text for the body.
    pub notes: Option<String>,
}

/// A file name that is safe on every system and inside the people folder.
fn file_name_for(name: &str) -> Result<String> {
    let cleaned: String = name
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' | '[' | ']' | '#' | '^') {
                '-'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    if cleaned.is_empty() {
        bail!(Refused(format!("{name:?} cannot be used as a file name")));
    }
    Ok(format!("{cleaned}.md"))
}

/// Refuses when a contact with this name, alias or one of these emails exists.
pub fn existing_contact(index: &Index, name: &str, emails: &[String]) -> Option<String> {
    let by_name = match index.resolve(name) {
        Resolution::Contact(id) => Some(id),
        Resolution::Ambiguous(ids) => ids.first().copied(),
        Resolution::Note | Resolution::Missing => None,
    };
    if let Some(id) = by_name {
        let c = index.contact(id);
        return Some(format!("{} ({}) already has the name or alias {name:?}", c.name, c.path));
    }
    let by_email = index.contacts_by_email();
    emails.iter().find_map(|e| {
        by_email.get(&email_key(e)).and_then(|ids| ids.first()).map(|&id| {
            let c = index.contact(id);
            format!("{} ({}) already has the email {e}", c.name, c.path)
        })
    })
}

/// Creates a contact note from the template; returns its vault-relative path.
pub fn create_contact(session: &Session, index: &Index, data: &NewContact, dry_run: bool) -> Result<String> {
    if let Some(clash) = existing_contact(index, &data.name, &data.emails) {
        bail!(Refused(format!("{clash}; nothing was written")));
    }
    let folder = session.config.people.first().cloned().unwrap_or_else(|| "People".to_string());
    let rel = format!("{folder}/{}", file_name_for(&data.name)?);
    let content = Renderer::new(&session.config.vault).render("contact.md.j2", data)?;
    check_people_folder(&session.config.vault, &folder, dry_run)?;
    if dry_run {
        print!("{}", edit::unified_diff(&rel, "", &content));
    } else {
        edit::create_new(&session.config.vault.join(&rel), content.as_bytes(), true)?;
    }
    Ok(rel)
}

/// Refuses a people folder that leads outside the vault (through a symlink), before anything
/// is written there. A real run creates the folder when missing; a dry run only checks the
/// nearest folder that exists.
fn check_people_folder(vault: &Path, folder: &str, dry_run: bool) -> Result<()> {
    let dir = vault.join(folder);
    let outside = |target: &Path| {
        Refused(format!(
            "{}: the people folder leads outside the vault ({}); nothing was written. \
             Point `people` in .rolo.toml at a folder inside the vault",
            dir.display(),
            target.display()
        ))
    };
    if dry_run {
        let existing = dir.ancestors().find(|p| p.exists()).unwrap_or(vault);
        if !write::is_inside_vault(vault, existing) {
            bail!(outside(&existing.canonicalize().unwrap_or_else(|_| existing.to_path_buf())));
        }
        return Ok(());
    }
    match write::create_inside_vault(vault, &dir) {
        Ok(()) => Ok(()),
        Err(FolderProblem::Outside(target)) => bail!(outside(&target)),
        Err(FolderProblem::Io(e)) => {
            bail!(
                "{}: cannot create the people folder: {e}; nothing was written. Check the vault's permissions",
                dir.display()
            )
        }
    }
}

/// `rolo add`.
pub fn add(session: &Session, args: &AddArgs) -> Result<u8> {
    let index = session.index();
    let name = one_line("the name", &args.name)?;
    let cadence = match &args.cadence {
        Some(c) => Some(c.parse::<Cadence>().with_context(|| format!("--cadence {c:?}"))?.to_string()),
        None => None,
    };
    if let Some(circle) = &args.circle {
        if !session.config.circles.contains_key(circle) && !session.config.circles.is_empty() {
            let known: Vec<&str> = session.config.circles.keys().map(String::as_str).collect();
            bail!(Refused(format!(
                "circle {circle:?} is not defined in .rolo.toml (known: {}); nothing was written",
                known.join(", ")
            )));
        }
    }
    let introduced_by = match &args.introduced_by {
        Some(n) => Some(index.contact(session.resolve(&index, n)?).name.clone()),
        None => None,
    };
    let met = args.met.as_deref().map(|m| parse_date(m).with_context(|| format!("--met {m:?}"))).transpose()?;
    let data = NewContact {
        name,
        circle: args.circle.clone(),
        cadence,
        company: args.company.clone(),
        role: args.role.clone(),
        emails: args.email.clone(),
        phones: args.phone.clone(),
        city: args.city.clone(),
        met,
        met_at: args.met_at.clone(),
        introduced_by,
        tags: args.tags.iter().map(|t| t.trim_start_matches('#').to_string()).collect(),
        ..NewContact::default()
    };
    let rel = create_contact(session, &index, &data, args.dry_run)?;
    if !args.dry_run {
        eprintln!("rolo: created {rel}");
    }
    Ok(exit::SUCCESS)
}

/// `rolo promise`.
pub fn promise(session: &Session, args: &PromiseArgs) -> Result<u8> {
    let index = session.index();
    let id = session.resolve(&index, &args.name)?;
    let what = one_line("the promise", &args.text.join(" "))?;
    let due = args.due.as_deref().map(|d| parse_date(d).with_context(|| format!("--due {d:?}"))).transpose()?;
    let owe = if args.they_owe { "owes me: " } else { "" };
    let due = due.map(|d| format!(" 📅 {d}")).unwrap_or_default();
    let line = format!("- [ ] {owe}{what}{due}");
    let c = index.contact(id);
    if edit_note(session, &c.path, args.dry_run, |old| Ok(edit::append_task(old, &line, "Promises")))? && !args.dry_run
    {
        eprintln!("rolo: promise added to {}", c.path);
    }
    Ok(exit::SUCCESS)
}

/// `rolo done`: ticks the matching open promise you owe and logs the follow-up.
pub fn done(session: &Session, args: &DoneArgs) -> Result<u8> {
    let index = session.index();
    let id = session.resolve(&index, &args.name)?;
    let c = index.contact(id);
    let prefix = text::fold(&args.prefix.join(" "));
    let open: Vec<_> = index.promises[id]
        .iter()
        .filter(|p| !p.done)
        .filter(|p| {
            prefix.is_empty() || text::fold(&p.text).starts_with(&prefix) || text::fold(&p.raw).starts_with(&prefix)
        })
        .collect();
    let promise = match open.as_slice() {
        [] => bail!(Refused(format!(
            "{} has no open promise{}",
            c.name,
            if prefix.is_empty() { String::new() } else { format!(" starting with {:?}", args.prefix.join(" ")) }
        ))),
        [one] => *one,
        many => {
            let list: Vec<String> = many.iter().map(|p| format!("  {} ({}:{})", p.text, p.path, p.line)).collect();
            bail!(Refused(format!(
                "{} has {} open promises; name one by the start of its text:\n{}",
                c.name,
                many.len(),
                list.join("\n")
            )))
        }
    };
    let today = session.today;
    let channel = args.via.as_deref().map(|v| format!("#{} ", v.trim_start_matches('#'))).unwrap_or_default();
    let entry = format!("- {today} {channel}done: {}", promise.text);
    let tick = |old: &str| -> Result<String> {
        let expected =
            edit::line_spans(old).get(promise.line - 1).map(|s| s.content(old).to_string()).unwrap_or_default();
        if !expected.contains(&promise.raw) {
            bail!(EditError::ChangedOnDisk { path: promise.path.to_string() });
        }
        Ok(edit::set_task_done(old, promise.line - 1, today).map_err(|e| e.in_file(Path::new(&*promise.path)))?)
    };
    if *promise.path == *c.path {
        edit_note(session, &c.path, args.dry_run, |old| {
            let ticked = tick(old)?;
            Ok(edit::insert_log_entry(&ticked, &entry, today))
        })?;
    } else {
        edit_note(session, &promise.path, args.dry_run, tick)?;
        edit_note(session, &c.path, args.dry_run, |old| Ok(edit::insert_log_entry(old, &entry, today)))?;
    }
    if !args.dry_run {
        eprintln!("rolo: ticked \"{}\" ({}:{}) and logged it in {}", promise.text, promise.path, promise.line, c.path);
    }
    Ok(exit::SUCCESS)
}
