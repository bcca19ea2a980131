//! Edits of the Markdown body: log entries, tasks and single lines.

use chrono::NaiveDate;

use super::frontmatter::splice;
use super::lines::{detect_line_ending, line_spans, LineEnding, LineSpan};
use super::outline::Outline;
use super::{EditError, UNNAMED};
use crate::model::date::leading_date;
use crate::note::body::{parse_log_line, strip_list_marker, LogEntry, Task};
use crate::note::read_body;
use crate::note::tasks::parse_task_line;

/// A heading of the body, as the reader sees it (outside front matter, code and HTML blocks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 0-based line index of its first line.
    pub line: usize,
    /// 1 to 6.
    pub level: usize,
    /// Heading text, without its markers.
    pub text: String,
}

/// An open task line found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskLine {
    /// 0-based line index.
    pub index: usize,
    /// The line's text without its ending.
    pub text: String,
}

/// The note split into lines, with the headings and list items the reader finds in it.
struct Doc<'a> {
    text: &'a str,
    spans: Vec<LineSpan>,
    outline: Outline,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        let spans = line_spans(text);
        let outline = Outline::new(text, &spans);
        Doc { text, spans, outline }
    }

    fn line(&self, i: usize) -> &'a str {
        self.spans[i].content(self.text)
    }

    fn is_blank(&self, i: usize) -> bool {
        self.line(i).trim().is_empty()
    }

    /// The section of the first top-level heading whose text matches, as (the heading's last
    /// line, the line the section ends before). Like the reader, any later heading of the
    /// same level or higher ends it, even one inside a quote or an item.
    fn section(&self, matches: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
        let all = &self.outline.headings;
        let pos = all.iter().position(|h| h.top_level && matches(&h.text))?;
        let head = &all[pos];
        let end = all[pos + 1..].iter().find(|h| h.level <= head.level).map_or(self.spans.len(), |h| h.first);
        Some((head.last, end))
    }

    /// Top-level list items within lines `from..to`, as (first line, last line). An item
    /// that runs past `to` (a heading nested in it ends the section) is left out: what goes
    /// after it would be outside the section.
    fn items(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        self.outline.items.iter().copied().filter(|&(first, last)| from <= first && last < to).collect()
    }

    /// Inserts `lines` after line `at` (a line without ending gets one first).
    fn insert_after(&self, at: usize, lines: &[&str], le: LineEnding) -> String {
        let span = self.spans[at];
        let le = le.as_str();
        let block: String = if span.has_ending() {
            lines.iter().map(|l| format!("{l}{le}")).collect()
        } else {
            lines.iter().map(|l| format!("{le}{l}")).collect()
        };
        splice(self.text, span.end, span.end, &block)
    }

    /// Inserts `line` before line `at`.
    fn insert_before(&self, at: usize, line: &str, le: LineEnding) -> String {
        let start = self.spans[at].start;
        splice(self.text, start, start, &format!("{line}{}", le.as_str()))
    }

    /// Adds `entry` right under the heading of a section without list items.
    fn insert_under_heading(&self, head: usize, end: usize, entry: &str, le: LineEnding) -> String {
        let body_empty = (head + 1..end).all(|i| self.is_blank(i));
        if !body_empty {
            let gap: &[&str] = if self.is_blank(head + 1) { &[] } else { &[""] };
            return self.insert_after(head, &[&[entry], gap].concat(), le);
        }
        let has_next = end < self.spans.len();
        if head + 1 < end {
            let follows_blank = head + 2 < end;
            let gap: &[&str] = if has_next && !follows_blank { &[""] } else { &[] };
            return self.insert_after(head + 1, &[&[entry], gap].concat(), le);
        }
        let gap: &[&str] = if has_next { &[""] } else { &[] };
        self.insert_after(head, &[&["", entry], gap].concat(), le)
    }

    /// Adds `entry` after the section's last list item, or under its heading.
    fn append_to_section(&self, head: usize, end: usize, entry: &str, le: LineEnding) -> String {
        match self.items(head + 1, end).last() {
            Some(&item) => self.insert_item_after(item, entry, le),
            None => self.insert_under_heading(head, end, entry, le),
        }
    }

    /// Inserts the item `entry` after the item `(first, last)`, in the same kind of list.
    fn insert_item_after(&self, (first, last): (usize, usize), entry: &str, le: LineEnding) -> String {
        self.insert_after(last, &[&with_marker_of(entry, self.line(first), true)], le)
    }

    /// Inserts the item `entry` before the item starting on line `first`, in the same kind of list.
    fn insert_item_before(&self, first: usize, entry: &str, le: LineEnding) -> String {
        self.insert_before(first, &with_marker_of(entry, self.line(first), false), le)
    }
}

