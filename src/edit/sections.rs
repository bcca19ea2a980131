//! Edits of the Markdown body: log entries, tasks and single lines.

use chrono::NaiveDate;

use super::frontmatter::splice;
use super::lines::{detect_line_ending, line_spans, locate_front_matter, LineEnding, LineSpan};
use super::{EditError, UNNAMED};
use crate::note::body::strip_list_marker;

/// An ATX heading of the body (outside front matter and fenced code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 0-based line index.
    pub line: usize,
    /// Number of `#` (1 to 6).
    pub level: usize,
    /// Heading text, trimmed, without closing `#`s.
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

/// The note split into lines, with where the body starts and which lines are code.
struct Doc<'a> {
    text: &'a str,
    spans: Vec<LineSpan>,
    body_line: usize,
    in_code: Vec<bool>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str) -> Self {
        let spans = line_spans(text);
        let body_start = match locate_front_matter(text) {
            Ok(Some(block)) => block.body_start,
            _ => 0,
        };
        let body_line = spans.iter().take_while(|s| s.start < body_start).count();
        let in_code = code_lines(text, &spans, body_line);
        Doc { text, spans, body_line, in_code }
    }

    fn line(&self, i: usize) -> &'a str {
        self.spans[i].content(self.text)
    }

    fn is_blank(&self, i: usize) -> bool {
        self.line(i).trim().is_empty()
    }

    fn headings(&self) -> Vec<Heading> {
        (self.body_line..self.spans.len())
            .filter(|&i| !self.in_code[i])
            .filter_map(|i| {
                let (level, text) = parse_heading(self.line(i))?;
                Some(Heading { line: i, level, text })
            })
            .collect()
    }

    /// The section of the first heading whose text matches: (heading line, end line).
    fn section(&self, matches: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
        let all = self.headings();
        let pos = all.iter().position(|h| matches(&h.text))?;
        let head = &all[pos];
        let end = all[pos + 1..].iter().find(|h| h.level <= head.level).map_or(self.spans.len(), |h| h.line);
        Some((head.line, end))
    }

    /// Top-level list items of lines `from..to` as (first line, last line).
    fn items(&self, from: usize, to: usize) -> Vec<(usize, usize)> {
        let mut items = Vec::new();
        let mut i = from;
        while i < to {
            if self.in_code[i] || item_text(self.line(i)).is_none() {
                i += 1;
                continue;
            }
            let mut last = i;
            while last + 1 < to && !self.is_blank(last + 1) && continues_item(self.line(last + 1)) {
                last += 1;
            }
            items.push((i, last));
            i = last + 1;
        }
        items
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

fn is_indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

/// Whether a non-blank line right after a list item's line still belongs to the item, as
/// Markdown reads it: indented, or a lazy continuation of its text (a line that starts
/// nothing else: no new item, heading, fence, quote, rule or HTML block). A new item goes
/// after it, never between the item and its continuation.
fn continues_item(line: &str) -> bool {
    if is_indented(line) {
        return true;
    }
    let starts_something = strip_list_marker(line).is_some()
        || parse_heading(line).is_some()
        || fence_of(line).is_some()
        || line.starts_with(['>', '<', '|'])
        || is_thematic_break(line);
    !starts_something
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

/// Marks the lines of fenced code blocks (fences included) from `from` on.
fn code_lines(text: &str, spans: &[LineSpan], from: usize) -> Vec<bool> {
    let mut flags = vec![false; spans.len()];
    let mut open: Option<(char, usize)> = None;
    for (i, span) in spans.iter().enumerate().skip(from) {
        let fence = fence_of(span.content(text));
        match (open, fence) {
            (None, Some((c, n, _))) => open = Some((c, n)),
            (Some((c, n)), Some((fc, fnum, rest))) if fc == c && fnum >= n && rest.is_empty() => {
                flags[i] = true;
                open = None;
                continue;
            }
            _ => {}
        }
        flags[i] = open.is_some();
    }
    flags
}

/// A fence line's character, length and trimmed info string.
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let c = body.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = body.len() - body.trim_start_matches(c).len();
    (n >= 3).then(|| (c, n, body[n..].trim()))
}

/// Parses an ATX heading into level and text.
fn parse_heading(line: &str) -> Option<(usize, String)> {
    let body = line.trim_start_matches(' ');
    if line.len() - body.len() > 3 {
        return None;
    }
    let level = body.len() - body.trim_start_matches('#').len();
    let rest = &body[level..];
    if !(1..=6).contains(&level) || !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    let closed = rest.trim_end_matches('#');
    let text = if closed.is_empty() || closed.ends_with([' ', '\t']) { closed.trim() } else { rest };
    Some((level, text.to_string()))
}

/// The text after the list marker of a top-level (not indented) item: the markers the reader
/// accepts (`-`, `*`, `+`, `1.`, `1)`), so rolo edits every item it lists.
fn item_text(line: &str) -> Option<&str> {
    // A rule like `* * *` is not an item, though it starts like one.
    if is_indented(line) || is_thematic_break(line) {
        return None;
    }
    strip_list_marker(line)
}

/// `entry` (a `- ` item) written with the marker of the ordered item on `line`, numbered one
/// more when it goes after it; unchanged next to a bullet item.
fn with_marker_of(entry: &str, line: &str, after: bool) -> String {
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

/// The `YYYY-MM-DD` date an item starts with.
fn item_date(line: &str) -> Option<NaiveDate> {
    let rest = item_text(line)?;
    let head = rest.get(..10)?;
    let shape = head.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    let next_is_digit = rest[10..].starts_with(|c: char| c.is_ascii_digit());
    if !shape || next_is_digit {
        return None;
    }
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// Lists the note's headings (outside front matter and fenced code).
pub fn headings(text: &str) -> Vec<Heading> {
    Doc::new(text).headings()
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
/// Follows the section's date order (ascending or descending); otherwise
/// adds it after the last list item. Creates `## Log` at the end when missing.
pub fn insert_log_entry(text: &str, entry: &str, date: NaiveDate) -> String {
    let le = detect_line_ending(text);
    let doc = Doc::new(text);
    let is_log = |t: &str| {
        let t = t.trim().to_lowercase();
        t == "log" || t == "interactions"
    };
    let Some((head, end)) = doc.section(is_log) else {
        return append_section(text, "Log", entry, le);
    };
    // Each dated item as ((first line, last line), date).
    let dated: Vec<((usize, usize), NaiveDate)> =
        doc.items(head + 1, end).into_iter().filter_map(|item| Some((item, item_date(doc.line(item.0))?))).collect();
    let dates: Vec<NaiveDate> = dated.iter().map(|d| d.1).collect();
    // A sorted order needs two dates or more, so `dated` is not empty below.
    match order_of(&dates) {
        Order::Descending => match dated.iter().find(|d| d.1 <= date) {
            Some(&((first, _), _)) => doc.insert_item_before(first, entry, le),
            None => doc.insert_item_after(dated[dated.len() - 1].0, entry, le),
        },
        Order::Ascending => match dated.iter().rev().find(|d| d.1 <= date) {
            Some(&(item, _)) => doc.insert_item_after(item, entry, le),
            None => doc.insert_item_before(dated[0].0 .0, entry, le),
        },
        Order::Neither => doc.append_to_section(head, end, entry, le),
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

/// Adds `task_line` at the end of the list under the first heading named
/// `heading` (case-insensitive), creating `## {heading}` at the end if missing.
pub fn append_task(text: &str, task_line: &str, heading: &str) -> String {
    let le = detect_line_ending(text);
    let doc = Doc::new(text);
    let wanted = heading.trim().to_lowercase();
    match doc.section(|t| t.to_lowercase() == wanted) {
        Some((head, end)) => doc.append_to_section(head, end, task_line, le),
        None => append_section(text, heading.trim(), task_line, le),
    }
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

/// Lists open task lines of the body (outside front matter and fenced code).
pub fn open_tasks(text: &str) -> Vec<TaskLine> {
    let doc = Doc::new(text);
    (doc.body_line..doc.spans.len())
        .filter(|&i| !doc.in_code[i] && open_task_box(doc.line(i)).is_some())
        .map(|index| TaskLine { index, text: doc.line(index).to_string() })
        .collect()
}

/// The 0-based index of the first line whose text (without ending) is `needle`.
pub fn find_line(text: &str, needle: &str) -> Option<usize> {
    line_spans(text).iter().position(|s| s.content(text) == needle)
}

#[cfg(test)]
#[path = "sections_tests.rs"]
mod tests;
