//! Safe text for Mermaid diagrams, which Obsidian renders natively.

/// A node or slice label inside double quotes: quotes and brackets become Mermaid entities,
/// line breaks and bidi controls disappear.
pub fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {}
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_cannot_end_the_label() {
        assert_eq!(label("a\"b<c>#"), "a#quot;b#lt;c#gt;#35;");
        assert_eq!(label("x\ny\u{202E}"), "x y");
    }
}