/// `---`, `***` or `___` (three or more, spaces allowed between): a rule, which ends a list.
fn is_thematic_break(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(mark) = marks.next().filter(|c| matches!(c, '-' | '*' | '_')) else { return false };
    let mut count = 1;
    for c in marks {
        if c != mark {
            return false;
        }
        count += 1;
    }
    count >= 3
}

/// The text after the list marker of an item's first line: the markers the reader accepts
/// (`-`, `*`, `+`, `1.`, `1)`), so rolo edits every item it lists.
fn item_text(line: &str) -> Option<&str> {
    // A rule like `* * *` is not an item, though it starts like one.
    if is_thematic_break(line) {
        return None;
    }
    strip_list_marker(line)
}

/// `entry` (a `- ` item) written with the marker of the ordered item on `line`, numbered one
/// more when it goes after it; unchanged next to a bullet item.
fn with_marker_of(entry: &str, line: &str, after: bool) -> String {
    let line = line.trim_start();
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let (Some(rest), Some(delim)) = (entry.strip_prefix("- "), line[digits..].chars().next()) else {
        return entry.to_string();
    };
    if digits == 0 || !matches!(delim, '.' | ')') {
        return entry.to_string();
    }
    let number = &line[..digits];
    let number = match number.parse::<u64>().ok().and_then(|n| n.checked_add(u64::from(after))) {
        Some(n) => n.to_string(),
        None => number.to_string(),
    };
    format!("{number}{delim} {rest}")
}

/// The date an item starts with, read as the reader reads a log entry's date.
fn item_date(line: &str) -> Option<NaiveDate> {
    leading_date(item_text(line)?).map(|(date, _)| date)
}

/// Lists the note's headings, as the reader sees them (outside front matter, code and HTML
/// blocks; setext headings too).
pub fn headings(text: &str) -> Vec<Heading> {
    let spans = line_spans(text);
    let outline = Outline::new(text, &spans);
    outline.headings.into_iter().map(|h| Heading { line: h.first, level: h.level, text: h.text }).collect()
}

/// Appends a new `## {heading}` section holding `entry` at the end of the note.
fn append_section(text: &str, heading: &str, entry: &str, le: LineEnding) -> String {
    let le = le.as_str();
    let mut out = text.to_string();
    let empty = text.trim_start_matches(super::lines::BOM).is_empty();
    if !empty && !out.ends_with('\n') {
        out.push_str(le);
    }
    let ends_blank = out.ends_with("\n\n") || out.ends_with("\n\r\n") || out == "\n";
    if !empty && !ends_blank {
        out.push_str(le);
    }
    out.push_str(&format!("## {heading}{le}{le}{entry}{le}"));
    out
}

/// Inserts a dated log `entry` (one line, no ending) in the Log section.
///
/// Follows the section's date order (ascending or descending); otherwise adds it after the
/// last list item. Creates `## Log` at the end when missing. The result is read back: when
/// the reader would not see exactly the old entries plus this one, the entry goes into a new
/// section at the end instead, and when even that would not be read (the note ends inside a
/// code block, an HTML block or a `%%` comment), nothing is written and the error says why.
pub fn insert_log_entry(text: &str, entry: &str, date: NaiveDate) -> Result<String, EditError> {
    let le = detect_line_ending(text);
    let doc = Doc::new(text);
    let before = read_body(text);
    let Some(added) = parse_log_line(entry, 0, Vec::new()) else {
        let why = "it is not a dated list item";
        return Err(EditError::InvalidInput { path: UNNAMED.into(), what: entry.into(), why: why.into() });
    };
    let reads_back = |new: &String| {
        let after = read_body(new);
        same_tasks(&before.tasks, &after.tasks) && same_with_one_more(&before.log, &after.log, &added, log_key)
    };
    let is_log = |t: &str| {
        let t = t.trim().to_lowercase();
        t == "log" || t == "interactions"
    };
    let in_section = doc.section(is_log).map(|(head, end)| doc.insert_log_item(head, end, entry, date, le));
    place(text, in_section, "Log", entry, le, &doc, reads_back)
}

