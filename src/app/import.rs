//! `rolo import`: people from LinkedIn, vCard or CSV exports become contact notes.
//!
//! Each record is matched against the vault (email, then profile URL, then name or alias).
//! New people get a note from the contact template through [`create_contact`]; people who
//! already have a note only get the fields their note lacks, through [`edit_note`], so
//! nothing the user wrote is ever overwritten and a second import of the same file changes
//! nothing. Duplicate records inside one file are merged before anything is written.

use super::capture::{create_contact, edit_note, NewContact};
use super::{Session, Verbosity};
use crate::cli::{ImportArgs, ImportFormat};
use crate::edit::{self, EditError};
use crate::import::{parse_linkedin, parse_mapping, parse_vcard, Format, ImportedPerson, Parsed};
use crate::index::{Index, Resolution};
use crate::model::contact::ContactId;
use crate::note::fields::FIELD_ALIASES;
use crate::{exit, text};
use anyhow::{anyhow, bail, Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::{BTreeSet, HashMap};
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
    for person in parsed.people {
        if person.name.trim().is_empty() {
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
    for person in &groups {
        let outcome = if args.dry_run {
            bar.suspend(|| import_one(session, &index, &matcher, person, &extra_tags, true))
        } else {
            import_one(session, &index, &matcher, person, &extra_tags, false)
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
            Ok(Outcome::Updated(rel)) => {
                report.updated += 1;
                verbose(session, &bar, format!("line {}: updated {rel}", person.source_line));
            }
            Ok(Outcome::Unchanged) => report.unchanged += 1,
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
    Updated(String),
    Unchanged,
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

/// Merges records of the same person (same email or same name) into the first one.
fn merge_duplicates(people: Vec<ImportedPerson>, report: &mut Report) -> Vec<ImportedPerson> {
    let mut groups: Vec<ImportedPerson> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for person in people {
        let keys = person_keys(&person);
        match keys.iter().find_map(|k| by_key.get(k).copied()) {
            Some(at) => {
                let first = &mut groups[at];
                report.merged += 1;
                report.note(
                    person.source_line,
                    format!("same person as line {} ({}); merged into one note", first.source_line, first.name),
                );
                merge_into(first, person);
                for k in person_keys(first) {
                    by_key.entry(k).or_insert(at);
                }
            }
            None => {
                let at = groups.len();
                for k in keys {
                    by_key.entry(k).or_insert(at);
                }
                groups.push(person);
            }
        }
    }
    groups
}

/// The keys that identify a person inside one file: the name and each email.
fn person_keys(p: &ImportedPerson) -> Vec<String> {
    std::iter::once(format!("name:{}", text::key(&p.name)))
        .chain(p.emails.iter().map(|e| format!("email:{}", e.trim().to_lowercase())))
        .collect()
}

/// Fills what `into` lacks from `other`; list values are united.
fn merge_into(into: &mut ImportedPerson, other: ImportedPerson) {
    other.emails.iter().for_each(|e| into.add_email(e));
    other.phones.iter().for_each(|p| into.add_phone(p));
    for url in &other.urls {
        if !into.urls.iter().any(|u| normalize_url(u) == normalize_url(url)) {
            into.add_url(url);
        }
    }
    other.tags.iter().for_each(|t| into.add_tag(t));
    fill(&mut into.company, other.company);
    fill(&mut into.role, other.role);
    fill(&mut into.birthday, other.birthday);
    fill(&mut into.city, other.city);
    fill(&mut into.notes, other.notes);
    if into.met.is_none() {
        into.met = other.met;
    }
}

fn fill(slot: &mut Option<String>, value: Option<String>) {
    if slot.is_none() {
        *slot = value;
    }
}

/// Normalises a profile URL for comparison: lowercase, no scheme, no `www.`, no trailing `/`.
fn normalize_url(url: &str) -> String {
    let lower = url.trim().to_lowercase();
    let rest = lower.split_once("://").map_or(lower.as_str(), |(_, rest)| rest);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.trim_end_matches('/').to_string()
}

/// The `url` and `linkedin` properties of a contact, normalised.
fn contact_urls(index: &Index, id: ContactId) -> Vec<String> {
    let c = index.contact(id);
    let mut urls = Vec::new();
    for key in ["url", "linkedin"] {
        match c.extra.get(key) {
            Some(serde_json::Value::String(s)) => urls.push(normalize_url(s)),
            Some(serde_json::Value::Array(items)) => {
                urls.extend(items.iter().filter_map(|v| v.as_str()).map(normalize_url));
            }
            _ => {}
        }
    }
    urls.retain(|u| !u.is_empty());
    urls
}

/// Finds the existing contact a record belongs to.
struct Matcher {
    by_email: HashMap<String, Vec<ContactId>>,
    by_url: HashMap<String, Vec<ContactId>>,
}

impl Matcher {
    fn new(index: &Index) -> Self {
        let mut by_url: HashMap<String, Vec<ContactId>> = HashMap::new();
        for c in &index.contacts {
            for url in contact_urls(index, c.id) {
                let ids = by_url.entry(url).or_default();
                if !ids.contains(&c.id) {
                    ids.push(c.id);
                }
            }
        }
        Matcher { by_email: index.contacts_by_email(), by_url }
    }

    /// `Ok(None)` for a new person; `Err` explains an ambiguous match.
    fn find(&self, index: &Index, p: &ImportedPerson) -> Result<Option<ContactId>, String> {
        let describe = |ids: &BTreeSet<ContactId>| {
            ids.iter().map(|&id| index.contact(id).path.clone()).collect::<Vec<_>>().join(", ")
        };
        let emails: BTreeSet<ContactId> =
            p.emails.iter().filter_map(|e| self.by_email.get(&e.trim().to_lowercase())).flatten().copied().collect();
        if emails.len() > 1 {
            return Err(format!(
                "its emails belong to several contacts ({}); merge those notes or fix the emails, then import again",
                describe(&emails)
            ));
        }
        if let Some(&id) = emails.first() {
            return Ok(Some(id));
        }
        let urls: BTreeSet<ContactId> =
            p.urls.iter().filter_map(|u| self.by_url.get(&normalize_url(u))).flatten().copied().collect();
        if urls.len() > 1 {
            return Err(format!(
                "its profile URL belongs to several contacts ({}); merge those notes, then import again",
                describe(&urls)
            ));
        }
        if let Some(&id) = urls.first() {
            return Ok(Some(id));
        }
        match index.resolve(&p.name) {
            Resolution::Contact(id) => Ok(Some(id)),
            Resolution::Ambiguous(ids) => Err(format!(
                "the name matches several contacts ({}); give them different names or add an email to their notes, then import again",
                describe(&ids.into_iter().collect())
            )),
            Resolution::Note | Resolution::Missing => Ok(None),
        }
    }
}

/// Creates or completes the note of one person.
fn import_one(
    session: &Session,
    index: &Index,
    matcher: &Matcher,
    person: &ImportedPerson,
    extra_tags: &[String],
    dry_run: bool,
) -> Result<Outcome> {
    let id = match matcher.find(index, person) {
        Ok(id) => id,
        Err(reason) => return Ok(Outcome::Skipped(reason)),
    };
    let mut tags: Vec<String> = Vec::new();
    for tag in person.tags.iter().filter_map(|t| clean_tag(t)).chain(extra_tags.iter().cloned()) {
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    let Some(id) = id else {
        let data = new_contact(person, tags);
        let rel = create_contact(session, index, &data, dry_run)?;
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
    let changed = edit_note(session, &c.path, dry_run, |old| {
        wanted.apply(old).map_err(|e| anyhow::Error::from(e.in_file(Path::new(&c.path))))
    })
    .with_context(|| format!("while updating {}", c.path))?;
    Ok(if changed { Outcome::Updated(c.path.clone()) } else { Outcome::Unchanged })
}

/// A tag without `#`, spaces turned into `-` (Obsidian tags cannot hold spaces).
fn clean_tag(tag: &str) -> Option<String> {
    let tag = tag.trim().trim_start_matches('#').trim();
    let tag: String = tag.split_whitespace().collect::<Vec<_>>().join("-");
    (!tag.is_empty()).then_some(tag)
}

/// Collapses whitespace (line breaks included) into single spaces.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn one_line_opt(value: &Option<String>) -> Option<String> {
    value.as_deref().map(one_line).filter(|v| !v.is_empty())
}

/// What the contact template gets for a new person.
fn new_contact(p: &ImportedPerson, tags: Vec<String>) -> NewContact {
    let notes = p.notes.as_deref().map(|n| n.replace("\r\n", "\n").replace('\r', "\n").trim().to_string());
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
        notes: notes.filter(|n| !n.is_empty()),
        ..NewContact::default()
    }
}

/// The values an import would add to an existing note, filtered against what it has.
struct Wanted {
    /// (field, YAML value) for single-valued fields, added only when the note lacks them.
    scalars: Vec<(&'static str, String)>,
    /// (field, items not yet present, as YAML scalars).
    lists: Vec<(&'static str, Vec<String>)>,
}

impl Wanted {
    fn new(index: &Index, id: ContactId, p: &ImportedPerson, tags: Vec<String>) -> Self {
        let c = index.contact(id);
        let json = |s: &str| yaml_scalar(s);
        let mut scalars = Vec::new();
        let scalar = |field: &'static str, value: &Option<String>, out: &mut Vec<(&'static str, String)>| {
            if let Some(v) = one_line_opt(value) {
                out.push((field, json(&v)));
            }
        };
        scalar("company", &p.company, &mut scalars);
        scalar("role", &p.role, &mut scalars);
        scalar("city", &p.city, &mut scalars);
        if let Some(met) = p.met {
            scalars.push(("met", met.to_string()));
        }
        scalar("birthday", &p.birthday, &mut scalars);

        let lower: Vec<String> = c.emails.iter().map(|e| e.trim().to_lowercase()).collect();
        let emails = p.emails.iter().filter(|e| !lower.contains(&e.trim().to_lowercase())).map(|e| json(e)).collect();
        let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect::<String>();
        let have_phones: Vec<String> = c.phones.iter().map(|p| digits(p)).collect();
        let phones = p.phones.iter().filter(|p| !have_phones.contains(&digits(p))).map(|p| json(p)).collect();
        let have_urls = contact_urls(index, id);
        let urls = p.urls.iter().filter(|u| !have_urls.contains(&normalize_url(u))).map(|u| json(u)).collect();
        let tags = tags.iter().filter(|t| !c.tags.iter().any(|h| h.eq_ignore_ascii_case(t))).map(|t| json(t)).collect();
        Wanted { scalars, lists: vec![("email", emails), ("phone", phones), ("url", urls), ("tags", tags)] }
    }

    /// Adds what is missing to `text`; never changes a value that is there.
    fn apply(&self, text: &str) -> Result<String, EditError> {
        let mut text = text.to_string();
        for (field, value) in &self.scalars {
            match slot(&text, field)? {
                Slot::Missing => text = edit::set_field(&text, field, value)?,
                Slot::Empty(key) => text = edit::set_field(&text, &key, value)?,
                Slot::Scalar | Slot::List(_) => {}
            }
        }
        for (field, items) in &self.lists {
            if items.is_empty() {
                continue;
            }
            match slot(&text, field)? {
                // Tags are only extended, never added to a note that has none.
                Slot::Missing | Slot::Empty(_) if *field == "tags" => {}
                Slot::Missing | Slot::Empty(_) if items.len() > 1 => {
                    let key = match slot(&text, field)? {
                        Slot::Empty(key) => key,
                        _ => (*field).to_string(),
                    };
                    text = edit::set_field(&text, &key, &format!("[{}]", items.join(", ")))?;
                }
                Slot::Missing => text = edit::set_field(&text, field, &items[0])?,
                Slot::Empty(key) => text = edit::set_field(&text, &key, &items[0])?,
                Slot::List(key) => {
                    for item in items {
                        match edit::add_to_list(&text, &key, item) {
                            Ok(new) => text = new,
                            Err(EditError::NotAList { .. }) => break,
                            Err(e) => return Err(e),
                        }
                    }
                }
                Slot::Scalar => {}
            }
        }
        Ok(text)
    }
}

/// `value` as a YAML scalar: plain when YAML reads it back as the same text, else
/// double-quoted (JSON strings are valid YAML). Flow indicators are quoted too, so the
/// value can also go into a `[a, b]` list.
fn yaml_scalar(value: &str) -> String {
    let plain = edit::frontmatter::is_plain_scalar(value)
        && !value.contains([',', '[', ']', '{', '}', '#'])
        && matches!(serde_yaml::from_str::<serde_yaml::Value>(value), Ok(serde_yaml::Value::String(s)) if s == value);
    if plain {
        value.to_string()
    } else {
        serde_json::Value::String(value.to_string()).to_string()
    }
}

/// How a field is present in a note's front matter.
enum Slot {
    /// Neither the field nor another tool's name for it.
    Missing,
    /// The key is there with no value (`company:` or `company: null`).
    Empty(String),
    /// A single value.
    Scalar,
    /// A list (flow `[a, b]` or block `- a` lines), under this key.
    List(String),
}

/// Looks `field` (or another tool's name for it) up in the front matter of `text`.
fn slot(text: &str, field: &str) -> Result<Slot, EditError> {
    let Some(block) = edit::locate_front_matter(text)? else { return Ok(Slot::Missing) };
    let keys = edit::top_level_keys(text, &block);
    let names: Vec<&str> =
        std::iter::once(field).chain(FIELD_ALIASES.iter().filter(|(_, c)| *c == field).map(|(a, _)| *a)).collect();
    let Some(span) = names.iter().find_map(|n| keys.iter().find(|k| k.key == *n)) else { return Ok(Slot::Missing) };
    if span.is_multi_line(text) {
        return Ok(Slot::List(span.key.clone()));
    }
    let spot = edit::frontmatter::value_spot(text, span);
    let value = text[spot.start..spot.end].trim();
    Ok(if value.is_empty() || value == "~" || value.eq_ignore_ascii_case("null") {
        Slot::Empty(span.key.clone())
    } else if value.starts_with('[') {
        Slot::List(span.key.clone())
    } else {
        Slot::Scalar
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_yaml_reads_them_back() {
        assert_eq!(yaml_scalar("Archer Holdings"), "Archer Holdings");
        assert_eq!(yaml_scalar("ana@example.com"), "ana@example.com");
        assert_eq!(yaml_scalar("+44 7700 900123"), "+44 7700 900123");
        assert_eq!(yaml_scalar("+447700900123"), "\"+447700900123\"");
        assert_eq!(yaml_scalar("06-10"), "06-10");
        assert_eq!(yaml_scalar("true"), "\"true\"");
        assert_eq!(yaml_scalar("Widgets, Inc."), "\"Widgets, Inc.\"");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
    }

    #[test]
    fn urls_are_normalised() {
        assert_eq!(normalize_url("HTTPS://www.LinkedIn.com/in/Ana/"), "linkedin.com/in/ana");
        assert_eq!(normalize_url("linkedin.com/in/ana"), "linkedin.com/in/ana");
    }

    #[test]
    fn tags_lose_hash_and_spaces() {
        assert_eq!(clean_tag(" #Work Colleagues ").as_deref(), Some("Work-Colleagues"));
        assert_eq!(clean_tag("#"), None);
    }

    fn wanted(scalars: Vec<(&'static str, &str)>, lists: Vec<(&'static str, Vec<&str>)>) -> Wanted {
        Wanted {
            scalars: scalars.into_iter().map(|(k, v)| (k, v.to_string())).collect(),
            lists: lists.into_iter().map(|(k, v)| (k, v.into_iter().map(String::from).collect())).collect(),
        }
    }

    #[test]
    fn apply_adds_only_missing_fields() {
        let w = wanted(
            vec![("company", "\"New\""), ("role", "\"CTO\""), ("birthday", "\"04-12\"")],
            vec![("email", vec!["\"b@x\""]), ("tags", vec!["\"t\""])],
        );
        let old = "---\nname: A\ncompany: Old\nemail: a@x\nbirthDate: 01-01\n---\nbody\n";
        assert_eq!(
            w.apply(old).unwrap(),
            "---\nname: A\ncompany: Old\nemail: a@x\nbirthDate: 01-01\nrole: \"CTO\"\n---\nbody\n"
        );
    }

    #[test]
    fn apply_extends_lists_and_fills_empty_keys() {
        let w = wanted(vec![("city", "\"Oslo\"")], vec![("email", vec!["\"b@x\""]), ("tags", vec!["\"t\""])]);
        let old = "---\nname: A\ncity:\nemail:\n  - a@x\ntags: [x]\n---\n";
        assert_eq!(
            w.apply(old).unwrap(),
            "---\nname: A\ncity: \"Oslo\"\nemail:\n  - a@x\n  - \"b@x\"\ntags: [x, \"t\"]\n---\n"
        );
    }
}
