//! A line-by-line reader for plain Markdown bodies: about three times faster than the full
//! CommonMark pass, and giving the same [`Body`].
//!
//! Most notes are plain: headings, paragraphs, `- ` lists at the margin, tasks and
//! `[[wikilinks]]`. In such a body each line is one block, so rolo can read it line by line.
//! Anything whose meaning depends on more of CommonMark (code, quotes, HTML, tables, nested or
//! numbered lists, setext headings, thematic breaks, escapes, embeds, a paragraph line that
//! continues a list item, a bracket that is no wikilink...) makes [`read`] answer `None`, and
//! [`body::parse`](super::body::parse) reads the body with pulldown-cmark instead. The
//! property tests and the `note_parse` fuzz target check that what this reader accepts,
//! pulldown-cmark reads the same.

use super::body::{finish_list_item, log_level_after, Body, Mention};
use super::wikilink::link_target;
use super::ShortString;
use pulldown_cmark::HeadingLevel;
use std::borrow::Cow;

/// What the line before was, for the one rule that spans lines: a paragraph line right after a
/// list item continues that item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previous {
    Blank,
    Heading,
    Item,
    Paragraph,
}

/// Reads a body that starts on file line `body_line`, or `None` when it is not plain (see the
/// module documentation). A body with an Obsidian comment (`%%`) is not plain: a comment can
/// hide any part of a line, and only the full pass blanks them out.
pub fn read(body: &str, body_line: usize) -> Option<Body> {
    let mut out = Body::default();
    let mut log_level = None;
    let mut previous = Previous::Blank;
    for (i, raw) in lines(body).enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let number = body_line + i;
        // Every byte of a line read here passes through `each_link`, which refuses control
        // characters and comments, except for the list markers, checkboxes and `#`s matched
        // on the way.
        if line.bytes().all(|b| b == b' ' || b == b'\t') {
            previous = Previous::Blank;
            continue;
        }
        previous = match line.as_bytes()[0] {
            b'#' => match heading(line)? {
                Some((level, text)) => {
                    let name = heading_name(text)?;
                    each_link(text, |target| {
                        out.mentions.push(Mention { target: target.into(), line: number, is_prose: false })
                    })?;
                    log_level = log_level_after(log_level, level, &name);
                    Previous::Heading
                }
                None => paragraph(line, number, previous, &mut out)?,
            },
            b'-' | b'+' | b'*' => {
                list_item(line, number, log_level.is_some(), &mut out)?;
                Previous::Item
            }
            b'0'..=b'9' if numbered(line) => return None,
            b' ' | b'\t' | b'>' | b'<' | b'=' | b'_' | b'~' | b'`' | b'|' | b':' => return None,
            _ => paragraph(line, number, previous, &mut out)?,
        };
    }
    Some(out)
}

/// The lines of `text` as `split('\n')` gives them, found with a SIMD byte search.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len())).map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line
    })
}

/// A line starting with `#`: `Some(Some(..))` for an ATX heading with plain text (links
/// allowed), `Some(None)` for a paragraph (a hashtag: `#coffee`), `None` for anything else.
fn heading(line: &str) -> Option<Option<(HeadingLevel, &str)>> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    match line.as_bytes().get(hashes) {
        Some(b' ') if hashes <= 6 => {
            let text = line[hashes + 1..].trim_matches([' ', '\t']);
            // A closing `#` sequence, an empty heading or inline markup: the full pass.
            let plain = !text.is_empty()
                && !text.ends_with('#')
                && !text.bytes().any(|b| matches!(b, b'*' | b'_' | b'\\' | b'`' | b'<' | b'>' | b'&' | b'~'));
            let level = HeadingLevel::try_from(hashes).ok()?;
            plain.then_some(Some((level, text)))
        }
        Some(b' ' | b'\t' | b'#') | None => None,
        Some(_) => Some(None),
    }
}

/// A heading's text as CommonMark reads it: each wikilink shows its display text (`[[Ana|A]]`
/// reads `A`, `[[Ana]]` reads `Ana`). `None` when a bracket is no wikilink.
fn heading_name(text: &str) -> Option<Cow<'_, str>> {
    if !text.contains('[') {
        return Some(Cow::Borrowed(text));
    }
    let mut name = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('[') {
        name.push_str(&rest[..at]);
        let (inner, end) = wikilink(rest, at)?;
        name.push_str(inner.split_once('|').map_or(inner, |(_, shown)| shown));
        rest = &rest[end..];
    }
    name.push_str(rest);
    Some(Cow::Owned(name))
}

/// A paragraph line: its links are mentions in prose.
fn paragraph(line: &str, number: usize, previous: Previous, out: &mut Body) -> Option<Previous> {
    // A lazy continuation of the list item above: its links would be the item's.
    if previous == Previous::Item {
        return None;
    }
    each_link(line, |target| out.mentions.push(Mention { target: target.into(), line: number, is_prose: true }))?;
    Some(Previous::Paragraph)
}

