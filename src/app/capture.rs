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
    let Some(pending) = plan_edit(session, rel, change)? else { return Ok(false) };
    pending.apply(&session.config.vault, dry_run)?;
    Ok(true)
}

/// A change to one note, computed but not yet written.
#[derive(Debug)]
struct PendingEdit {
    rel: String,
    snapshot: edit::Snapshot,
    new: String,
}

impl PendingEdit {
    /// Prints the diff on dry runs, otherwise writes atomically unless the note changed
    /// since it was read, and only inside `vault` (a note that is a link is written where it
    /// leads).
    fn apply(&self, vault: &Path, dry_run: bool) -> Result<()> {
        if dry_run {
            let old = self.snapshot.text().map_err(|e| e.in_file(self.snapshot.path()))?;
            print!("{}", edit::unified_diff(&self.rel, old, &self.new));
        } else {
            crate::write::replace_note(vault, &self.snapshot, self.new.as_bytes())?;
        }
        Ok(())
    }
}

/// Reads the note at `rel` and computes `change` on it, writing nothing; `None` when the
/// change leaves the note as it is.
fn plan_edit(session: &Session, rel: &str, change: impl FnOnce(&str) -> Result<String>) -> Result<Option<PendingEdit>> {
    let path = session.config.vault.join(rel);
    let snapshot = edit::read_snapshot(&path)?;
    let old = snapshot.text().map_err(|e| e.in_file(&path))?;
    let new = change(old).map_err(|e| annotate(e, rel))?;
    if new == old {
        return Ok(None);
    }
    Ok(Some(PendingEdit { rel: rel.to_string(), snapshot, new }))
}

/// Applies edits that were all computed first, in order. Returns the notes written; when
/// one fails after others were written, the error says which were and which were not.
fn apply_all<'e>(vault: &Path, edits: &'e [PendingEdit], dry_run: bool) -> Result<Vec<&'e str>> {
    let mut written = Vec::new();
    for pending in edits {
        if let Err(e) = pending.apply(vault, dry_run) {
            if written.is_empty() {
                return Err(e);
            }
            let done = written.join(", ");
            return Err(e.context(format!("{done} was already written, but {} was not", pending.rel)));
        }
        written.push(pending.rel.as_str());
    }
    Ok(written)
}

/// An argument that must be one non-empty line; anything else is a bad argument (exit 2).
fn one_line(what: &str, value: &str) -> Result<String> {
    let value = value.trim();
    if value.is_empty() {
        bail!("{what} is empty: give it on the command line");
    }
    if value.contains(['\n', '\r']) {
        bail!("{what} must fit on one line: remove its line breaks");
    }
    Ok(value.to_string())
}

