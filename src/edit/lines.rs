//! Line-level views of a note: line endings, line spans, the front matter
//! block and the byte spans of its top-level keys.

use super::{EditError, UNNAMED};

/// The byte-order mark some editors put at the start of a file.
pub const BOM: char = '\u{feff}';

/// Which line ending a note mainly uses; new lines are written with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    Crlf,
}

impl LineEnding {
    /// The ending's bytes as text.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Lf => "\n",
            Self::Crlf => "\r\n",
        }
    }
}

/// Detects the ending most lines of `text` use (LF when tied or none).
pub fn detect_line_ending(text: &str) -> LineEnding {
    let total = text.matches('\n').count();
    let crlf = text.matches("\r\n").count();
    if crlf > total - crlf {
        LineEnding::Crlf
    } else {
        LineEnding::Lf
    }
}

/// One line of a note as byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineSpan {
    /// Offset of the line's first byte.
    pub start: usize,
    /// Offset just past the line's content (before `\r\n` or `\n`).
    pub content_end: usize,
    /// Offset just past the line ending (equals `content_end` on a last line without one).
    pub end: usize,
}

impl LineSpan {
    /// The line's text without its ending (and without a BOM on the first line). A BOM
    /// further down is text like any other: dropping it there too shifted every offset
    /// computed from the content by its three bytes, into the middle of a character.
    pub fn content(self, text: &str) -> &str {
        let line = &text[self.start..self.content_end];
        if self.start == 0 {
            line.strip_prefix(BOM).unwrap_or(line)
        } else {
            line
        }
    }

    /// Whether the line ends with a line break.
    pub fn has_ending(self) -> bool {
        self.end > self.content_end
    }

    /// The line's own ending (`""` if it has none).
    pub fn ending(self, text: &str) -> &str {
        &text[self.content_end..self.end]
    }
}

/// Splits `text` into lines; a final line without ending is included, an
/// empty remainder after the last `\n` is not.
pub fn line_spans(text: &str) -> Vec<LineSpan> {
    let mut spans = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let (content_end, end) = match text[start..].find('\n') {
            Some(i) => {
                let nl = start + i;
                let ce = if text[..nl].ends_with('\r') { nl - 1 } else { nl };
                (ce.max(start), nl + 1)
            }
            None => (text.len(), text.len()),
        };
        spans.push(LineSpan { start, content_end, end });
        start = end;
    }
    spans
}

/// Byte offsets of a note's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatterBlock {
    /// Offset of the opening `---` (after a BOM, if any).
    pub open: usize,
    /// Offset of the first YAML byte (just after the opening fence's line ending).
    pub start: usize,
    /// Offset just past the YAML content: the start of the closing fence line.
    pub end: usize,
    /// Offset of the body: just past the closing fence's line ending.
    pub body_start: usize,
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == "---"
}

/// Finds the front matter: `---` on the first line, closed by the next `---` line.
///
/// Returns `Ok(None)` when the note has none and an error when it is never closed.
pub fn locate_front_matter(text: &str) -> Result<Option<FrontMatterBlock>, EditError> {
    let spans = line_spans(text);
    let Some(first) = spans.first() else {
        return Ok(None);
    };
    if !is_fence(first.content(text)) {
        return Ok(None);
    }
    let open = if text.starts_with(BOM) { BOM.len_utf8() } else { 0 };
    let close = spans[1..].iter().find(|s| is_fence(s.content(text))).filter(|_| first.has_ending());
    match close {
        Some(close) => Ok(Some(FrontMatterBlock { open, start: first.end, end: close.start, body_start: close.end })),
        None => Err(EditError::UnclosedFrontMatter { path: UNNAMED.into(), line: 1 }),
    }
}

/// A top-level front matter key and the bytes of its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeySpan {
    /// The key, without quotes.
    pub key: String,
    /// Offset of the key line's first byte.
    pub start: usize,
    /// Offset just past the last value line's ending.
    pub end: usize,
    /// 0-based line index of the key line in the note.
    pub line: usize,
    /// Offset just past the `:` that ends the key.
    pub colon_end: usize,
    /// Offset just past the key line's content (before its ending).
    pub line_content_end: usize,
}

