//! The plain YAML that nearly all front matter is written in, read without the YAML library:
//! `key: value` lines at the left margin whose values are plain or quoted scalars on one line,
//! flow lists on one line (`[a, "b"]`), or block lists (`- item` lines). That is what Obsidian
//! writes and what most people type, and reading it here is about four times faster than
//! through the YAML library, which was two thirds of parsing a note (issue 6).
//!
//! Anything else (nested properties, multi-line or escaped scalars, anchors, tags, comments
//! after a value, tabs, duplicate keys, and whatever YAML would reject) gives `None`, and the
//! caller reads the whole front matter with the YAML library, which also words the errors.
//! What this reader accepts, it reads exactly as the YAML library does: the property tests
//! compare the two on generated front matter, and the `note_parse` fuzz target on any text.

use serde_yaml::{Number, Value};
use std::num::ParseIntError;

/// Front matter with more properties than this goes to the YAML library, which finds
/// duplicate keys in a table; here they are looked for one by one.
const MAX_PROPERTIES: usize = 128;

/// The properties of `yaml`, by key in order, when it is all plain YAML; `None` when the YAML
/// library must read it.
pub fn read(yaml: &str) -> Option<Vec<(String, Value)>> {
    if has_special_characters(yaml) {
        return None;
    }
    let lines = lines(yaml)?;
    let mut properties: Vec<(String, Value)> = Vec::new();
    let mut at = 0;
    while at < lines.len() {
        let line = lines[at];
        at += 1;
        if is_blank(line) || line.starts_with('#') {
            continue;
        }
        let (key, rest) = key_line(line)?;
        let value = match inline_value(rest)? {
            Some(value) => value,
            None => {
                let (items, next) = block_list(&lines, at)?;
                at = next;
                items.map_or(Value::Null, Value::Sequence)
            }
        };
        if properties.len() == MAX_PROPERTIES || properties.iter().any(|(k, _)| k == key) {
            return None;
        }
        properties.push((key.to_string(), value));
    }
    (!properties.is_empty()).then_some(properties)
}

/// The YAML's lines without their line ends; `None` for a carriage return that does not end
/// a line, which YAML would read as a line break of its own.
fn lines(yaml: &str) -> Option<Vec<&str>> {
    yaml.split('\n')
        .map(|line| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            (!line.contains('\r')).then_some(line)
        })
        .collect()
}

/// Characters YAML reads differently from plain text: tabs (indentation, or not), control
/// characters (refused), other line breaks (NEL, LS, PS) and byte order marks.
fn has_special_characters(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    if bytes.iter().any(|&b| (b < 0x20 && b != b'\n' && b != b'\r') || b == 0x7f) {
        return true;
    }
    !bytes.is_ascii()
        && yaml
            .chars()
            .any(|c| matches!(c, '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'))
}

fn is_blank(line: &str) -> bool {
    line.bytes().all(|b| b == b' ')
}

/// A `key:` line's key and what follows its colon. Keys are letters, digits, `_` and `-`,
/// starting with a letter or `_`: such a key is always text to YAML, but for the words YAML
/// reads as null or true/false.
fn key_line(line: &str) -> Option<(&str, &str)> {
    let bytes = line.as_bytes();
    if !bytes.first().is_some_and(|b| b.is_ascii_alphabetic() || *b == b'_') {
        return None;
    }
    let end = bytes.iter().position(|b| !(b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-'))?;
    let rest = line[end..].strip_prefix(':')?;
    let key = &line[..end];
    // YAML keys on one line are limited to 1,024 characters.
    let is_text = key.len() < 1024 && !is_null(key) && parse_bool(key).is_none();
    (is_text && (rest.is_empty() || rest.starts_with(' '))).then_some((key, rest))
}

/// The value written after a key's colon: `Some(None)` when there is none (a block list may
/// follow), `None` when it is not plain YAML.
fn inline_value(rest: &str) -> Option<Option<Value>> {
    let value = rest.trim_matches(' ');
    // `rest` starts with a space, so a `#` here starts a comment.
    if value.is_empty() || value.starts_with('#') {
        return Some(None);
    }
    let parsed = match value.as_bytes()[0] {
        b'[' => flow_list(value)?,
        _ => whole_scalar(value, Context::Block)?,
    };
    Some(Some(parsed))
}

/// The block list that starts at `lines[at]`, if one does: its items and the line after it.
fn block_list(lines: &[&str], at: usize) -> Option<(Option<Vec<Value>>, usize)> {
    let Some(indent) = lines.get(at).and_then(|line| item_indent(line)) else {
        return Some((None, at));
    };
    let mut items = Vec::new();
    let mut next = at;
    while let Some(line) = lines.get(next).filter(|line| item_indent(line) == Some(indent)) {
        let value = line[indent + 1..].trim_matches(' ');
        if value.is_empty() || matches!(value.as_bytes()[0], b'#' | b'[') {
            return None;
        }
        items.push(whole_scalar(value, Context::Block)?);
        next += 1;
    }
    Some((Some(items), next))
}

/// The indentation of a `- item` line.
fn item_indent(line: &str) -> Option<usize> {
    let indent = line.bytes().take_while(|&b| b == b' ').count();
    let rest = &line[indent..];
    (rest == "-" || rest.starts_with("- ")).then_some(indent)
}

/// Where a scalar stands: block scalars may hold `,[]{}`; scalars inside a flow list may not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Block,
    Flow,
}

/// A value that is one scalar and nothing else (no comment after it).
fn whole_scalar(value: &str, context: Context) -> Option<Value> {
    let (scalar, rest) = scalar(value, context)?;
    rest.is_empty().then_some(scalar)
}

/// The scalar at the start of `text` (which starts with no blank), and the text after it,
/// blanks skipped.
fn scalar(text: &str, context: Context) -> Option<(Value, &str)> {
    match text.as_bytes().first()? {
        b'"' => {
            let close = text[1..].find(['"', '\\'])? + 1;
            (text.as_bytes()[close] == b'"')
                .then(|| (Value::String(text[1..close].to_string()), text[close + 1..].trim_start_matches(' ')))
        }
        b'\'' => single_quoted(text),
        _ => {
            let end = match context {
                Context::Block => text.len(),
                Context::Flow => text.find([',', ']']).unwrap_or(text.len()),
            };
            let plain = text[..end].trim_end_matches(' ');
            Some((plain_scalar(plain, context)?, &text[end..]))
        }
    }
}

/// A `'...'` scalar, in which `''` is one quote.
fn single_quoted(text: &str) -> Option<(Value, &str)> {
    let mut content = String::new();
    let mut rest = &text[1..];
    loop {
        let quote = rest.find('\'')?;
        content.push_str(&rest[..quote]);
        rest = &rest[quote + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                content.push('\'');
                rest = after;
            }
            None => return Some((Value::String(content), rest.trim_start_matches(' '))),
        }
    }
}

