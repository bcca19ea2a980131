//! Appending items to front matter lists (block `- item` or flow `[a, b]`).

use super::frontmatter::{check_key, check_single_line, create_front_matter, format_key, splice, unquote, value_spot};
use super::lines::{detect_line_ending, line_spans, locate_front_matter, top_level_keys, KeySpan, LineEnding};
use super::verify::{read_back, Wanted};
use super::{EditError, UNNAMED};

/// How a list is written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum ListStyle {
    /// `- item` lines with this indentation.
    Block(String),
    /// `[a, b]` on the key line.
    Flow,
}

/// Appends `item` (single-line YAML scalar) to the list under top-level `key`.
///
/// Does nothing when an equal item (ignoring quotes) is already there;
/// creates the list, in the style of the note's other lists, when missing. Refuses with
/// [`EditError::Unverified`] when YAML would not read the result as the list plus `item`.
pub fn add_to_list(text: &str, key: &str, item: &str) -> Result<String, EditError> {
    let new = extend_list(text, key, item)?;
    read_back(text, new, key, Wanted::ListWith(item))
}

fn extend_list(text: &str, key: &str, item: &str) -> Result<String, EditError> {
    check_key(key)?;
    check_single_line(item, "the item")?;
    let le = detect_line_ending(text);
    let Some(block) = locate_front_matter(text)? else {
        let lines = [format!("{}:", format_key(key)), format!("  - {item}")];
        return Ok(create_front_matter(text, &lines, le));
    };
    let keys = top_level_keys(text, &block);
    let style = list_style(text, &keys);
    let Some(span) = keys.iter().find(|k| k.key == key) else {
        let lines = new_list(key, item, &style, le);
        return Ok(splice(text, block.end, block.end, &lines));
    };
    if span.is_multi_line(text) {
        return extend_block_list(text, span, item, le);
    }
    let spot = value_spot(text, span);
    let value = &text[spot.start..spot.end];
    if value.is_empty() {
        return Ok(fill_empty(text, span, item, &style, le));
    }
    match extend_flow(value, item) {
        Some(new) if new == value => Ok(text.to_string()),
        Some(new) => Ok(splice(text, spot.start, spot.end, &new)),
        None => Err(not_a_list(span)),
    }
}

fn not_a_list(span: &KeySpan) -> EditError {
    EditError::NotAList { path: UNNAMED.into(), key: span.key.clone(), line: span.line + 1 }
}

fn item_of(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    if body == "-" {
        return Some((indent, ""));
    }
    body.strip_prefix("- ").map(|rest| (indent, rest))
}

fn strip_comment(value: &str) -> &str {
    let cut = value
        .char_indices()
        .find(|&(i, c)| c == '#' && (i == 0 || value[..i].ends_with([' ', '\t'])))
        .map_or(value.len(), |(i, _)| i);
    value[..cut].trim()
}

/// The style of the first list among `keys`, else block with two spaces.
fn list_style(text: &str, keys: &[KeySpan]) -> ListStyle {
    for span in keys {
        if span.is_multi_line(text) {
            let body = &text[span.line_content_end..span.end];
            let first = body.lines().map(str::trim_end).find(|l| !l.is_empty());
            if let Some((indent, _)) = first.and_then(item_of) {
                return ListStyle::Block(indent.to_string());
            }
        } else if text[value_spot(text, span).start..].starts_with('[') {
            return ListStyle::Flow;
        }
    }
    ListStyle::Block("  ".into())
}

fn new_list(key: &str, item: &str, style: &ListStyle, le: LineEnding) -> String {
    let le = le.as_str();
    let key = format_key(key);
    match style {
        ListStyle::Flow => format!("{key}: [{item}]{le}"),
        ListStyle::Block(indent) => format!("{key}:{le}{indent}- {item}{le}"),
    }
}

fn fill_empty(text: &str, span: &KeySpan, item: &str, style: &ListStyle, le: LineEnding) -> String {
    match style {
        ListStyle::Flow => {
            let line = format!("{} [{item}]", &text[span.start..span.colon_end]);
            splice(text, span.start, span.line_content_end, &line)
        }
        ListStyle::Block(indent) => {
            let line = format!("{indent}- {item}{}", le.as_str());
            splice(text, span.end, span.end, &line)
        }
    }
}

fn extend_block_list(text: &str, span: &KeySpan, item: &str, le: LineEnding) -> Result<String, EditError> {
    let spot = value_spot(text, span);
    if spot.start != spot.end {
        return Err(not_a_list(span));
    }
    let body = &text[span.start..span.end];
    let Some(items) = block_items(body) else {
        return Err(not_a_list(span));
    };
    let Some(&(indent, _)) = items.first() else {
        return Err(not_a_list(span));
    };
    let wanted = unquote(item);
    let present = items.iter().any(|&(i, v)| i == indent && unquote(strip_comment(v)) == wanted);
    if present {
        return Ok(text.to_string());
    }
    let line = format!("{indent}- {item}{}", le.as_str());
    Ok(splice(text, span.end, span.end, &line))
}