impl KeySpan {
    /// Whether the value continues on lines after the key line.
    pub fn is_multi_line(&self, text: &str) -> bool {
        let after = &text[self.line_content_end..self.end];
        after.trim_start_matches('\r').len() > 1
    }
}

/// Parses a key line: returns the unquoted key and the offset (within
/// `line`) just past its colon.
pub fn parse_key_line(line: &str) -> Option<(String, usize)> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '[' | '{' | '&' | '*' | '!' | '|' | '>') {
        return None;
    }
    if line == "-" || line.starts_with("- ") || line.starts_with("-\t") || is_fence(line) {
        return None;
    }
    let (key, rest_at) = match first {
        '"' | '\'' => {
            let (key, close) = quoted_key(line)?;
            let after = &line[close + 1..];
            let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
            (key, close + 1 + gap)
        }
        _ => {
            let colon = plain_key_colon(line)?;
            (line[..colon].trim_end().to_string(), colon)
        }
    };
    let after = &line[rest_at..];
    let after_colon = after.strip_prefix(':')?;
    if after_colon.is_empty() || after_colon.starts_with([' ', '\t']) {
        Some((key, rest_at + 1))
    } else {
        None
    }
}

/// The text of the quoted key `line` starts with, its escapes (`''`, `\"`, `\x31`...) read as
/// YAML reads them, and the offset of its closing quote.
fn quoted_key(line: &str) -> Option<(String, usize)> {
    let bytes = line.as_bytes();
    let quote = bytes[0];
    let mut i = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => break,
            _ => i += 1,
        }
    }
    let inner = line.get(1..i).filter(|_| i < bytes.len())?;
    let key = match quote {
        b'\'' => inner.replace("''", "'"),
        _ if inner.contains('\\') => serde_yaml::from_str::<String>(&line[..=i]).ok()?,
        _ => inner.to_string(),
    };
    Some((key, i))
}

fn plain_key_colon(line: &str) -> Option<usize> {
    line.char_indices()
        .find(|&(i, c)| c == ':' && matches!(line[i + 1..].chars().next(), None | Some(' ' | '\t')))
        .map(|(i, _)| i)
}

fn continues_value(line: &str) -> bool {
    line.starts_with([' ', '\t']) || line == "-" || line.starts_with("- ") || line.starts_with("-\t")
}

