//! The Markdown body: the Log section's dated entries, tasks (promises), and every wikilink
//! with whether it sits in real prose. One pulldown-cmark pass, no HTML rendering; plain
//! bodies take a faster line-by-line reader that gives the same result
//! ([`plain_markdown`](super::plain_markdown)).

use super::tasks::{parse_task_line, TaskLine};
use super::wikilink::link_target;
use super::ShortString;
use crate::model::date::leading_date;
use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use std::borrow::Cow;

/// One dated entry of a Log or Interactions section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LogEntry {
    /// When it happened.
    #[serde(with = "super::days")]
    pub date: NaiveDate,
    /// They reached out to you (`<-` or `←` after the date).
    pub incoming: bool,
    /// The first hashtag, lowercased, without `#`.
    pub channel: Option<ShortString>,
    /// The entry's text after the date, direction and channel.
    pub text: ShortString,
    /// File line of the entry.
    pub line: usize,
    /// Wikilink targets in the entry that sit in prose.
    pub links: Vec<ShortString>,
    /// The entry carries `#intro`: an introduction you made.
    pub is_intro: bool,
}

/// A Markdown task (`- [ ]` or `- [x]`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Task {
    /// File line of the task.
    pub line: usize,
    /// What the task line says, parsed.
    pub parsed: TaskLine,
    /// Wikilink targets on the task.
    pub links: Vec<ShortString>,
}

/// A wikilink in the body.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// The target note's name.
    pub target: ShortString,
    /// File line.
    pub line: usize,
    /// In real prose: not in a quote, heading, embed, code, or an unchecked task.
    pub is_prose: bool,
}

/// What rolo reads from a note's body.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Body {
    /// Dated entries under a `Log` or `Interactions` heading.
    pub log: Vec<LogEntry>,
    /// Every task, open or done.
    pub tasks: Vec<Task>,
    /// Every wikilink.
    pub mentions: Vec<Mention>,
}

/// The one set of Markdown options every pass uses, so all of rolo reads the same dialect.
pub fn markdown_options() -> Options {
    Options::ENABLE_WIKILINKS | Options::ENABLE_TASKLISTS | Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

struct ItemState {
    start: usize,
    /// The item starts inside a Log section: a heading nested in it does not take it out.
    in_log: bool,
    task: Option<bool>,
    links: Vec<ShortString>,
}

#[derive(Default)]
struct State {
    log_level: Option<HeadingLevel>,
    heading: Option<(HeadingLevel, String)>,
    quote_depth: usize,
    image_depth: usize,
    items: Vec<ItemState>,
}

impl State {
    fn in_unchecked_task(&self) -> bool {
        self.items.iter().any(|i| i.task == Some(false))
    }

    fn end_heading(&mut self) {
        let Some((level, text)) = self.heading.take() else { return };
        self.log_level = log_level_after(self.log_level, level, &text);
    }
}

/// The level of the Log section a heading leaves the reader in: a `Log` or `Interactions`
/// heading opens one, a heading at its level or above closes it, a subheading keeps it.
pub(super) fn log_level_after(
    log_level: Option<HeadingLevel>,
    level: HeadingLevel,
    text: &str,
) -> Option<HeadingLevel> {
    let name = text.trim().to_lowercase();
    if name == "log" || name == "interactions" {
        Some(level)
    } else if log_level.is_some_and(|l| level <= l) {
        None
    } else {
        log_level
    }
}

/// The body with its Obsidian comments (`%%…%%`, within a line or across blocks; an
/// unclosed `%%` runs to the end) blanked out, line breaks kept, so offsets and lines stay
/// where they were. Obsidian does not show comments, so rolo reads no link, log entry or task
/// inside one. A `%%` in code is text.
pub fn without_comments(body: &str) -> Cow<'_, str> {
    let marks = comment_marks(body);
    if marks.is_empty() {
        return Cow::Borrowed(body);
    }
    let mut bytes = body.as_bytes().to_vec();
    for pair in marks.chunks(2) {
        let end = pair.get(1).map_or(bytes.len(), |close| close + 2);
        // Whole characters become spaces byte by byte, so the text stays UTF-8.
        bytes[pair[0]..end].iter_mut().filter(|b| !matches!(b, b'\n' | b'\r')).for_each(|b| *b = b' ');
    }
    String::from_utf8(bytes).map_or(Cow::Borrowed(body), Cow::Owned)
}

