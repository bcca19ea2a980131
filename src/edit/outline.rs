//! A note's headings and list items where the reader finds them: the same front matter split,
//! the same pulldown-cmark pass and options, mapped to the note's lines. The editor finds the
//! section to write into through this, so it never writes into a block the reader skips (a
//! code block, an HTML block, an Obsidian `%%` comment) or misses a heading the reader sees
//! (a setext heading).

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::lines::{LineSpan, BOM};
use crate::note::body::{markdown_options, unclosed_comment, without_comments};
use crate::note::split::split;

/// A heading of the body, ATX (`## Log`) or setext (`Log` over `===`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineHeading {
    /// 0-based line of its first line.
    pub first: usize,
    /// 0-based line of its last line: the underline of a setext heading.
    pub last: usize,
    /// 1 to 6.
    pub level: usize,
    /// The heading's text as the reader collects it (text and code spans).
    pub text: String,
    /// Not inside a block quote or a list item.
    pub top_level: bool,
}

/// The block structure of a note's body, in 0-based lines of the whole note.
#[derive(Debug, Default)]
pub struct Outline {
    /// Every heading, in order, at any depth.
    pub headings: Vec<OutlineHeading>,
    /// Top-level list items (not nested, not quoted) as (first line, last line), in order.
    pub items: Vec<(usize, usize)>,
    /// The first line of the code block, HTML block or unclosed `%%` comment the note ends
    /// in, if it ends in one.
    pub block_at_end: Option<usize>,
}

impl Outline {
    /// Reads the outline of `text` (a whole note, BOM and front matter included), whose lines
    /// are `spans`.
    pub fn new(text: &str, spans: &[LineSpan]) -> Self {
        let unmarked = text.strip_prefix(BOM).unwrap_or(text);
        let body = split(unmarked).body;
        let offset = text.len() - body.len();
        let unclosed = unclosed_comment(body);
        // What the reader skips (Obsidian comments) the editor must not see either.
        let body = &*without_comments(body);
        let lines = Lines { spans, offset, body };
        let mut outline = Outline { block_at_end: unclosed.map(|at| lines.line_of(at)), ..Outline::default() };
        let mut depth = 0usize;
        let mut heading: Option<(Range<usize>, usize, bool, String)> = None;
        for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
            match event {
                Event::Start(Tag::BlockQuote(_)) => depth += 1,
                Event::End(TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Item) => {
                    if depth == 0 {
                        outline.items.push(lines.first_and_last(range));
                    }
                    depth += 1;
                }
                Event::End(TagEnd::Item) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Heading { level, .. }) => {
                    heading = Some((range, level as usize, depth == 0, String::new()));
                }
                Event::Text(t) | Event::Code(t) => {
                    if let Some((_, _, _, text)) = heading.as_mut() {
                        text.push_str(&t);
                    }
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((range, level, top_level, text)) = heading.take() {
                        let (first, last) = lines.first_and_last(range);
                        outline.headings.push(OutlineHeading { first, last, level, text, top_level });
                    }
                }
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock) if range.end == body.len() => {
                    outline.block_at_end.get_or_insert(lines.line_of(range.start));
                }
                _ => {}
            }
        }
        outline
    }
}

/// Maps byte offsets of the body to 0-based lines of the whole note.
struct Lines<'a> {
    spans: &'a [LineSpan],
    /// Where the body starts in the note.
    offset: usize,
    body: &'a str,
}

impl Lines<'_> {
    fn line_of(&self, body_offset: usize) -> usize {
        let at = self.offset + body_offset;
        self.spans.partition_point(|s| s.end <= at).min(self.spans.len().saturating_sub(1))
    }

    /// The lines of a block's first and last visible character (its trailing blank lines
    /// are not part of it).
    fn first_and_last(&self, range: Range<usize>) -> (usize, usize) {
        let block = self.body.get(range.clone()).unwrap_or("");
        let visible = block.trim_end().len();
        let first = self.line_of(range.start);
        (first, if visible == 0 { first } else { self.line_of(range.start + visible - 1) })
    }
}

#[cfg(test)]
mod tests {
    use super::super::lines::line_spans;
    use super::*;

    fn outline(text: &str) -> Outline {
        Outline::new(text, &line_spans(text))
    }

    fn headings(text: &str) -> Vec<(usize, usize, usize, String, bool)> {
        outline(text).headings.into_iter().map(|h| (h.first, h.last, h.level, h.text, h.top_level)).collect()
    }

    #[test]
    fn finds_atx_and_setext_headings_below_the_front_matter() {
        let text = "\u{feff}---\nx: |\n  ## Not\n---\n# A #\nLog\n---\n\n> ## Quoted\n";
        assert_eq!(
            headings(text),
            vec![
                (4, 4, 1, "A".to_string(), true),
                (5, 6, 2, "Log".to_string(), true),
                (8, 8, 2, "Quoted".to_string(), false),
            ]
        );
    }

    #[test]
    fn headings_in_obsidian_comments_are_hidden() {
        assert_eq!(headings("%%\n## Log\n%%\n# A\n"), vec![(3, 3, 1, "A".to_string(), true)]);
    }

    #[test]
    fn code_and_html_blocks_hide_headings() {
        let text = "```\n## Log\n```\n<details>\n## Log\n</details>\n\n    ## Log\n";
        assert!(headings(text).is_empty());
    }

    #[test]
    fn items_span_their_continuations_but_not_trailing_blanks() {
        let text = "- a\n  more\nlazy\n- b\n  - nested\n\n\n> - quoted\n\n1. c\n";
        assert_eq!(outline(text).items, vec![(0, 2), (3, 4), (9, 9)]);
    }

    #[test]
    fn notes_that_end_in_a_block_say_where_it_starts() {
        assert_eq!(outline("# A\n\n```\ncode\n").block_at_end, Some(2));
        assert_eq!(outline("# A\n<!--\nhidden\n").block_at_end, Some(1));
        assert_eq!(outline("- a\n  ```\n  x\n").block_at_end, Some(1));
        assert_eq!(outline("```\nx\n```\n\ntext\n").block_at_end, None);
        assert_eq!(outline("# A\n\n%% draft\n## Log\n").block_at_end, Some(2));
        assert_eq!(outline("# A\n\n%% done %%\n").block_at_end, None);
    }
}