/// The first of `in_section` and a new `## {section}` at the end that `reads_back` accepts.
fn place(
    text: &str,
    in_section: Option<String>,
    section: &str,
    item: &str,
    le: LineEnding,
    doc: &Doc,
    reads_back: impl Fn(&String) -> bool,
) -> Result<String, EditError> {
    if let Some(new) = in_section.filter(&reads_back) {
        return Ok(new);
    }
    let new = append_section(text, section, item, le);
    if reads_back(&new) {
        return Ok(new);
    }
    let appended = Doc::new(&new);
    let path = UNNAMED.into();
    let section = section.to_string();
    Err(match appended.outline.block_at_end.filter(|&line| line < doc.spans.len()) {
        Some(line) => EditError::EndsInBlock { path, line: line + 1, section },
        None => EditError::NoReadablePlace { path, section, item: item.to_string() },
    })
}

/// Whether `after` holds what `before` holds plus `added`, in any order, comparing `key`s.
fn same_with_one_more<'a, T, K: Ord>(before: &'a [T], after: &'a [T], added: &'a T, key: impl Fn(&'a T) -> K) -> bool {
    let mut expected: Vec<K> = before.iter().chain([added]).map(&key).collect();
    let mut found: Vec<K> = after.iter().map(&key).collect();
    expected.sort_unstable();
    found.sort_unstable();
    expected == found
}

/// Whether two lists of log entries say the same, wherever they are.
fn same_log(a: &[LogEntry], b: &[LogEntry]) -> bool {
    a.iter().map(log_key).eq(b.iter().map(log_key))
}

/// Whether two lists of tasks say the same, wherever they are.
fn same_tasks(a: &[Task], b: &[Task]) -> bool {
    a.iter().map(|t| &t.parsed).eq(b.iter().map(|t| &t.parsed))
}

/// What a log entry says, without where it is.
fn log_key(e: &LogEntry) -> (NaiveDate, bool, Option<&str>, &str, bool) {
    (e.date, e.incoming, e.channel.as_deref(), e.text.as_str(), e.is_intro)
}

impl Doc<'_> {
    /// Inserts `entry` among the items of the Log section from `head` to `end`, in the order
    /// of their dates when they have one.
    fn insert_log_item(&self, head: usize, end: usize, entry: &str, date: NaiveDate, le: LineEnding) -> String {
        // Each dated item as ((first line, last line), date).
        let dated: Vec<((usize, usize), NaiveDate)> = self
            .items(head + 1, end)
            .into_iter()
            .filter_map(|item| Some((item, item_date(self.line(item.0))?)))
            .collect();
        let dates: Vec<NaiveDate> = dated.iter().map(|d| d.1).collect();
        // A sorted order needs two dates or more, so `dated` is not empty below.
        match order_of(&dates) {
            Order::Descending => match dated.iter().find(|d| d.1 <= date) {
                Some(&((first, _), _)) => self.insert_item_before(first, entry, le),
                None => self.insert_item_after(dated[dated.len() - 1].0, entry, le),
            },
            Order::Ascending => match dated.iter().rev().find(|d| d.1 <= date) {
                Some(&(item, _)) => self.insert_item_after(item, entry, le),
                None => self.insert_item_before(dated[0].0 .0, entry, le),
            },
            Order::Neither => self.append_to_section(head, end, entry, le),
        }
    }
}

enum Order {
    Ascending,
    Descending,
    Neither,
}

fn order_of(dates: &[NaiveDate]) -> Order {
    let pairs = || dates.windows(2);
    let up = pairs().all(|w| w[0] <= w[1]) && pairs().any(|w| w[0] < w[1]);
    let down = pairs().all(|w| w[0] >= w[1]) && pairs().any(|w| w[0] > w[1]);
    match (up, down) {
        (true, _) => Order::Ascending,
        (_, true) => Order::Descending,
        _ => Order::Neither,
    }
}