/// The `- item` lines of a key's block value (`body`, key line first); `None` unless every
/// line is an item at the first item's indent, a deeper continuation of one, a comment or
/// blank: the items of a nested map's list are not the key's.
fn block_items(body: &str) -> Option<Vec<(&str, &str)>> {
    let mut items: Vec<(&str, &str)> = Vec::new();
    for span in line_spans(body).into_iter().skip(1) {
        let line = span.content(body);
        let trimmed = line.trim_start_matches([' ', '\t']);
        if trimmed.trim_end().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let depth = line.len() - trimmed.len();
        match (items.first(), item_of(line)) {
            (Some(&(indent, _)), Some(found)) if found.0 == indent => items.push(found),
            (Some(&(indent, _)), _) if depth > indent.len() => {}
            (None, Some(found)) => items.push(found),
            _ => return None,
        }
    }
    Some(items)
}

/// Appends `item` to a one-line flow list; `None` when `value` is not one.
fn extend_flow(value: &str, item: &str) -> Option<String> {
    let inner = value.strip_prefix('[')?.strip_suffix(']')?;
    let wanted = unquote(item);
    if split_flow(inner).iter().any(|v| unquote(v) == wanted) {
        return Some(value.to_string());
    }
    if inner.trim().is_empty() {
        return Some(format!("[{item}]"));
    }
    let sep = if inner.contains(',') && !inner.contains(", ") { "," } else { ", " };
    let head = inner.trim_end();
    let tail = &inner[head.len()..];
    if head.ends_with(',') {
        // A trailing comma stays last: `[a, b,]` becomes `[a, b, c,]`, not `[a, b,, c]`.
        return Some(format!("[{head}{}{item},{tail}]", &sep[1..]));
    }
    Some(format!("[{head}{sep}{item}{tail}]"))
}

fn split_flow(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut quote, mut start) = (None, 0);
    for (i, c) in inner.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, ',') => {
                parts.push(inner[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(inner[start..].trim());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(text: &str, key: &str, item: &str) -> String {
        add_to_list(text, key, item).unwrap()
    }

    #[test]
    fn appends_to_block_list() {
        let text = "---\ntags:\n  - a\n  - b # two\nname: Ana\n---\nbody\n";
        assert_eq!(add(text, "tags", "c"), "---\ntags:\n  - a\n  - b # two\n  - c\nname: Ana\n---\nbody\n");
    }

    #[test]
    fn appends_to_unindented_block_list_crlf() {
        let text = "---\r\ntags:\r\n- a\r\n---\r\n";
        assert_eq!(add(text, "tags", "b"), "---\r\ntags:\r\n- a\r\n- b\r\n---\r\n");
    }

    #[test]
    fn appends_to_flow_list_keeping_comment() {
        let text = "---\ntags: [a, \"b\"]  # t\n---\n";
        assert_eq!(add(text, "tags", "c"), "---\ntags: [a, \"b\", c]  # t\n---\n");
    }

    #[test]
    fn appends_before_a_flow_lists_trailing_comma() {
        // Found by the property test: `[a, b,, c]` is not YAML.
        assert_eq!(add("---\ntags: [a, b,]\n---\n", "tags", "c"), "---\ntags: [a, b, c,]\n---\n");
        assert_eq!(add("---\ntags: [a,b,] # t\n---\n", "tags", "c"), "---\ntags: [a,b,c,] # t\n---\n");
    }

    #[test]
    fn appends_to_empty_flow_list() {
        let text = "---\ntags: []\n---\n";
        assert_eq!(add(text, "tags", "c"), "---\ntags: [c]\n---\n");
    }

    #[test]
    fn existing_item_is_a_no_op() {
        let block = "---\ntags:\n  - 'a'\n---\n";
        assert_eq!(add(block, "tags", "a"), block);
        let flow = "---\ntags: [a, b]\n---\n";
        assert_eq!(add(flow, "tags", "\"b\""), flow);
    }

    #[test]
    fn missing_key_uses_other_lists_style() {
        let flow = "---\naliases: [x]\n---\n";
        assert_eq!(add(flow, "tags", "a"), "---\naliases: [x]\ntags: [a]\n---\n");
        let block = "---\naliases:\n- x\n---\n";
        assert_eq!(add(block, "tags", "a"), "---\naliases:\n- x\ntags:\n- a\n---\n");
    }

    #[test]
    fn missing_key_defaults_to_two_space_block() {
        let text = "\u{feff}---\r\nname: Ana\r\n---\r\n";
        assert_eq!(add(text, "tags", "a"), "\u{feff}---\r\nname: Ana\r\ntags:\r\n  - a\r\n---\r\n");
    }

    #[test]
    fn empty_front_matter_gets_list() {
        assert_eq!(add("---\n---\n", "tags", "a"), "---\ntags:\n  - a\n---\n");
    }

    #[test]
    fn no_front_matter_creates_one() {
        assert_eq!(add("body", "tags", "a"), "---\ntags:\n  - a\n---\nbody");
    }

    #[test]
    fn empty_value_becomes_block_list() {
        let text = "---\ntags:\nname: Ana\n---\n";
        assert_eq!(add(text, "tags", "a"), "---\ntags:\n  - a\nname: Ana\n---\n");
    }

    #[test]
    fn list_inside_a_nested_map_is_not_the_keys_list() {
        // Found by the property test: `- c` went after `status: x`, breaking the YAML.
        let err = add_to_list("---\ntag:\n  tags:\n  - a\n  status: x\n---\n", "tag", "c").unwrap_err();
        assert!(matches!(err, EditError::NotAList { line: 2, .. }));
    }

    #[test]
    fn scalar_value_is_an_error() {
        let err = add_to_list("---\ntags: a\n---\n", "tags", "b").unwrap_err();
        assert!(matches!(err, EditError::NotAList { line: 2, .. }));
    }
}