/// A plain (unquoted) scalar, resolved as YAML does: null, true/false, a number or text.
fn plain_scalar(plain: &str, context: Context) -> Option<Value> {
    let bytes = plain.as_bytes();
    let first = *bytes.first()?;
    let starts_safely = match first {
        // A dash starts a list item unless a non-blank follows it.
        b'-' => bytes.get(1).is_some_and(|b| *b != b' '),
        b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"'
        | b'%' | b'@' | b'`' => false,
        _ => true,
    };
    let flow_safe = context == Context::Block || !plain.contains(['[', ']', '{', '}', '#', ':']);
    // `: ` would make it a key, ` #` starts a comment.
    let unambiguous = !plain.contains(": ") && !plain.ends_with(':') && !plain.contains(" #");
    if !(starts_safely && flow_safe && unambiguous) {
        return None;
    }
    resolve(plain)
}

/// What YAML makes of a plain scalar, following the YAML library's own rules (yaml_serde's
/// `visit_untagged_scalar`); `None` for integers too large for 64 bits.
fn resolve(plain: &str) -> Option<Value> {
    if is_null(plain) {
        return Some(Value::Null);
    }
    if let Some(boolean) = parse_bool(plain) {
        return Some(Value::Bool(boolean));
    }
    // Only these can start a number; nearly every scalar is text and goes no further.
    if !matches!(plain.as_bytes()[0], b'0'..=b'9' | b'+' | b'-' | b'.') {
        return Some(Value::String(plain.to_string()));
    }
    if let Some(int) = parse_unsigned_int(plain, u64::from_str_radix) {
        return Some(Value::Number(Number::from(int)));
    }
    if let Some(int) = parse_negative_int(plain, i64::from_str_radix) {
        return Some(Value::Number(Number::from(int)));
    }
    if parse_unsigned_int(plain, u128::from_str_radix).is_some()
        || parse_negative_int(plain, i128::from_str_radix).is_some()
    {
        return None;
    }
    if !digits_but_not_number(plain) {
        if let Some(float) = parse_f64(plain) {
            return Some(Value::Number(Number::from(float)));
        }
    }
    Some(Value::String(plain.to_string()))
}

fn is_null(plain: &str) -> bool {
    matches!(plain, "~" | "null" | "Null" | "NULL")
}

fn parse_bool(plain: &str) -> Option<bool> {
    match plain {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// A flow list on one line: `[a, "b", 'c']`, nothing after it.
fn flow_list(value: &str) -> Option<Value> {
    let mut rest = value[1..].trim_start_matches(' ');
    let mut items = Vec::new();
    if let Some(after) = rest.strip_prefix(']') {
        return after.is_empty().then_some(Value::Sequence(items));
    }
    loop {
        let (item, after) = scalar(rest, Context::Flow)?;
        items.push(item);
        let after = after.trim_start_matches(' ');
        if let Some(end) = after.strip_prefix(']') {
            return end.is_empty().then_some(Value::Sequence(items));
        }
        rest = after.strip_prefix(',')?.trim_start_matches(' ');
        // A trailing comma, or an empty item, is read differently by different YAML readers.
        if rest.starts_with([']', ',']) {
            return None;
        }
    }
}

// The number rules below are yaml_serde's (`de.rs`), so that a number here is a number there.

fn parse_unsigned_int<T>(scalar: &str, from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(scalar: &str, from_str_radix: fn(&str, u32) -> Result<T, ParseIntError>) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix) {
            if let Ok(int) = from_str_radix(&format!("-{rest}"), radix) {
                return Some(int);
            }
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(unpositive) if unpositive.starts_with(['+', '-']) => return None,
        Some(unpositive) => unpositive,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN);
    }
    unpositive.parse::<f64>().ok().filter(|float| float.is_finite())
}

/// Leading zeros followed by digits are text in YAML 1.2 (`zip: 01234`).
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
#[path = "plain_yaml_tests.rs"]
mod tests;
