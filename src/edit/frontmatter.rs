//! Text-level edits of front matter fields: only the value's bytes change.

use super::lines::{detect_line_ending, locate_front_matter, parse_key_line, top_level_keys, KeySpan, LineEnding, BOM};
use super::verify::{read_back, Wanted};
use super::{EditError, UNNAMED};

pub use super::lists::add_to_list;

/// Sets top-level `key` to `yaml_value` (already valid single-line YAML).
///
/// Keeps the key's spelling, spacing, trailing comment, quote style and line
/// ending; adds the key (or the whole front matter) when missing. Refuses with
/// [`EditError::Unverified`] when YAML would not read the result as exactly that change.
pub fn set_field(text: &str, key: &str, yaml_value: &str) -> Result<String, EditError> {
    let new = write_field(text, key, yaml_value)?;
    read_back(text, new, key, Wanted::Value(yaml_value))
}

fn write_field(text: &str, key: &str, yaml_value: &str) -> Result<String, EditError> {
    check_key(key)?;
    check_single_line(yaml_value, "the value")?;
    let le = detect_line_ending(text);
    let Some(block) = locate_front_matter(text)? else {
        let line = format!("{}: {yaml_value}", format_key(key));
        return Ok(create_front_matter(text, &[line], le));
    };
    let keys = top_level_keys(text, &block);
    let Some(span) = keys.iter().find(|k| k.key == key) else {
        let line = format!("{}: {yaml_value}{}", format_key(key), le.as_str());
        return Ok(splice(text, block.end, block.end, &line));
    };
    if span.is_multi_line(text) {
        let line = format!("{} {yaml_value}{}", key_and_properties(text, span), key_line_ending(text, span));
        return Ok(splice(text, span.start, span.end, &line));
    }
    Ok(replace_scalar(text, span, yaml_value))
}

fn key_line_ending<'a>(text: &'a str, span: &KeySpan) -> &'a str {
    let rest = &text[span.line_content_end..];
    if rest.starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// The key line up to the value itself: the key, its colon and any `&anchor` or `!tag`.
fn key_and_properties<'a>(text: &'a str, span: &KeySpan) -> &'a str {
    text[span.start..value_spot(text, span).scalar_start].trim_end()
}

fn replace_scalar(text: &str, span: &KeySpan, yaml_value: &str) -> String {
    let spot = value_spot(text, span);
    let old = &text[spot.scalar_start..spot.end];
    let new = keep_quote_style(old, yaml_value);
    if old == new {
        return text.to_string();
    }
    if !old.is_empty() {
        return splice(text, spot.scalar_start, spot.end, &new);
    }
    let comment = text[spot.end..span.line_content_end].trim_start();
    let sep = if comment.is_empty() { "" } else { " " };
    let line = format!("{} {new}{sep}{comment}", key_and_properties(text, span));
    splice(text, span.start, span.line_content_end, &line)
}

/// Byte range of a single-line value on its key line (without comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ValueSpot {
    /// Where the value starts, its `&anchor` or `!tag` included.
    pub(crate) start: usize,
    /// Where the scalar itself starts, after any `&anchor` and `!tag` (`end` when it is empty).
    pub(crate) scalar_start: usize,
    /// Where the value ends, before any comment.
    pub(crate) end: usize,
}

/// Finds the value written on the key line itself.
pub(crate) fn value_spot(text: &str, span: &KeySpan) -> ValueSpot {
    let line = &text[span.colon_end..span.line_content_end];
    let rest = line.trim_start_matches([' ', '\t']);
    let start = span.colon_end + (line.len() - rest.len());
    let props = properties_len(rest);
    let after = rest[props..].trim_start_matches([' ', '\t']);
    match scalar_len(after) {
        0 => ValueSpot { start, scalar_start: start + props, end: start + props },
        len => {
            let scalar_start = start + (rest.len() - after.len());
            ValueSpot { start, scalar_start, end: scalar_start + len }
        }
    }
}

/// Length of the node properties a value starts with: an `&anchor` and a `!tag`, in either
/// order, without the spaces after them.
fn properties_len(rest: &str) -> usize {
    let mut len = 0;
    for _ in 0..2 {
        let tail = &rest[len..];
        let token = tail.trim_start_matches([' ', '\t']);
        if !token.starts_with(['&', '!']) {
            break;
        }
        len += tail.len() - token.len() + token.find([' ', '\t']).unwrap_or(token.len());
    }
    len
}