/// Lists the top-level keys of the front matter with the spans of their values.
pub fn top_level_keys(text: &str, block: &FrontMatterBlock) -> Vec<KeySpan> {
    let spans: Vec<(usize, LineSpan)> = line_spans(text)
        .into_iter()
        .enumerate()
        .filter(|(_, s)| s.start >= block.start && s.start < block.end)
        .collect();
    let mut keys = Vec::new();
    for (pos, &(line, span)) in spans.iter().enumerate() {
        let Some((key, colon)) = parse_key_line(span.content(text)) else {
            continue;
        };
        let mut end = span.end;
        for &(_, next) in &spans[pos + 1..] {
            let content = next.content(text);
            if continues_value(content) && !content.trim().is_empty() {
                end = next.end;
            } else if !content.trim().is_empty() && !content.starts_with('#') {
                // A comment, like a blank line, ends nothing: more of the value may follow it.
                break;
            }
        }
        keys.push(KeySpan {
            key,
            start: span.start,
            end,
            line,
            colon_end: span.start + colon,
            line_content_end: span.content_end,
        });
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> FrontMatterBlock {
        locate_front_matter(text).unwrap().unwrap()
    }

    #[test]
    fn detects_lf_crlf_and_majority() {
        assert_eq!(detect_line_ending("a\nb\n"), LineEnding::Lf);
        assert_eq!(detect_line_ending("a\r\nb\r\n"), LineEnding::Crlf);
        assert_eq!(detect_line_ending("a\r\nb\r\nc\n"), LineEnding::Crlf);
        assert_eq!(detect_line_ending("a\r\nb\nc\n"), LineEnding::Lf);
        assert_eq!(detect_line_ending("no newline"), LineEnding::Lf);
    }

    #[test]
    fn splits_lines_with_and_without_final_newline() {
        let text = "a\r\nb\nc";
        let spans = line_spans(text);
        let parts: Vec<(&str, &str)> = spans.iter().map(|s| (s.content(text), s.ending(text))).collect();
        assert_eq!(parts, vec![("a", "\r\n"), ("b", "\n"), ("c", "")]);
    }

    #[test]
    fn locates_front_matter_lf() {
        let text = "---\na: 1\n---\nbody\n";
        let b = block(text);
        assert_eq!(&text[b.start..b.end], "a: 1\n");
        assert_eq!(&text[b.body_start..], "body\n");
    }

    #[test]
    fn locates_front_matter_with_bom_crlf_and_trailing_spaces() {
        let text = "\u{feff}--- \r\na: 1\r\n---  \r\nbody";
        let b = block(text);
        assert_eq!(b.open, 3);
        assert_eq!(&text[b.start..b.end], "a: 1\r\n");
        assert_eq!(&text[b.body_start..], "body");
    }

    #[test]
    fn locates_empty_front_matter() {
        let text = "---\n---\n";
        let b = block(text);
        assert_eq!((b.start, b.end, b.body_start), (4, 4, 8));
    }

    #[test]
    fn no_front_matter_is_none() {
        assert_eq!(locate_front_matter("# Ana\n---\n").unwrap(), None);
        assert_eq!(locate_front_matter("").unwrap(), None);
    }

    #[test]
    fn unclosed_front_matter_is_an_error_on_line_1() {
        let err = locate_front_matter("---\na: 1\n").unwrap_err();
        assert!(matches!(err, EditError::UnclosedFrontMatter { line: 1, .. }));
        assert!(locate_front_matter("---").is_err());
    }

    #[test]
    fn lists_keys_with_block_values_and_comments() {
        let text =
            "---\n# c\nname: Ana\ntags:\n  - a\n\n  - b\n# end\n\"quoted key\": 1\nlist:\n- x\n- y\n\nlast:\n---\n";
        let keys = top_level_keys(text, &block(text));
        let got: Vec<(&str, &str, usize)> =
            keys.iter().map(|k| (k.key.as_str(), &text[k.start..k.end], k.line)).collect();
        assert_eq!(
            got,
            vec![
                ("name", "name: Ana\n", 2),
                ("tags", "tags:\n  - a\n\n  - b\n", 3),
                ("quoted key", "\"quoted key\": 1\n", 8),
                ("list", "list:\n- x\n- y\n", 9),
                ("last", "last:\n", 13),
            ]
        );
    }

    #[test]
    fn a_comment_at_column_0_inside_a_block_value_does_not_end_it() {
        // Found by the property test: set_field replaced only the items before the comment.
        let text = "---\nlist:\n- a\n# c\n- b\n# d\nname: x\n---\n";
        let keys = top_level_keys(text, &block(text));
        assert_eq!(&text[keys[0].start..keys[0].end], "list:\n- a\n# c\n- b\n");
        assert_eq!(keys[1].key, "name");
    }

    #[test]
    fn key_needs_space_or_end_after_colon() {
        assert_eq!(parse_key_line("url: http://x"), Some(("url".into(), 4)));
        assert_eq!(parse_key_line("a:b: c"), Some(("a:b".into(), 4)));
        assert_eq!(parse_key_line("  a: 1"), None);
        assert_eq!(parse_key_line("- a: 1"), None);
        assert_eq!(parse_key_line("'k': v"), Some(("k".into(), 4)));
    }

    #[test]
    fn quoted_keys_are_read_with_their_escapes() {
        // Found by the property test: these keys were not found, so an edit added a second one.
        assert_eq!(parse_key_line("'it''s': v"), Some(("it's".into(), 8)));
        assert_eq!(parse_key_line(r#""x\"y" : v"#), Some(("x\"y".into(), 8)));
        assert_eq!(parse_key_line(r#""\x31": v"#), Some(("1".into(), 7)));
        assert_eq!(parse_key_line(r#""a\\": v"#), Some(("a\\".into(), 6)));
        assert_eq!(parse_key_line(r#""\q": v"#), None);
        assert_eq!(parse_key_line(r#""open: v"#), None);
    }

    #[test]
    fn multi_line_detection() {
        let text = "---\na: 1\nb:\n  - x\n---\n";
        let keys = top_level_keys(text, &block(text));
        assert!(!keys[0].is_multi_line(text));
        assert!(keys[1].is_multi_line(text));
    }
}