/// The channel of `--via`, as the hashtag rolo writes: `#` dropped, words joined by `-`,
/// lowercased. Refuses what would not read back as that channel.
fn channel_arg(value: &str) -> Result<String> {
    let line = one_line("--via", value)?;
    let channel = line.trim_start_matches('#').split_whitespace().collect::<Vec<_>>().join("-").to_lowercase();
    if crate::note::body::hashtag(&format!("#{channel}")).as_deref() != Some(channel.as_str()) {
        bail!(
            "--via {value:?} cannot be a channel; nothing was written. Give a word that starts with a \
             letter and holds only letters, digits, `-`, `_` or `/`, such as `coffee` or `call`"
        );
    }
    Ok(channel)
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

/// Sets `last_contact` (or the other tool's name for it) when the note has one and `date` is
/// newer. A value rolo cannot read as a date is left alone, with a warning naming `path:line`.
fn bump_last_contact(text: &str, date: NaiveDate, path: &str) -> Result<String> {
    let Some(block) = edit::locate_front_matter(text)? else { return Ok(text.to_string()) };
    let keys = edit::top_level_keys(text, &block);
    let names: Vec<&str> = std::iter::once("last_contact")
        .chain(FIELD_ALIASES.iter().filter(|(_, c)| *c == "last_contact").map(|(a, _)| *a))
        .collect();
    let Some(key) = names.iter().find_map(|n| keys.iter().find(|k| k.key == *n)) else { return Ok(text.to_string()) };
    match last_contact_value(text, key) {
        LastContact::Empty => {}
        LastContact::Date(current) if current >= date => return Ok(text.to_string()),
        LastContact::Date(_) => {}
        LastContact::Unreadable(value) => {
            eprintln!(
                "{path}:{}: warning: `{}: {value}` is not a date rolo can read, so it was left as it is. \
                 Write it as YYYY-MM-DD to let `rolo log` keep it up to date",
                key.line + 1,
                key.key
            );
            return Ok(text.to_string());
        }
    }
    Ok(edit::set_field(text, &key.key, &date.to_string())?)
}

/// What a `last_contact` line holds.
#[derive(Debug, PartialEq, Eq)]
enum LastContact {
    /// Nothing (or `null`/`~`): safe to fill in.
    Empty,
    /// A date.
    Date(NaiveDate),
    /// Anything else, as written.
    Unreadable(String),
}

/// Reads the value of `key` with its quotes and trailing comment handled as the editor does.
fn last_contact_value(text: &str, key: &edit::KeySpan) -> LastContact {
    let spot = edit::frontmatter::value_spot(text, key);
    let raw = &text[spot.scalar_start..spot.end];
    if key.is_multi_line(text) {
        let value = text[key.colon_end..key.end].trim();
        return LastContact::Unreadable(value.replace(['\n', '\r'], " "));
    }
    if matches!(raw, "" | "~" | "null" | "Null" | "NULL") {
        return LastContact::Empty;
    }
    match parse_date(&edit::frontmatter::unquote(raw)) {
        Ok(date) => LastContact::Date(date),
        Err(_) => LastContact::Unreadable(raw.to_string()),
    }
}

/// `rolo log`.
pub fn log(session: &Session, args: &LogArgs) -> Result<u8> {
    let index = session.index();
    let id = session.resolve(&index, &args.name)?;
    let date = date_arg("--date", args.date.as_deref(), session.today)?;
    let message = one_line("the message", &args.message.join(" "))?;
    let channel = args.via.as_deref().map(channel_arg).transpose()?;
    let other = match &args.intro {
        Some(name) => {
            let other = session.resolve(&index, name)?;
            if other == id {
                bail!("--intro names the same person as NAME: introduce them to someone else");
            }
            Some(other)
        }
        None => None,
    };
    let mut tags: Vec<String> = channel.into_iter().map(|c| format!("#{c}")).collect();
    let mut body = message;
    if let Some(other) = other {
        tags.push("#intro".to_string());
        body = format!("{} and {}: {body}", index.wikilink(id), index.wikilink(other));
    }
    let arrow = if args.incoming { "<- " } else { "" };
    let tags = if tags.is_empty() { String::new() } else { format!("{} ", tags.join(" ")) };
    let entry = format!("- {date} {arrow}{tags}{body}");
    for target in std::iter::once(id).chain(other) {
        require_front_matter(&index, target)?;
    }
    let mut edits = Vec::new();
    for target in std::iter::once(id).chain(other) {
        let c = index.contact(target);
        edits.extend(plan_edit(session, &c.path, |old| {
            let with_entry = edit::insert_log_entry(old, &entry, date)?;
            if date > session.today {
                return Ok(with_entry);
            }
            bump_last_contact(&with_entry, date, &c.path).map_err(|e| annotate(e, &c.path))
        })?);
    }
    for rel in apply_all(&session.config.vault, &edits, args.dry_run)? {
        if !args.dry_run {
            session.say(format!("logged in {rel}"));
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
    let by_name = match index.resolve_name(name) {
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
        // What the real run's create would refuse, a dry run refuses too: a file that is not
        // a contact (so not caught above) may already have this name.
        edit::refuse_existing(&session.config.vault.join(&rel))?;
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
    let checked =
        if dry_run { write::check_inside_vault(vault, &dir) } else { write::create_inside_vault(vault, &dir) };
    match checked {
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
        session.say(format!("created {rel}"));
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
    if edit_note(session, &c.path, args.dry_run, |old| Ok(edit::append_task(old, &line, "Promises")?))? && !args.dry_run
    {
        session.say(format!("promise added to {}", c.path));
    }
    Ok(exit::SUCCESS)
}

/// `rolo done`: ticks the matching open promise you owe and logs the follow-up.
pub fn done(session: &Session, args: &DoneArgs) -> Result<u8> {
    let index = session.index();
    let channel = args.via.as_deref().map(channel_arg).transpose()?.map(|c| format!("#{c} ")).unwrap_or_default();
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
    let entry = format!("- {today} {channel}done: {}", promise.text);
    let tick = |old: &str| -> Result<String> {
        let expected =
            edit::line_spans(old).get(promise.line - 1).map(|s| s.content(old).to_string()).unwrap_or_default();
        if !expected.contains(&promise.raw) {
            bail!(EditError::ChangedOnDisk { path: promise.path.to_string() });
        }
        Ok(edit::set_task_done(old, promise.line - 1, today).map_err(|e| e.in_file(Path::new(&*promise.path)))?)
    };
    let log = |old: &str| Ok(edit::insert_log_entry(old, &entry, today)?);
    let edits: Vec<PendingEdit> = if *promise.path == *c.path {
        plan_edit(session, &c.path, |old| log(&tick(old)?))?.into_iter().collect()
    } else {
        let ticked = plan_edit(session, &promise.path, tick)?;
        ticked.into_iter().chain(plan_edit(session, &c.path, log)?).collect()
    };
    apply_all(&session.config.vault, &edits, args.dry_run)?;
    if !args.dry_run {
        session.say(format!(
            "ticked \"{}\" ({}:{}) and logged it in {}",
            promise.text, promise.path, promise.line, c.path
        ));
    }
    Ok(exit::SUCCESS)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    fn bump(text: &str, date: &str) -> String {
        bump_last_contact(text, day(date), "People/Ana.md").unwrap()
    }

    fn pending(dir: &Path, rel: &str) -> PendingEdit {
        std::fs::write(dir.join(rel), "old\n").unwrap();
        let snapshot = edit::read_snapshot(&dir.join(rel)).unwrap();
        PendingEdit { rel: rel.to_string(), snapshot, new: "new\n".to_string() }
    }

    #[test]
    fn a_failure_after_a_first_write_says_what_was_written() {
        let dir = tempfile::tempdir().unwrap();
        let edits = [pending(dir.path(), "Ben.md"), pending(dir.path(), "Ana.md")];
        std::fs::write(dir.path().join("Ana.md"), "changed\n").unwrap();
        let err = apply_all(dir.path(), &edits, false).unwrap_err();
        assert_eq!(err.to_string(), "Ben.md was already written, but Ana.md was not");
        assert!(format!("{err:#}").contains("changed on disk"), "{err:#}");
        assert_eq!(std::fs::read_to_string(dir.path().join("Ben.md")).unwrap(), "new\n");
    }

    #[test]
    fn a_channel_is_one_hashtag_that_reads_back() {
        assert_eq!(channel_arg("#Coffee").unwrap(), "coffee");
        assert_eq!(channel_arg(" two  words ").unwrap(), "two-words");
        assert_eq!(channel_arg("voice/call_1").unwrap(), "voice/call_1");
        for bad in ["#", "", "  ", "call\n## Hacked\n- x", "1on1", "a.b", "coffee!", "-x"] {
            let err = channel_arg(bad).unwrap_err();
            // A bad argument: exit 2, not a refusal about the vault.
            assert_eq!(super::super::exit_code_for(&err), exit::FAILURE, "{bad:?}: {err}");
            assert!(err.to_string().contains("--via"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn last_contact_with_a_comment_or_quotes_never_moves_backward() {
        for text in [
            "---\nlast_contact: 2026-11-20 # coffee\n---\n",
            "---\nlast_contact: \"2026-11-20\" # x\n---\n",
            "---\nlast_contact: '2026-11-20'\n---\n",
            "---\nlast_contact: &lc !!str 2026-11-20\n---\n",
        ] {
            assert_eq!(bump(text, "2026-01-01"), text);
        }
    }

    #[test]
    fn last_contact_moves_forward_keeping_its_comment_and_quotes() {
        assert_eq!(
            bump("---\nlast_contact: 2026-01-01 # coffee\n---\n", "2026-11-20"),
            "---\nlast_contact: 2026-11-20 # coffee\n---\n"
        );
        assert_eq!(
            bump("---\nlast_contact: \"2026-01-01\" # x\n---\n", "2026-11-20"),
            "---\nlast_contact: \"2026-11-20\" # x\n---\n"
        );
        assert_eq!(
            bump("---\nlast_contact: &lc 2026-01-01\n---\n", "2026-11-20"),
            "---\nlast_contact: &lc 2026-11-20\n---\n"
        );
    }

    #[test]
    fn an_empty_last_contact_is_filled_and_an_unreadable_one_left_alone() {
        assert_eq!(bump("---\nlast_contact:\n---\n", "2026-11-20"), "---\nlast_contact: 2026-11-20\n---\n");
        assert_eq!(
            bump("---\nlast_contact: ~ # none\n---\n", "2026-11-20"),
            "---\nlast_contact: 2026-11-20 # none\n---\n"
        );
        for text in ["---\nlast_contact: last spring # x\n---\n", "---\nlast_contact:\n  - 2026-01-01\n---\n"] {
            assert_eq!(bump(text, "2026-11-20"), text);
        }
    }
}