/// A bullet list item at the margin: its marker, one space, then text that opens no other
/// block. A checkbox makes it a task; inside a Log section it is an entry.
fn list_item(line: &str, number: usize, in_log: bool, out: &mut Body) -> Option<()> {
    let content = line[1..].strip_prefix(' ')?;
    let (checkbox, text) = match content.as_bytes() {
        [b'[', mark @ (b' ' | b'x' | b'X'), b']', b' ', ..] => (Some(*mark != b' '), &content[4..]),
        _ => (None, content),
    };
    if opens_a_block(text) {
        return None;
    }
    let mut links = Vec::new();
    let is_prose = checkbox != Some(false);
    each_link(text, |target| {
        links.push(ShortString::from(target));
        out.mentions.push(Mention { target: target.into(), line: number, is_prose });
    })?;
    finish_list_item(line, number, checkbox.is_some(), in_log, links, out);
    Some(())
}

/// Whether an item's text would start a block of its own (a nested list, quote, heading,
/// code, a thematic break...), or is empty: only the full pass reads those. A hashtag
/// (`#coffee`) or emphasis (`*new*`) is text.
fn opens_a_block(text: &str) -> bool {
    let bytes = text.as_bytes();
    match bytes.first() {
        None | Some(b' ' | b'\t' | b'>' | b'=' | b'~' | b'`' | b'<' | b'|' | b':') => true,
        Some(b'#') => heading(text) != Some(None),
        Some(&marker @ (b'-' | b'+' | b'*' | b'_')) => {
            matches!(bytes.get(1), None | Some(b' ' | b'\t')) || bytes.get(1) == Some(&marker)
        }
        Some(b'0'..=b'9') => numbered(text),
        Some(_) => false,
    }
}

/// Whether a line starts like a numbered list item (`1.`, `2)`): digits, then `.` or `)`.
fn numbered(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    matches!(line.as_bytes().get(digits), Some(b'.' | b')'))
}

/// Calls `found` with the target of each wikilink in `text`, in order; `None` when the text
/// holds inline markup that is not plain: a bracket outside a wikilink, code, an escape, an
/// embed, HTML or an autolink, a table cell, an Obsidian comment (`%%`), or a control
/// character (a lone CR ends a line in CommonMark, NUL is replaced).
fn each_link<'a>(text: &'a str, mut found: impl FnMut(&'a str)) -> Option<()> {
    let bytes = text.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && !INLINE_SPECIAL[usize::from(bytes[i])] {
            i += 1;
        }
        let Some(&byte) = bytes.get(i) else { return Some(()) };
        match byte {
            b'[' => {
                let (inner, end) = wikilink(text, i)?;
                // `link_target` stops at the `|` itself: the destination need not be cut first.
                if let Some(target) = link_target(inner) {
                    found(target);
                }
                i = end;
                continue;
            }
            b'!' if bytes.get(i + 1) == Some(&b'[') => return None,
            b'%' if bytes.get(i + 1) == Some(&b'%') => return None,
            b'<' if opens_html(&text[i..]) => return None,
            b'!' | b'%' | b'<' => {}
            _ => return None,
        }
        i += 1;
    }
}

/// The bytes [`each_link`] stops at: control characters but tab, and `` ` \ ] | [ ! % < ``.
const INLINE_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = b != 0x09;
        b += 1;
    }
    let marks = b"`\\]|[!%<";
    let mut i = 0;
    while i < marks.len() {
        table[marks[i] as usize] = true;
        i += 1;
    }
    table
};

/// Whether a `<` may start inline HTML or an autolink: a tag, comment or declaration, or any
/// `>` after it on the line (`<ana@example.com>`). `<-` and `a < b` are text.
fn opens_html(from_angle: &str) -> bool {
    let next = from_angle.as_bytes().get(1).copied().unwrap_or(b' ');
    next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?') || from_angle.contains('>')
}

/// The wikilink opening at byte `at` (a `[`): the text between its brackets, and the offset
/// after its `]]`. `None` for a single bracket, an unclosed link, one with no destination,
/// or one holding characters that markup could claim.
fn wikilink(text: &str, at: usize) -> Option<(&str, usize)> {
    let inner_start = at + 2;
    if text.as_bytes().get(at + 1) != Some(&b'[') {
        return None;
    }
    // The link ends at the first `]`, which must be doubled: the text between holds no bracket.
    let len = text[inner_start..].bytes().position(|b| b == b']')?;
    let inner = &text[inner_start..inner_start + len];
    if text.as_bytes().get(inner_start + len + 1) != Some(&b']')
        || inner.bytes().any(|b| {
            b < b' ' || matches!(b, b'[' | b'`' | b'\\' | b'<' | b'>' | b'&' | b'*' | b'_' | b'~' | b'!' | b'%')
        })
    {
        return None;
    }
    let end = inner_start + len + 2;
    // `[[a]](url)` and `[[a]][ref]` may be read as other links.
    if destination(inner).is_empty() || matches!(text.as_bytes().get(end), Some(b'(' | b'[')) {
        return None;
    }
    Some((inner, end))
}

/// A wikilink's destination as pulldown-cmark gives it: the text before the first `|`, as written.
fn destination(inner: &str) -> &str {
    inner.bytes().position(|b| b == b'|').map_or(inner, |bar| &inner[..bar])
}

#[cfg(test)]
#[path = "plain_markdown_tests.rs"]
mod tests;
