//! The checks behind every fuzz target, shared with `tests/fuzz_corpus.rs` (which includes
//! this file with `#[path]`), so the committed corpus replays on stable exactly as it was
//! fuzzed. Inputs are plain bytes decoded by [`Reader`] rather than `arbitrary`, so a corpus
//! file means the same thing to libFuzzer and to `cargo test`.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use chrono::{Days, NaiveDate};
use rolo::edit;
use rolo::import;
use rolo::model::birthday::Birthday;
use rolo::model::cadence::Cadence;
use rolo::model::date::{leading_date, parse_date};
use rolo::note;
use std::str::FromStr;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Lines of `text` as compared by the edit checks: a leading BOM set aside (edits keep it
/// first, before whatever they add to an empty note), split on `\n`, trailing `\r`s dropped,
/// and no empty piece after a final line ending.
fn line_contents(text: &str) -> Vec<&str> {
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines: Vec<&str> = unmarked.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    if unmarked.ends_with('\n') || unmarked.is_empty() {
        lines.pop();
    }
    lines
}

/// Whether every line of `old` appears in `new`, in order; returns the lines of `new` left over.
pub fn added_lines<'a>(old: &str, new: &'a str) -> Option<Vec<&'a str>> {
    let old = line_contents(old);
    let new = line_contents(new);
    let mut extra = Vec::new();
    let mut i = 0;
    for line in new {
        if i < old.len() && old[i] == line {
            i += 1;
        } else {
            extra.push(line);
        }
    }
    (i == old.len()).then_some(extra)
}

/// `vault::decode` then `note::parse`, plus each lower-level parser on the same text.
pub fn note_parse(data: &[u8]) {
    let rel = match data.first().map(|b| b % 4) {
        Some(0) => "People/Ana Ruiz.md",
        Some(1) => "Daily/2026-02-29.md",
        Some(2) => "a/b/c|]]<script>\u{202e}.md",
        _ => "x.md",
    };
    let lines = data.iter().filter(|&&b| b == b'\n').count() + 1;
    match rolo::vault::decode(rel, data.to_vec(), 0) {
        Ok(source) => {
            let text = source.text.clone();
            let parsed = note::parse(source);
            assert_eq!(parsed.text, text);
            for d in &parsed.diagnostics {
                assert_eq!(d.path, rel);
                assert!(d.line >= 1 && d.line <= lines + 1, "line {} of {lines}: {d:?}", d.line);
                assert!(d.column >= 1, "{d:?}");
                assert!(!d.message.is_empty());
            }
            for entry in &parsed.body.log {
                let _ = format!("{entry:?}");
            }
        }
        Err(d) => assert!(d.line >= 1 && d.column >= 1 && d.path == rel),
    }
    let text = String::from_utf8_lossy(data);
    let parts = note::split::split(&text);
    let mut diags = Vec::new();
    if let Some(yaml) = parts.yaml {
        let _ = note::fields::parse(rel, yaml, parts.yaml_line, &mut diags);
        let _ = note::keys::scan(yaml);
        plain_yaml_reads_as_the_library(yaml);
    }
    plain_yaml_reads_as_the_library(&text);
    let _ = note::body::parse(parts.body, parts.body_line);
    plain_markdown_reads_as_pulldown_cmark(parts.body, parts.body_line);
    plain_markdown_reads_as_pulldown_cmark(&text, 1);
    for (i, line) in text.lines().enumerate() {
        let _ = note::tasks::parse_task_line(line);
        let _ = note::body::parse_log_line(line, i + 1, Vec::new());
        let _ = note::body::strip_list_marker(line);
        let _ = note::wikilink::value_target(line);
    }
    for (at, target) in note::wikilink::find_links(&text) {
        assert!(text[at..].starts_with("[["));
        assert!(!target.is_empty());
    }
}

/// What the plain Markdown reader accepts, the full pulldown-cmark pass reads the same.
fn plain_markdown_reads_as_pulldown_cmark(body: &str, first_line: usize) {
    if let Some(read) = note::plain_markdown::read(body, first_line) {
        assert_eq!(read, note::body::parse_markdown(body, first_line), "for {body:?}");
    }
}