/// Where the `%%` marks of Obsidian comments are (outside code), in order.
fn comment_marks(body: &str) -> Vec<usize> {
    if !body.contains("%%") {
        return Vec::new();
    }
    let mut marks = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        if let Event::Text(_) = event {
            let text = body.get(range.clone()).unwrap_or("");
            marks.extend(text.match_indices("%%").map(|(i, _)| range.start + i));
        }
    }
    marks
}

/// The offset of the `%%` that opens a comment never closed, which runs to the end.
pub fn unclosed_comment(body: &str) -> Option<usize> {
    let marks = comment_marks(body);
    (marks.len() % 2 == 1).then(|| marks.last().copied()).flatten()
}

/// Parses a body that starts on file line `body_line`.
pub fn parse(body: &str, body_line: usize) -> Body {
    super::plain_markdown::read(body, body_line).unwrap_or_else(|| parse_markdown(body, body_line))
}

/// [`parse`] with pulldown-cmark, whatever the body holds: the reference the plain reader
/// is tested against.
pub fn parse_markdown(body: &str, body_line: usize) -> Body {
    let body = without_comments(body);
    let body = body.as_ref();
    let lines = LineIndex::new(body, body_line);
    let mut state = State::default();
    let mut out = Body::default();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => state.heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => state.end_heading(),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = state.heading.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::Start(Tag::BlockQuote(_)) => state.quote_depth += 1,
            Event::End(TagEnd::BlockQuote(_)) => state.quote_depth = state.quote_depth.saturating_sub(1),
            Event::Start(Tag::Item) => {
                let in_log = state.log_level.is_some();
                state.items.push(ItemState { start: range.start, in_log, task: None, links: Vec::new() })
            }
            Event::TaskListMarker(checked) => {
                if let Some(item) = state.items.last_mut() {
                    item.task = Some(checked);
                }
            }
            Event::End(TagEnd::Item) => {
                if let Some(item) = state.items.pop() {
                    finish_item(body, &lines, item, &mut out);
                }
            }
            Event::Start(Tag::Image { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                state.image_depth += 1;
                record_link(&mut state, &mut out, &dest_url, lines.line_of(range.start), false);
            }
            Event::End(TagEnd::Image) => state.image_depth = state.image_depth.saturating_sub(1),
            Event::Start(Tag::Link { link_type: LinkType::WikiLink { .. }, dest_url, .. }) => {
                let prose = state.quote_depth == 0
                    && state.heading.is_none()
                    && state.image_depth == 0
                    && !state.in_unchecked_task();
                record_link(&mut state, &mut out, &dest_url, lines.line_of(range.start), prose);
            }
            _ => {}
        }
    }
    out
}

fn record_link(state: &mut State, out: &mut Body, dest: &str, line: usize, is_prose: bool) {
    let Some(target) = link_target(dest) else { return };
    if let Some(item) = state.items.last_mut() {
        if is_prose || item.task.is_some() {
            item.links.push(ShortString::from(target));
        }
    }
    out.mentions.push(Mention { target: ShortString::from(target), line, is_prose });
}

fn finish_item(body: &str, lines: &LineIndex, item: ItemState, out: &mut Body) {
    let line_text = lines.line_text(body, item.start);
    finish_list_item(line_text, lines.line_of(item.start), item.task.is_some(), item.in_log, item.links, out);
}

