//! `rolo import`: people from LinkedIn, vCard or CSV exports become contact notes.
//!
//! Each record is matched against the vault (email, then profile URL, then name or alias).
//! New people get a note from the contact template through [`create_contact`]; people who
//! already have a note only get the fields their note lacks, through [`edit_note`], so
//! nothing the user wrote is ever overwritten and a second import of the same file changes
//! nothing. Duplicate records inside one file are merged before anything is written.

mod completion;
mod matching;

use super::capture::{create_contact, edit_note, NewContact};
use super::{Session, Verbosity};
use crate::cli::{ImportArgs, ImportFormat};
use crate::edit;
use crate::exit;
use crate::import::{parse_linkedin, parse_mapping, parse_vcard, Format, ImportedPerson, Parsed};
use crate::index::Index;
use anyhow::{anyhow, bail, Context, Result};
use completion::Wanted;
use indicatif::{ProgressBar, ProgressStyle};
use matching::{merge_duplicates, normalize_url, Matcher};
use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::Path;

/// Imports with at least this many people show a progress bar (on a terminal).
const LARGE_IMPORT: usize = 20;

/// Runs `rolo import`.
pub fn import(session: &Session, args: &ImportArgs) -> Result<u8> {
    let parsed = read_and_parse(args)?;
    let index = session.index();
    let extra_tags: Vec<String> = args.tags.iter().filter_map(|t| clean_tag(t)).collect();
    let mut report = Report::default();
    for s in &parsed.skipped {
        report.skip(s.line, s.reason.clone());
    }
    for w in &parsed.warnings {
        report.note(w.line, format!("warning: {}", w.reason));
    }
    let mut named = Vec::with_capacity(parsed.people.len());
    for mut person in parsed.people {
        // Matching, merging and the new note all see the name as the note will hold it.
        person.name = one_line(&person.name);
        if person.name.is_empty() {
            let email = person.emails.first().map(|e| format!(" (only an email: {e})")).unwrap_or_default();
            report.skip(person.source_line, format!("no name{email}; add a name in the export and import again"));
        } else {
            named.push(person);
        }
    }
    let groups = merge_duplicates(named, &mut report);
    let matcher = Matcher::new(&index);
    let bar = progress_bar(groups.len());
    // Files this import creates, by lowercased path: two names can map to one file name
    // (`A/B` and `A:B`), and a dry run must predict the failure the real run meets.
    let mut created: HashMap<String, usize> = HashMap::new();
    let mut dry_edits = DryEdits::default();
    for person in &groups {
        let outcome = if args.dry_run {
            bar.suspend(|| import_one(session, &index, &matcher, person, &extra_tags, Some(&mut dry_edits)))
        } else {
            import_one(session, &index, &matcher, person, &extra_tags, None)
        };
        match outcome {
            Ok(Outcome::Created(rel)) => match created.get(&rel.to_lowercase()) {
                Some(first) if args.dry_run => {
                    report.failed += 1;
                    report.note(
                        person.source_line,
                        format!("failed: {}: {rel} would already exist (created for line {first})", person.name),
                    );
                }
                _ => {
                    created.insert(rel.to_lowercase(), person.source_line);
                    report.created += 1;
                    verbose(session, &bar, format!("line {}: created {rel}", person.source_line));
                }
            },
            Ok(Outcome::Updated(rel, left_alone)) => {
                report.updated += 1;
                report.left_alone(person, left_alone);
                verbose(session, &bar, format!("line {}: updated {rel}", person.source_line));
            }
            Ok(Outcome::Unchanged(left_alone)) => {
                report.unchanged += 1;
                report.left_alone(person, left_alone);
            }
            Ok(Outcome::Skipped(reason)) => report.skip(person.source_line, format!("{}: {reason}", person.name)),
            Err(error) => {
                report.failed += 1;
                report.note(person.source_line, format!("failed: {}: {}", person.name, one_line_error(&error)));
            }
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    report.print(args.dry_run);
    Ok(exit::SUCCESS)
}

/// Reads the file and parses it; every error here names the file and exits with 2.
fn read_and_parse(args: &ImportArgs) -> Result<Parsed> {
    let path = &args.file;
    let shown = path.display();
    if args.map.is_some() && args.format != ImportFormat::Csv {
        bail!("--map only applies to `rolo import csv`; drop it for {}", format_name(args.format));
    }
    let map = args.map.as_deref().map(|spec| parse_mapping(spec).map_err(|e| anyhow!("bad --map: {e}"))).transpose()?;
    let bytes = std::fs::read(path).map_err(|e| {
        anyhow!("cannot read {shown}: {e}; check the path and give the exported file, e.g. `rolo import linkedin Connections.csv`")
    })?;
    let input = String::from_utf8(bytes).map_err(|e| {
        anyhow!(
            "{shown} is not UTF-8 text (first bad byte at offset {}); export it again as UTF-8 or convert it (e.g. `iconv -f latin1 -t utf-8`)",
            e.utf8_error().valid_up_to()
        )
    })?;
    let result = match args.format {
        ImportFormat::Linkedin => parse_linkedin(&input),
        ImportFormat::Vcard => parse_vcard(&input),
        ImportFormat::Csv => crate::import::parse_csv(&input, map.as_ref()),
    };
    result.map_err(|e| {
        let detected = Format::detect(&input);
        let hint = match (detected, args.format) {
            (Format::VCard, f) if f != ImportFormat::Vcard => "; it looks like a vCard file: try `rolo import vcard`",
            (Format::LinkedIn, f) if f != ImportFormat::Linkedin => {
                "; it looks like LinkedIn's Connections.csv: try `rolo import linkedin`"
            }
            _ => "",
        };
        anyhow!("{shown}: {e}{hint}")
    })
}

fn format_name(format: ImportFormat) -> &'static str {
    match format {
        ImportFormat::Linkedin => "linkedin",
        ImportFormat::Vcard => "vcard",
        ImportFormat::Csv => "csv",
    }
}

/// A progress bar on stderr for large imports on a terminal; hidden otherwise.
fn progress_bar(len: usize) -> ProgressBar {
    if len < LARGE_IMPORT || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("importing {bar:30} {pos}/{len} {eta}") {
        bar.set_style(style);
    }
    bar
}

fn verbose(session: &Session, bar: &ProgressBar, message: String) {
    if session.verbosity == Verbosity::Verbose {
        bar.suspend(|| eprintln!("rolo: {message}"));
    }
}

fn one_line_error(error: &anyhow::Error) -> String {
    error.chain().map(ToString::to_string).collect::<Vec<_>>().join(": ").replace(['\n', '\r'], " ")
}

/// What happened to one person.
enum Outcome {
    Created(String),
    /// The note, and why each value left out of it was (see [`completion::Completed`]).
    Updated(String, Vec<String>),
    /// Nothing added; why each value that could not be added was left out.
    Unchanged(Vec<String>),
    Skipped(String),
}

/// Counts and per-line explanations, printed at the end.
#[derive(Default)]
struct Report {
    created: usize,
    updated: usize,
    unchanged: usize,
    skipped: usize,
    failed: usize,
    merged: usize,
    lines: Vec<(usize, String)>,
}

impl Report {
    fn skip(&mut self, line: usize, reason: String) {
        self.skipped += 1;
        self.note(line, format!("skipped: {reason}"));
    }

    /// Warns of each value an update left out of the person's note.
    fn left_alone(&mut self, person: &ImportedPerson, reasons: Vec<String>) {
        for why in reasons {
            self.note(person.source_line, format!("warning: {}: {why}", person.name));
        }
    }

    fn note(&mut self, line: usize, text: String) {
        self.lines.push((line, text));
    }

    fn print(&mut self, dry_run: bool) {
        let prefix = if dry_run { "dry run, nothing written: would have " } else { "" };
        let mut summary = format!(
            "{prefix}created {}, updated {}, unchanged {}, skipped {}",
            self.created, self.updated, self.unchanged, self.skipped
        );
        if self.failed > 0 {
            summary.push_str(&format!(", failed {}", self.failed));
        }
        if self.merged > 0 {
            summary.push_str(&format!(", merged {} duplicate record(s)", self.merged));
        }
        println!("{summary}");
        self.lines.sort_by_key(|(line, _)| *line);
        for (line, text) in &self.lines {
            println!("  line {line}: {text}");
        }
    }
}

/// The notes a dry run has edited so far, with their edited text: a later record that
/// matches the same note sees the earlier edits, as it does in the real run.
#[derive(Default)]
struct DryEdits(HashMap<String, String>);

impl DryEdits {
    /// Like [`edit_note`] on a dry run, but starting from this run's earlier edits of `rel`;
    /// prints the diff of this change alone.
    fn edit(&mut self, session: &Session, rel: &str, change: impl FnOnce(&str) -> Result<String>) -> Result<bool> {
        let old = match self.0.get(rel) {
            Some(text) => text.clone(),
            None => {
                let path = session.config.vault.join(rel);
                let snapshot = edit::read_snapshot(&path)?;
                snapshot.text().map_err(|e| e.in_file(&path))?.to_string()
            }
        };
        let new = change(&old)?;
        if new == old {
            return Ok(false);
        }
        print!("{}", edit::unified_diff(rel, &old, &new));
        self.0.insert(rel.to_string(), new);
        Ok(true)
    }
}

/// Creates or completes the note of one person; `dry` is `Some` on a dry run.
fn import_one(
    session: &Session,
    index: &Index,
    matcher: &Matcher,
    person: &ImportedPerson,
    extra_tags: &[String],
    dry: Option<&mut DryEdits>,
) -> Result<Outcome> {
    let id = match matcher.find(index, person) {
        Ok(id) => id,
        Err(reason) => return Ok(Outcome::Skipped(reason)),
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in person.tags.iter().filter_map(|t| label_tag(t)).chain(extra_tags.iter().cloned()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    let Some(id) = id else {
        let data = new_contact(person, tags);
        let rel = create_contact(session, index, &data, dry.is_some())?;
        return Ok(Outcome::Created(rel));
    };
    let c = index.contact(id);
    if c.front_broken {
        return Ok(Outcome::Skipped(format!(
            "matches {} whose front matter is broken; fix it (see `rolo check`) and import again",
            c.path
        )));
    }
    let wanted = Wanted::new(index, id, person, tags);
    let mut left_alone = Vec::new();
    let apply = |old: &str| {
        let done = wanted.apply(old).map_err(|e| anyhow::Error::from(e.in_file(Path::new(&c.path))))?;
        left_alone = done.left_alone;
        Ok(done.text)
    };
    let changed = match dry {
        Some(edits) => edits.edit(session, &c.path, apply),
        None => edit_note(session, &c.path, false, apply),
    }
    .with_context(|| format!("while updating {}", c.path))?;
    let left_alone = left_alone.into_iter().map(|why| format!("{}: {why}", c.path)).collect();
    Ok(if changed { Outcome::Updated(c.path.clone(), left_alone) } else { Outcome::Unchanged(left_alone) })
}

/// A tag Obsidian accepts: without `#`, every run of characters other than letters, digits,
/// `_`, `-` and `/` (spaces, `&`, `.`...) turned into one `-`, no `-` or `/` at either end.
fn clean_tag(tag: &str) -> Option<String> {
    let mut clean = String::with_capacity(tag.len());
    for c in tag.trim().trim_start_matches('#').chars() {
        let c = if c.is_alphanumeric() || matches!(c, '_' | '/') { c } else { '-' };
        if !(c == '-' && clean.ends_with('-')) {
            clean.push(c);
        }
    }
    let clean = clean.trim_matches(['-', '/']);
    (!clean.is_empty()).then(|| clean.to_string())
}

/// An imported label (Google label, vCard category) as a tag: [`clean_tag`], and a label
/// of digits only, which Obsidian does not take as a tag, gets a `label-` prefix.
fn label_tag(label: &str) -> Option<String> {
    let tag = clean_tag(label)?;
    Some(if tag.chars().all(char::is_numeric) { format!("label-{tag}") } else { tag })
}

/// Collapses whitespace (line breaks included) into single spaces.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// [`one_line`] of an optional value; `None` when nothing is left.
fn one_line_opt(value: &Option<String>) -> Option<String> {
    value.as_deref().map(one_line).filter(|v| !v.is_empty())
}

/// Imported free text as a Markdown block quote, so nothing in it can change the note's
/// structure: a code fence or an HTML block ends with the quote instead of swallowing the
/// `## Log` below it. Lines that would still make a heading inside the quote (`# ...`, or a
/// `---`/`===` underline) get a `\\` so that no `## Log` or other section appears from them.
fn inert_quote(text: &str) -> String {
    text.lines().map(|line| quote_line(line.trim_end())).collect::<Vec<_>>().join("\n")
}

/// One line of [`inert_quote`].
fn quote_line(line: &str) -> String {
    if line.is_empty() {
        return ">".to_string();
    }
    let body = line.trim_start_matches(' ');
    let indent = line.len().saturating_sub(body.len());
    let only = |c: char| body.chars().all(|b| b == c || b == ' ');
    let makes_heading = body.starts_with('#') || only('=') || only('-');
    if indent <= 3 && makes_heading {
        format!("> {}\\{body}", " ".repeat(indent))
    } else {
        format!("> {line}")
    }
}

/// What the contact template gets for a new person.
fn new_contact(p: &ImportedPerson, tags: Vec<String>) -> NewContact {
    let notes = p.notes.as_deref().map(|n| n.replace("\r\n", "\n").replace('\r', "\n").trim().to_string());
    let notes = notes.filter(|n| !n.is_empty()).map(|n| inert_quote(&n));
    NewContact {
        name: one_line(&p.name),
        company: one_line_opt(&p.company),
        role: one_line_opt(&p.role),
        emails: p.emails.iter().map(|e| one_line(e)).collect(),
        phones: p.phones.iter().map(|e| one_line(e)).collect(),
        city: one_line_opt(&p.city),
        met: p.met,
        birthday: p.birthday.clone(),
        urls: p.urls.iter().map(|u| one_line(u)).fold(Vec::new(), |mut urls: Vec<String>, u| {
            if !urls.iter().any(|have| normalize_url(have) == normalize_url(&u)) {
                urls.push(u);
            }
            urls
        }),
        tags,
        notes,
        ..NewContact::default()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn notes_become_a_block_quote_that_holds_no_heading() {
        assert_eq!(inert_quote("```\ncode"), "> ```\n> code");
        assert_eq!(inert_quote("intro\n\n## Log\n- 2020-01-01 x"), "> intro\n>\n> \\## Log\n> - 2020-01-01 x");
        assert_eq!(inert_quote("Log\n---\nLog\n  ==="), "> Log\n> \\---\n> Log\n>   \\===");
        assert_eq!(inert_quote("<!-- c\n    # code"), "> <!-- c\n>     # code");
    }

    #[test]
    fn tags_lose_hash_and_spaces() {
        assert_eq!(clean_tag(" #Work Colleagues ").as_deref(), Some("Work-Colleagues"));
        assert_eq!(clean_tag("#"), None);
    }

    #[test]
    fn tags_keep_only_what_obsidian_accepts() {
        assert_eq!(clean_tag("Friends & Family").as_deref(), Some("Friends-Family"));
        assert_eq!(clean_tag("*-starred").as_deref(), Some("starred"));
        assert_eq!(clean_tag("Café/Über_uns").as_deref(), Some("Café/Über_uns"));
        assert_eq!(clean_tag("/a.b/").as_deref(), Some("a-b"));
        assert_eq!(clean_tag("&&"), None);
    }

    #[test]
    fn labels_of_digits_only_get_a_prefix() {
        assert_eq!(label_tag("2024").as_deref(), Some("label-2024"));
        assert_eq!(label_tag("2024 Q1").as_deref(), Some("2024-Q1"));
        assert_eq!(label_tag("#"), None);
    }
}