/// What the plain YAML reader accepts, the YAML library reads the same.
fn plain_yaml_reads_as_the_library(yaml: &str) {
    if let Some(properties) = note::plain_yaml::read(yaml) {
        let library: Option<serde_yaml::Value> = serde_yaml::from_str(yaml).ok();
        let mapping = properties.into_iter().map(|(k, v)| (serde_yaml::Value::String(k), v)).collect();
        assert_eq!(library, Some(serde_yaml::Value::Mapping(mapping)), "for {yaml:?}");
    }
}

/// Cadences and dates: every parser, then the arithmetic on what parsed.
pub fn cadence_date(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    let fixed = [day(2026, 1, 31), day(2024, 2, 29), NaiveDate::MAX, NaiveDate::MIN];
    if let Ok(c) = Cadence::from_str(&s) {
        for d in fixed {
            if let Some(next) = c.add_to(d) {
                assert!(next >= d, "{c:?} moved {d} back to {next}");
            }
        }
        let _ = c.approx_days();
        let shown = c.to_string();
        assert_eq!(Cadence::from_str(&shown).as_ref(), Ok(&c), "{c:?} shown as {shown:?}");
    }
    if data.len() >= 8 {
        let n = i64::from_le_bytes(data[..8].try_into().unwrap());
        if let Ok(c) = Cadence::from_days(n) {
            assert!(c.add_to(day(2026, 1, 31)).is_some());
        }
    }
    if let Ok(d) = parse_date(&s) {
        let _ = d;
    }
    if let Some((d, len)) = leading_date(&s) {
        let (head, rest) = s.split_at(len);
        assert!(!rest.starts_with(char::is_alphanumeric), "{s:?}: the date runs into {rest:?}");
        if head.starts_with("[[") {
            // A link to a note whose name starts with the date: `[[Daily/2026-01-22 Sat|x]]`.
            assert!(head.ends_with("]]") && head.contains(&d.format("%Y-%m-%d").to_string()), "{s:?}");
        } else {
            // A date, or a date-time whose time parse_date also accepts.
            assert_eq!(parse_date(head), Ok(d), "{s:?}");
        }
    }
    if let Ok(b) = Birthday::from_str(&s) {
        for d in fixed {
            let next = b.next_on_or_after(d);
            assert!(next >= d);
            let _ = b.age_on(d);
        }
    }
    let _ = note::tasks::due_date(&s);
    let _ = note::tasks::promise_text(&s);
}