/// Adds `task_line` at the end of the list under the first heading named `heading`
/// (case-insensitive), creating `## {heading}` at the end if missing. Like
/// [`insert_log_entry`], the result is read back before it is returned.
pub fn append_task(text: &str, task_line: &str, heading: &str) -> Result<String, EditError> {
    let le = detect_line_ending(text);
    let doc = Doc::new(text);
    let before = read_body(text);
    let Some(added) = parse_task_line(task_line) else {
        let why = "it is not a task (`- [ ] ...`)";
        return Err(EditError::InvalidInput { path: UNNAMED.into(), what: task_line.into(), why: why.into() });
    };
    let added = Task { line: 0, parsed: added, links: Vec::new() };
    let reads_back = |new: &String| {
        let after = read_body(new);
        same_log(&before.log, &after.log) && same_with_one_more(&before.tasks, &after.tasks, &added, task_key)
    };
    let wanted = heading.trim().to_lowercase();
    let in_section = doc
        .section(|t| t.trim().to_lowercase() == wanted)
        .map(|(head, end)| doc.append_to_section(head, end, task_line, le));
    place(text, in_section, heading.trim(), task_line, le, &doc, reads_back)
}

/// What a task says, without where it is.
fn task_key(t: &Task) -> (bool, &str) {
    (t.parsed.done, t.parsed.text.as_str())
}

/// Byte offset (within `line`) of the space inside `[ ]` of an open task.
fn open_task_box(line: &str) -> Option<usize> {
    let body = line.trim_start_matches([' ', '\t']);
    let rest = item_text(body)?;
    let after = rest.strip_prefix("[ ]")?;
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some(line.len() - rest.len() + 1)
}

/// The span of 0-based line `index`, starting after a BOM.
fn line_span(text: &str, index: usize) -> Result<LineSpan, EditError> {
    let spans = line_spans(text);
    let Some(&s) = spans.get(index) else {
        let (line, count) = (index + 1, spans.len());
        let path = UNNAMED.into();
        return Err(EditError::LineOutOfRange { path, line, count });
    };
    let start = s.content_end - s.content(text).len();
    Ok(LineSpan { start, ..s })
}

/// Marks the open task on 0-based `line_index` done: `[ ]` becomes `[x]`
/// and ` ✅ YYYY-MM-DD` is appended before the line ending.
pub fn set_task_done(text: &str, line_index: usize, done_date: NaiveDate) -> Result<String, EditError> {
    let span = line_span(text, line_index)?;
    let line = &text[span.start..span.content_end];
    let Some(at) = open_task_box(line) else {
        return Err(EditError::NotAnOpenTask { path: UNNAMED.into(), line: line_index + 1, found: line.to_string() });
    };
    let kept = line.trim_end();
    let done =
        format!("{}x{} ✅ {}{}", &line[..at], &kept[at + 1..], done_date.format("%Y-%m-%d"), &line[kept.len()..]);
    Ok(splice(text, span.start, span.content_end, &done))
}

/// Replaces the text of 0-based line `line_index`, keeping its line ending.
pub fn replace_line(text: &str, line_index: usize, new_line: &str) -> Result<String, EditError> {
    if new_line.contains(['\n', '\r']) {
        return Err(EditError::MultiLine { path: UNNAMED.into(), line: line_index + 1 });
    }
    let span = line_span(text, line_index)?;
    Ok(splice(text, span.start, span.content_end, new_line))
}

/// Lists the open tasks the reader finds in the note (outside front matter and code).
pub fn open_tasks(text: &str) -> Vec<TaskLine> {
    let spans = line_spans(text);
    read_body(text)
        .tasks
        .into_iter()
        .filter(|t| !t.parsed.done)
        .filter_map(|t| {
            let index = t.line.checked_sub(1)?;
            Some(TaskLine { index, text: spans.get(index)?.content(text).to_string() })
        })
        .collect()
}

/// The 0-based index of the first line whose text (without ending) is `needle`.
pub fn find_line(text: &str, needle: &str) -> Option<usize> {
    line_spans(text).iter().position(|s| s.content(text) == needle)
}

#[cfg(test)]
#[path = "sections_tests.rs"]
mod tests;
