//! Splitting a note into its YAML front matter and its Markdown body, byte-exact and the way
//! Obsidian does it: `---` on the very first line, closed by the next line that is `---`.

/// A note cut into front matter and body. Offsets are byte offsets into the text given to
/// [`split`]; lines are 1-based.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, when the note has front matter.
    pub yaml: Option<&'a str>,
    /// The line of the file on which the YAML starts (the line after the opening `---`).
    pub yaml_line: usize,
    /// Everything after the closing fence (or the whole text without front matter).
    pub body: &'a str,
    /// The line of the file on which the body starts.
    pub body_line: usize,
    /// The front matter was opened but never closed; the whole text is then the body.
    pub unclosed: bool,
}

/// Whether a line (without its line ending) is a `---` fence, allowing trailing blanks.
fn is_fence(line: &str) -> bool {
    line.trim_end_matches([' ', '\t', '\r']) == "---"
}

/// Splits `text` (already without a BOM) into front matter and body.
pub fn split(text: &str) -> Split<'_> {
    let whole_body = |unclosed| Split { yaml: None, yaml_line: 1, body: text, body_line: 1, unclosed };
    let first_end = text.find('\n').unwrap_or(text.len());
    if !is_fence(&text[..first_end]) {
        return whole_body(false);
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut offset = yaml_start;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        if is_fence(&text[offset..end]) {
            let body_start = (end + 1).min(text.len());
            return Split {
                yaml: Some(&text[yaml_start..offset]),
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
                unclosed: false,
            };
        }
        offset = end + 1;
        line += 1;
    }
    whole_body(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body() {
        let s = split("---\nname: Ana\n---\nHello\n");
        assert_eq!(s.yaml, Some("name: Ana\n"));
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn empty_block_is_empty_yaml() {
        let s = split("---\n---\nbody");
        assert_eq!(s.yaml, Some(""));
        assert_eq!(s.body, "body");
        assert_eq!(s.body_line, 3);
    }

    #[test]
    fn crlf_fences_are_recognised() {
        let s = split("---\r\nname: Ana\r\n---\r\nHi\r\n");
        assert_eq!(s.yaml, Some("name: Ana\r\n"));
        assert_eq!(s.body, "Hi\r\n");
    }

    #[test]
    fn no_fence_on_first_line_means_no_front_matter() {
        let s = split("\n---\nname: Ana\n---\n");
        assert_eq!(s.yaml, None);
        assert!(!s.unclosed);
    }

    #[test]
    fn unclosed_front_matter_is_flagged() {
        let s = split("---\nname: Ana\nbody\n");
        assert!(s.unclosed);
        assert_eq!(s.yaml, None);
    }

    #[test]
    fn closing_fence_at_end_of_file_without_newline() {
        let s = split("---\na: 1\n---");
        assert_eq!(s.yaml, Some("a: 1\n"));
        assert_eq!(s.body, "");
    }

    #[test]
    fn longer_dashes_are_not_a_fence() {
        let s = split("----\na: 1\n----\n");
        assert_eq!(s.yaml, None);
    }
}