fn check_parsed(parsed: &Result<import::Parsed, import::ImportError>) {
    match parsed {
        Ok(p) => {
            let _ = format!("{p:?}");
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

/// LinkedIn `Connections.csv`.
pub fn import_linkedin(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    check_parsed(&import::parse_linkedin(&s));
}

/// vCard.
pub fn import_vcard(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    check_parsed(&import::parse_vcard(&s));
}

/// CSV, with a `--map` spec before the first NUL byte when there is one; also format detection.
pub fn import_csv(data: &[u8]) {
    let (spec, body) = match data.iter().position(|&b| b == 0) {
        Some(i) => (Some(String::from_utf8_lossy(&data[..i])), &data[i + 1..]),
        None => (None, data),
    };
    let s = String::from_utf8_lossy(body);
    match spec.map(|spec| import::parse_mapping(&spec)) {
        Some(Ok(map)) => check_parsed(&import::parse_csv(&s, Some(&map))),
        Some(Err(e)) => assert!(!e.to_string().is_empty()),
        None => check_parsed(&import::parse_csv(&s, None)),
    }
    let format = import::Format::detect(&s);
    check_parsed(&format.parse(&s, None));
}

/// Reads fuzz bytes as a note text and a list of edit operations.
pub struct Reader<'a> {
    data: &'a [u8],
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.data.split_first()?;
        self.data = rest;
        Some(b)
    }

    fn u16(&mut self) -> u16 {
        u16::from(self.byte().unwrap_or(0)) | (u16::from(self.byte().unwrap_or(0)) << 8)
    }

    /// Bytes up to a 0xFE separator (or the end), as text.
    fn string(&mut self) -> String {
        let end = self.data.iter().position(|&b| b == 0xFE).unwrap_or(self.data.len());
        let s = String::from_utf8_lossy(&self.data[..end]).into_owned();
        self.data = &self.data[(end + 1).min(self.data.len())..];
        s
    }

    /// A string without line breaks (edits take single lines).
    fn line(&mut self) -> String {
        self.string().replace(['\n', '\r'], " ")
    }
}

/// Note text (before the first 0xFF byte) and edit operations (after): every edit either
/// refuses with an error or returns a text that keeps every original line, in order.
pub fn edit_ops(data: &[u8]) {
    let sep = data.iter().position(|&b| b == 0xFF).unwrap_or(data.len());
    let mut text = String::from_utf8_lossy(&data[..sep]).into_owned();
    let mut r = Reader { data: data.get(sep + 1..).unwrap_or(&[]) };
    let base = day(2000, 1, 1);
    let mut steps = 0;
    while let Some(op) = r.byte() {
        steps += 1;
        if steps > 16 {
            break;
        }
        let date = base.checked_add_days(Days::new(u64::from(r.u16()))).unwrap_or(base);
        match op % 10 {
            0 => {
                let entry = format!("- {date} {}", r.line());
                let Ok(new) = edit::insert_log_entry(&text, &entry, date) else { continue };
                let extra = added_lines(&text, &new)
                    .unwrap_or_else(|| panic!("insert_log_entry lost a line\nold: {text:?}\nnew: {new:?}"));
                assert!(extra.iter().any(|l| *l == entry), "entry not added as a line: {extra:?}");
                assert!(extra.len() <= 4, "too many lines added: {extra:?}");
                let (before, after) = (note::read_body(&text).log.len(), note::read_body(&new).log.len());
                assert_eq!(after, before + 1, "the reader does not read the entry back\nnew: {new:?}");
                text = new;
            }
            1 => {
                let (key, value) = (r.line(), r.line());
                if let Ok(new) = edit::set_field(&text, &key, &value) {
                    assert!(edit::locate_front_matter(&new).is_ok_and(|b| b.is_some()));
                    text = new;
                }
            }
            2 => {
                let (task, heading) = (format!("- [ ] {}", r.line()), r.line());
                let Ok(new) = edit::append_task(&text, &task, &heading) else { continue };
                let (before, after) = (note::read_body(&text).tasks.len(), note::read_body(&new).tasks.len());
                assert_eq!(after, before + 1, "the reader does not read the task back\nnew: {new:?}");
                let extra = added_lines(&text, &new)
                    .unwrap_or_else(|| panic!("append_task lost a line\nold: {text:?}\nnew: {new:?}"));
                assert!(extra.iter().any(|l| *l == task), "task not added: {extra:?}");
                text = new;
            }
            3 => {
                let (key, item) = (r.line(), r.line());
                if let Ok(new) = edit::add_to_list(&text, &key, &item) {
                    text = new;
                }
            }
            4 => {
                let index = usize::from(r.u16() % 64);
                if let Ok(new) = edit::set_task_done(&text, index, date) {
                    assert_eq!(new.matches('\n').count(), text.matches('\n').count(), "line breaks changed");
                    text = new;
                }
            }
            5 => {
                let (index, line) = (usize::from(r.u16() % 64), r.line());
                if let Ok(new) = edit::replace_line(&text, index, &line) {
                    assert_eq!(new.matches('\n').count(), text.matches('\n').count(), "line breaks changed");
                    text = new;
                }
            }
            6 => {
                let _ = edit::open_tasks(&text);
                let _ = edit::headings(&text);
                let needle = r.line();
                if let Some(i) = edit::find_line(&text, &needle) {
                    assert!(i < edit::line_spans(&text).len().max(1));
                }
            }
            7 => {
                if let Ok(Some(block)) = edit::locate_front_matter(&text) {
                    for key in edit::top_level_keys(&text, &block) {
                        let _ = key.is_multi_line(&text);
                    }
                }
                for span in edit::line_spans(&text) {
                    let _ = (span.content(&text), span.ending(&text));
                }
            }
            8 => {
                let other = r.string();
                let _ = edit::unified_diff("a.md", &text, &other);
            }
            _ => {
                let _ = edit::detect_line_ending(&text);
                if let Ok(source) = rolo::vault::decode("x.md", text.clone().into_bytes(), 0) {
                    let _ = note::parse(source);
                }
            }
        }
    }
}