/// Records a list item from its first line: a task when it has a checkbox, else a log entry
/// when it starts inside a Log section.
pub(super) fn finish_list_item(
    line_text: &str,
    line: usize,
    is_task: bool,
    in_log: bool,
    links: Vec<ShortString>,
    out: &mut Body,
) {
    if is_task {
        if let Some(parsed) = parse_task_line(line_text) {
            out.tasks.push(Task { line, parsed, links });
        }
        return;
    }
    if in_log {
        if let Some(entry) = parse_log_line(line_text, line, links) {
            out.log.push(entry);
        }
    }
}

/// Parses `- 2026-03-14 <- #coffee text` (the list marker included) into a log entry.
pub fn parse_log_line(line: &str, number: usize, links: Vec<ShortString>) -> Option<LogEntry> {
    let rest = strip_list_marker(line)?;
    let (date, len) = leading_date(rest)?;
    let mut rest = without_separator(rest[len..].trim_start());
    let mut incoming = false;
    for arrow in ["<-", "←"] {
        if let Some(after) = rest.strip_prefix(arrow) {
            incoming = true;
            rest = after.trim_start();
        }
    }
    let (channel, text, is_intro) = channel_and_text(rest);
    Some(LogEntry { date, incoming, channel, text, line: number, links, is_intro })
}

/// An entry's channel (its first hashtag), its text without it, words single-spaced, and
/// whether it carries `#intro`.
fn channel_and_text(rest: &str) -> (Option<ShortString>, ShortString, bool) {
    // Most entries are `#channel text` or `text`, single-spaced, with no other hashtag: the
    // text is then what follows the channel, as written.
    if single_spaced(rest) {
        let (first, after) = rest.split_once(' ').unwrap_or((rest, ""));
        let (channel, text) = match hashtag(first) {
            Some(tag) => (Some(tag), after),
            None => (None, rest),
        };
        if !text.contains('#') {
            let is_intro = channel.as_deref() == Some("intro");
            return (channel, ShortString::from(text), is_intro);
        }
    }
    channel_and_text_by_words(rest)
}

/// [`channel_and_text`] word by word, for any text.
fn channel_and_text_by_words(rest: &str) -> (Option<ShortString>, ShortString, bool) {
    let mut channel = None;
    let mut is_intro = false;
    let mut text = ShortString::with_capacity(rest.len());
    for word in rest.split_whitespace() {
        match hashtag(word) {
            Some(tag) if channel.is_none() => {
                is_intro |= tag == "intro";
                channel = Some(tag);
                continue;
            }
            Some(tag) => is_intro |= tag == "intro",
            None => {}
        }
        if !text.is_empty() {
            text.push(' ');
        }
        text.push_str(word);
    }
    (channel, text, is_intro)
}

/// Whether `text` is words separated by single spaces, with no other whitespace: what
/// `split_whitespace` and a join with `' '` would give back unchanged.
fn single_spaced(text: &str) -> bool {
    let mut after_space = true;
    for &b in text.as_bytes() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => return false,
            _ => after_space = false,
        }
    }
    (text.is_empty() || !after_space) && (text.is_ascii() || !text.chars().any(|c| c != ' ' && c.is_whitespace()))
}

/// The text after a separator people put between an entry's date and its text
/// (`2026-03-14: call`, `[[2026-03-14]] — call`).
fn without_separator(text: &str) -> &str {
    for separator in [":", "-", "–", "—"] {
        if let Some(after) = text.strip_prefix(separator) {
            if after.is_empty() || after.starts_with(char::is_whitespace) {
                return after.trim_start();
            }
        }
    }
    text
}

/// `#coffee,` → `coffee`; words that are not hashtags → None.
pub(crate) fn hashtag(word: &str) -> Option<ShortString> {
    let tag = word.strip_prefix('#')?;
    if !tag.starts_with(char::is_alphabetic) {
        return None;
    }
    let end = tag
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '-' || *c == '_' || *c == '/'))
        .map_or(tag.len(), |(i, _)| i);
    let tag = &tag[..end];
    Some(if tag.is_ascii() {
        let mut lower = ShortString::from(tag);
        lower.make_ascii_lowercase();
        lower
    } else {
        ShortString::from(tag.to_lowercase())
    })
}