fn scalar_len(rest: &str) -> usize {
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => quoted_len(rest, q as u8).unwrap_or_else(|| plain_len(rest)),
        _ => plain_len(rest),
    }
}

fn quoted_len(rest: &str, quote: u8) -> Option<usize> {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if quote == b'"' && bytes[i] == b'\\' {
            i += 2;
            continue;
        }
        if bytes[i] == quote {
            if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

fn plain_len(rest: &str) -> usize {
    let cut = rest
        .char_indices()
        .find(|&(i, c)| c == '#' && (i == 0 || rest[..i].ends_with([' ', '\t'])))
        .map_or(rest.len(), |(i, _)| i);
    rest[..cut].trim_end().len()
}

/// Wraps `new` in the quotes `old` used when `new` is a plain scalar.
fn keep_quote_style(old: &str, new: &str) -> String {
    let quoted_with = |q: char| old.len() >= 2 && old.starts_with(q) && old.ends_with(q);
    if !is_plain_scalar(new) {
        return new.to_string();
    }
    if quoted_with('"') && !new.contains(['"', '\\']) {
        return format!("\"{new}\"");
    }
    if quoted_with('\'') && !new.contains('\'') {
        return format!("'{new}'");
    }
    new.to_string()
}

/// Whether `value` can be written unquoted as a YAML plain scalar.
pub(crate) fn is_plain_scalar(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let special = "\"'[]{},&*!|>%@`#?:-";
    if special.contains(first) && !(first == '-' && value.len() > 1 && !value.starts_with("- ")) {
        return false;
    }
    value.trim() == value && !value.contains(": ") && !value.contains(" #") && !value.ends_with(':')
}

/// Removes surrounding YAML quotes from a scalar for comparisons.
pub(crate) fn unquote(value: &str) -> String {
    let v = value.trim();
    let inner = |q: char| v.len() >= 2 && v.starts_with(q) && v.ends_with(q);
    if inner('"') {
        v[1..v.len() - 1].replace("\\\"", "\"").replace("\\\\", "\\")
    } else if inner('\'') {
        v[1..v.len() - 1].replace("''", "'")
    } else {
        v.to_string()
    }
}

/// Writes `key` plainly when YAML allows it, else double-quoted.
pub(crate) fn format_key(key: &str) -> String {
    let plain = format!("{key}: x");
    match parse_key_line(&plain) {
        Some((parsed, _)) if parsed == key && !key.starts_with(['"', '\'']) => key.to_string(),
        _ => format!("\"{}\"", key.replace('\\', "\\\\").replace('"', "\\\"")),
    }
}

/// Refuses empty keys and keys with line breaks.
pub(crate) fn check_key(key: &str) -> Result<(), EditError> {
    if key.trim().is_empty() {
        return Err(invalid(key, "the key is empty"));
    }
    check_single_line(key, "the key")
}

/// Refuses text containing a line break.
pub(crate) fn check_single_line(value: &str, what: &str) -> Result<(), EditError> {
    if value.contains(['\n', '\r']) {
        return Err(invalid(value, &format!("{what} contains a line break")));
    }
    Ok(())
}

fn invalid(what: &str, why: &str) -> EditError {
    EditError::InvalidInput { path: UNNAMED.into(), what: what.into(), why: why.into() }
}

/// Puts a new front matter holding `lines` at the start (after a BOM).
pub(crate) fn create_front_matter(text: &str, lines: &[String], le: LineEnding) -> String {
    let at = if text.starts_with(BOM) { BOM.len_utf8() } else { 0 };
    let le = le.as_str();
    let mut block = format!("---{le}");
    for line in lines {
        block.push_str(line);
        block.push_str(le);
    }
    block.push_str("---");
    block.push_str(le);
    splice(text, at, at, &block)
}

/// Replaces `text[start..end]` with `with`.
pub(crate) fn splice(text: &str, start: usize, end: usize, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..start]);
    out.push_str(with);
    out.push_str(&text[end..]);
    out
}

#[cfg(test)]
#[path = "frontmatter_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "frontmatter_proptests.rs"]
mod proptests;
