//! A light, text-level scan of the front matter's top-level keys: which line each key is on,
//! and its raw value when it fits on that line. YAML parsers lose both; diagnostics need the
//! line, and values like `phone: +4420...` need their raw text.

/// One top-level `key: value` line of the front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine<'a> {
    /// The key, unquoted.
    pub key: &'a str,
    /// 1-based line within the YAML text.
    pub line: usize,
    /// The value written on the key's own line, without a trailing comment; empty for block values.
    pub raw: &'a str,
}

/// Lists the top-level keys in the order they appear.
pub fn scan(yaml: &str) -> Vec<KeyLine<'_>> {
    yaml.split('\n').enumerate().filter_map(|(i, line)| key_line(line.trim_end_matches('\r'), i + 1)).collect()
}

fn key_line(line: &str, number: usize) -> Option<KeyLine<'_>> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '[' | '{' | '}' | ']') {
        return None;
    }
    let (key, rest) = if first == '"' || first == '\'' {
        let close = closing_quote(line)?;
        let rest = line[close + 1..].trim_start_matches([' ', '\t']).strip_prefix(':')?;
        (&line[1..close], rest)
    } else {
        let colon = find_key_colon(line)?;
        (line[..colon].trim_end(), &line[colon + 1..])
    };
    Some(KeyLine { key, line: number, raw: strip_comment(rest.trim()) })
}

/// The offset of the quote that closes the quoted key `line` starts with: a `"` not
/// escaped by `\`, or a `'` not doubled (`''` is a quote inside single quotes). The key keeps
/// its escapes: it is only compared with rolo's own field names, which have none.
fn closing_quote(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let quote = *bytes.first()?;
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// The colon that ends a plain key: followed by a blank or the end of the line.
fn find_key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    (0..bytes.len()).find(|&i| bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t'))
}

fn strip_comment(value: &str) -> &str {
    if value.starts_with('"') || value.starts_with('\'') {
        return value;
    }
    match value.find(" #") {
        Some(i) => value[..i].trim_end(),
        None => value,
    }
}

/// The 1-based YAML line of the second occurrence of a key, if a key appears twice.
pub fn duplicate(keys: &[KeyLine<'_>]) -> Option<(String, usize)> {
    let mut seen = std::collections::HashSet::new();
    keys.iter().find(|k| !seen.insert(k.key)).map(|k| (k.key.to_string(), k.line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_and_their_lines() {
        let keys = scan("name: Ana\ntags:\n  - a\n# note\nphone: +4420 # work\n");
        let names: Vec<_> = keys.iter().map(|k| (k.key, k.line, k.raw)).collect();
        assert_eq!(names, vec![("name", 1, "Ana"), ("tags", 2, ""), ("phone", 5, "+4420")]);
    }

    #[test]
    fn quoted_keys_and_urls_in_values() {
        let keys = scan("\"my key\": 1\nurl: https://x.org\n");
        assert_eq!(keys[0].key, "my key");
        assert_eq!(keys[1].raw, "https://x.org");
    }

    #[test]
    fn quoted_keys_end_at_their_closing_quote() {
        let keys = scan("\"x\\\"y\": a\n'it''s': b\n\"sp\" : c\nphone: +1\n");
        let found: Vec<_> = keys.iter().map(|k| (k.key, k.line, k.raw)).collect();
        assert_eq!(found, vec![("x\\\"y", 1, "a"), ("it''s", 2, "b"), ("sp", 3, "c"), ("phone", 4, "+1")]);
    }

    #[test]
    fn reports_the_second_of_two_equal_keys() {
        let keys = scan("email: a\nname: b\nemail: c\n");
        assert_eq!(duplicate(&keys), Some(("email".to_string(), 3)));
    }
}