/// The text of a list item line after its marker (`-`, `*`, `+`, `1.`, `1)`).
pub fn strip_list_marker(line: &str) -> Option<&str> {
    let trimmed = line.trim_start();
    let rest = if let Some(r) = trimmed.strip_prefix(['-', '*', '+']) {
        r
    } else {
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        trimmed[digits..].strip_prefix(['.', ')'])?
    };
    (rest.is_empty() || rest.starts_with([' ', '\t'])).then(|| rest.trim_start())
}

/// Maps byte offsets of the body to file lines.
struct LineIndex {
    starts: Vec<usize>,
    first_line: usize,
}

impl LineIndex {
    fn new(text: &str, first_line: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts, first_line }
    }

    fn index_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.index_of(offset)
    }

    fn line_text<'a>(&self, text: &'a str, offset: usize) -> &'a str {
        let i = self.index_of(offset);
        let start = self.starts[i];
        let end = self.starts.get(i + 1).map_or(text.len(), |&e| e.saturating_sub(1));
        text.get(start..end).unwrap_or("").trim_end_matches('\r')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn reads_log_entries_under_a_log_heading() {
        let body = "# Ana\n\n## Log\n- 2026-03-14 #coffee swapped stories [[Ben Ortiz]]\n- 2026-04-01 <- #email asked for slides\n\n## Other\n- 2026-05-01 not a log entry\n";
        let b = parse(body, 5);
        assert_eq!(b.log.len(), 2);
        let first = &b.log[0];
        assert_eq!((first.date, first.incoming, first.line), (date("2026-03-14"), false, 8));
        assert_eq!(first.channel.as_deref(), Some("coffee"));
        assert_eq!(first.text, "swapped stories [[Ben Ortiz]]");
        assert_eq!(first.links, vec!["Ben Ortiz"]);
        assert!(b.log[1].incoming);
    }

    #[test]
    fn interactions_heading_at_any_level_and_case() {
        let b = parse("### INTERACTIONS\n\n* 2026-01-02 ← call\n", 1);
        assert_eq!(b.log.len(), 1);
        assert!(b.log[0].incoming);
        assert_eq!(b.log[0].channel, None);
    }

    #[test]
    fn subheadings_stay_inside_the_log_section() {
        let b = parse("## Log\n### 2026\n- 2026-01-02 #call hi\n## Notes\n- 2026-01-03 x\n", 1);
        assert_eq!(b.log.len(), 1);
    }

    #[test]
    fn an_entry_with_a_heading_inside_stays_in_the_log() {
        let b = parse("## Log\n- 2026-01-02 met\n  ## Sub\n- 2026-01-03 x\n", 1);
        let dates: Vec<_> = b.log.iter().map(|e| e.date).collect();
        assert_eq!(dates, vec![date("2026-01-02")]);
    }

    #[test]
    fn obsidian_comments_hide_links_entries_and_tasks() {
        let body = "## Log\n- 2026-01-02 met [[Ana]] %%and [[Ben]]%%\n%%\n- 2026-01-03 hidden [[Cy]]\n- [ ] secret\n%%\n- 2026-01-04 seen\n\n`%%` [[Di]] %%\n- [ ] after an unclosed mark\n";
        let b = parse(body, 1);
        let log: Vec<(String, &str)> = b.log.iter().map(|e| (e.date.to_string(), e.text.as_str())).collect();
        assert_eq!(log, [("2026-01-02".to_string(), "met [[Ana]]"), ("2026-01-04".to_string(), "seen")]);
        assert_eq!(b.log[1].line, 7, "lines stay where they were");
        let links: Vec<&str> = b.mentions.iter().map(|m| m.target.as_str()).collect();
        assert_eq!(links, ["Ana", "Di"], "a %% in code is text");
        assert!(b.tasks.is_empty(), "{:?}", b.tasks);
    }

    #[test]
    fn comments_blank_whole_characters() {
        let text = "a %%é\r\nü%% b";
        assert_eq!(without_comments(text), "a     \r\n     b");
        assert_eq!(without_comments(text).len(), text.len());
        assert!(matches!(without_comments("no comment"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_separator_after_the_date_is_not_text() {
        for line in ["- 2026-03-14: call", "- 2026-03-14 - call", "- [[2026-03-14]] — call", "- 2026-03-14 – call"]
        {
            assert_eq!(parse_log_line(line, 1, Vec::new()).map(|e| e.text), Some("call".into()), "{line}");
        }
        // Not a separator: a word or an arrow.
        let text = |line| parse_log_line(line, 1, Vec::new()).map(|e| e.text);
        assert_eq!(text("- 2026-03-14 -call"), Some("-call".into()));
        assert_eq!(text("- 2026-03-14: <- #email asked").map(|t| t.to_string()), Some("asked".into()));
    }

    proptest::proptest! {
        #[test]
        fn the_usual_entry_is_read_as_word_by_word(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "#coffee", "#Intro", "#intro", "#a-b/c,", "#1", "#", "met", "[[Ana]]", "é", "x#y", "", " ", "  ",
                    "\t", "\u{a0}", "\u{2003}", "\u{85}", "\r", "\u{b}", "#é",
                ]),
                0..6,
            )
        ) {
            let text = words.join(" ");
            proptest::prop_assert_eq!(channel_and_text(&text), channel_and_text_by_words(&text), "for {:?}", text);
        }
    }

    #[test]
    fn single_spaced_text_is_kept_as_written() {
        assert!(single_spaced("met [[Ana]] for coffee"));
        assert!(single_spaced(""));
        for text in [" met", "met ", "met  Ana", "met\tAna", "met\u{a0}Ana", " "] {
            assert!(!single_spaced(text), "{text:?}");
        }
    }

    #[test]
    fn intro_entries_are_flagged() {
        let b = parse("## Log\n- 2026-01-02 #intro [[A]] meets [[B]]\n", 1);
        assert!(b.log[0].is_intro);
        assert_eq!(b.log[0].links, vec!["A", "B"]);
    }

    #[test]
    fn only_prose_links_count() {
        let body = "[[A]] said hi\n\n- [ ] call [[B]]\n- [x] called [[C]]\n\n> [[D]]\n\n`[[E]]`\n\n```\n[[F]]\n```\n\n![[G]]\n\n# [[H]]\n";
        let b = parse(body, 1);
        let prose: Vec<_> = b.mentions.iter().filter(|m| m.is_prose).map(|m| m.target.as_str()).collect();
        assert_eq!(prose, vec!["A", "C"]);
        let all: Vec<_> = b.mentions.iter().map(|m| m.target.as_str()).collect();
        assert_eq!(all, vec!["A", "B", "C", "D", "G", "H"]);
    }

    #[test]
    fn tasks_carry_their_links_and_line() {
        let b = parse("text\n\n- [ ] send [[Ana]] the deck 📅 2026-12-01\n", 10);
        assert_eq!(b.tasks.len(), 1);
        assert_eq!(b.tasks[0].line, 12);
        assert_eq!(b.tasks[0].links, vec!["Ana"]);
        assert_eq!(b.tasks[0].parsed.due, Some(date("2026-12-01")));
    }

    #[test]
    fn crlf_bodies_keep_line_numbers() {
        let b = parse("## Log\r\n\r\n- 2026-01-02 #call hi\r\n", 3);
        assert_eq!(b.log[0].line, 5);
        assert_eq!(b.log[0].text, "hi");
    }
}
