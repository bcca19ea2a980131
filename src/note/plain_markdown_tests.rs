//! The plain Markdown reader against the full pulldown-cmark pass: case by case, on every
//! example note, and on bodies generated from a soup of risky Markdown lines.

use super::read;
use crate::note::body::{parse_markdown, Body};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

/// Reads `body` with the plain reader and checks that the full pass reads the same.
fn plain(body: &str) -> Option<Body> {
    let read = read(body, 7);
    if let Some(read) = &read {
        assert_eq!(read, &parse_markdown(body, 7), "for {body:?}");
    }
    read
}

fn targets(body: &Body) -> Vec<(&str, usize, bool)> {
    body.mentions.iter().map(|m| (m.target.as_str(), m.line, m.is_prose)).collect()
}

#[test]
fn reads_a_typical_contact_note() {
    let body = "# Ana Ruiz\n\nWorks at [[Acme]] & lives in Lyon.\n\n## Log\n- 2026-03-14 #coffee with [[Ben Ortiz]] and [[Cy|C.]]\n- 2026-04-01 <- #email asked for the slides\n* 2026-04-02 ← call\n\n## Follow-ups\n- [ ] I owe [[Ana Ruiz]]: the deck 📅 2026-12-01\n- [x] sent the intro\n- 2026-05-01 not a log entry\n";
    let read = plain(body).expect("a plain body");
    assert_eq!(read.log.len(), 3);
    assert_eq!(read.log[0].links, ["Ben Ortiz", "Cy"]);
    assert!(read.log[1].incoming && read.log[2].incoming);
    assert_eq!(read.tasks.len(), 2);
    assert_eq!(read.tasks[0].line, 17);
    assert_eq!(targets(&read), [("Acme", 9, true), ("Ben Ortiz", 12, true), ("Cy", 12, true), ("Ana Ruiz", 17, false)]);
}

#[test]
fn reads_crlf_hashtags_and_subheadings() {
    let body = "## Log\r\n### 2026\r\n- 2026-01-02 #call hi\r\n\r\n#coffee is a tag, not a heading\r\n\r\n## Notes\r\n- 2026-01-03 x\r\n";
    let read = plain(body).expect("a plain body");
    assert_eq!(read.log.len(), 1);
    assert_eq!((read.log[0].line, read.log[0].text.as_str()), (9, "hi"));
}

#[test]
fn links_in_headings_are_mentions_not_in_prose() {
    let body = "## Lunch with [[Ana Ruiz|Ana]]\n\n## [[Log]]\n- 2026-01-02 #call hi\n";
    let read = plain(body).expect("a plain body");
    assert_eq!(targets(&read), [("Ana Ruiz", 7, false), ("Log", 9, false)]);
    assert_eq!(read.log.len(), 1, "a heading that reads Log opens the Log section");
}

#[test]
fn reads_the_empty_and_blank_bodies() {
    for body in ["", "\n", "  \n\t\n", "text"] {
        assert!(plain(body).is_some(), "{body:?}");
    }
}

#[test]
fn leaves_everything_else_to_the_full_pass() {
    for body in [
        "    indented code [[A]]\n",
        "  - nested\n",
        "\t- tab\n",
        "```\n[[A]]\n```\n",
        "~~~\n[[A]]\n~~~\n",
        "`[[A]]`\n",
        "> [[A]]\n",
        "- > [[A]]\n",
        "<div>\n[[A]]\n</div>\n",
        "a <b>[[A]]</b>\n",
        "<ana@example.com>\n",
        "mail <-ana@example.com> now\n",
        "Title\n===\n",
        "Title\n---\n",
        "***\n",
        "- - -\n",
        "1. first\n",
        "2) second\n",
        "- 1. nested\n",
        "- # heading in an item\n",
        "- [ ]\n",
        "- [ ]  two spaces\n",
        "-  two spaces\n",
        "-\n",
        "# \n",
        "#\n",
        "## Log ##\n",
        "## *Log*\n",
        "####### seven\n",
        "| a | b |\n| - | - |\n",
        "a | b\n",
        "- 2026-01-02 met\ncontinued [[A]]\n",
        "\\[[A]]\n",
        "![[A]]\n",
        "[link](x)\n",
        "[[A]](x)\n",
        "[[A]][r]\n",
        "[[A]\n",
        "[[A]]]\n",
        "[[]]\n",
        "[[|x]]\n",
        "[[a*b]]\n",
        "[[a_b]]\n",
        "[[a&amp;b]]\n",
        "[x]\n",
        "a]\n",
        "a\rb\n",
        "a\0b\n",
        ": definition\n",
    ] {
        assert_eq!(read(body, 1), None, "{body:?} should go to pulldown-cmark");
    }
}

#[test]
fn comments_are_left_to_the_full_pass() {
    let body = "- 2026-01-02 met [[Ana]] %%and [[Ben]]%%\n";
    assert_eq!(read(body, 1), None);
    assert_eq!(targets(&crate::note::body::parse(body, 1)), [("Ana", 1, true)]);
}

#[test]
fn reads_nearly_every_example_note_as_the_full_pass_does() {
    let (mut notes, mut plain_notes) = (0, 0);
    for text in crate::note::example_vault_texts() {
        let body = crate::note::split::split(&text).body;
        notes += 1;
        plain_notes += usize::from(plain(body).is_some());
    }
    assert!(notes >= 20, "the example vault has {notes} notes");
    assert!(plain_notes * 10 >= notes * 6, "only {plain_notes} of {notes} read as plain Markdown");
}

/// How lines start: plain blocks, and, as often as `risk` says, every other block CommonMark has.
fn line_start(risk: u32) -> impl Strategy<Value = &'static str> {
    let plain = vec![
        "",
        "# ",
        "## ",
        "### ",
        "#tag ",
        "- ",
        "* ",
        "+ ",
        "- [ ] ",
        "- [x] ",
        "- [X] ",
        "- 2026-03-14 ",
        "- 2026-03-14 <- #coffee ",
        "* 2026-03-15 ← ",
        "- [[2026-03-16]] — ",
        "[[Ana]] ",
        "2026-03-14 ",
    ];
    let hostile = vec![
        "#", "##", "####### ", "#\t", "-", "-\t", "- - ", "-  ", "1. ", "2) ", "10. ", "> ", "  ", "   - ", "    ",
        "\t", "- [ ]", "- [-] ", "- [x]\t", "- > ", "- # ", "- 1. ", "```", "~~~", "---", "===", "***", "___", "| ",
        ": ", "<div>", "<- ", "2026. ", "- <b>", "- `", "* * *", "+", "[x]: ", "[^1]: ",
    ];
    prop_oneof![12 => prop::sample::select(plain), risk => prop::sample::select(hostile)]
}

/// Words: plain text and links, and, as often as `risk` says, inline markup of every kind.
fn word(risk: u32) -> impl Strategy<Value = &'static str> {
    let plain = vec![
        "Log",
        "log",
        "Interactions",
        "Notes",
        "text",
        "met",
        "[[Ana]]",
        "[[Ana|A]]",
        "[[Ben#x]]",
        "[[People/Cy]]",
        "[[ ]]",
        "[[ Di ]]",
        "[[Eve.md]]",
        "#coffee",
        "#intro",
        "owes me:",
        "I owe [[Ana]]:",
        "📅 2026-12-01",
        "due:2026-12-02",
        "é",
        "<-",
        "->",
        "a < b",
        "R&D",
        "*em*",
        "_u_",
        "~~s~~",
        "#",
        "##",
        "(x)",
        ":",
        "!",
        "%",
        "2026-01-02",
        "-",
        "–",
        "—",
    ];
    let hostile = vec![
        "[[]]",
        "[[|x]]",
        "[[a]](x)",
        "[[a]][b]",
        "[x]",
        "]",
        "[",
        "![[img]]",
        "![a](b)",
        "`code`",
        "``",
        "\\[",
        "\\",
        "<b>",
        "</b>",
        "<!-- c -->",
        "<a@b.c>",
        "<http://x>",
        "&amp;",
        "&#91;",
        "|",
        "||",
        "%%",
        "[[a*b]]",
        "[[x_y]]",
        "[[a`b]]",
        "[[a]]]",
        "[[[a]]",
        "[[a|[[b]]]]",
        "\r",
        "\u{0}",
        "\u{c}",
        "  ",
        "\t",
        "[[A\nB]]",
        "x\n===",
        "x\n---",
        "\n    code",
        "\n> quote",
        "\n- item",
        "\nlazy",
    ];
    prop_oneof![30 => prop::sample::select(plain), risk => prop::sample::select(hostile)]
}

/// A line, and whether a blank line follows it.
fn body_line(risk: u32) -> impl Strategy<Value = (String, bool)> {
    (line_start(risk), prop::collection::vec(word(risk), 1..5), any::<bool>())
        .prop_map(|(start, words, blank_after)| (format!("{start}{}", words.join(" ")), blank_after))
}

/// Bodies from plain to hostile: the risk is drawn for each body, so that many are plain all
/// through and the rest break the plain reader's rules in every way, one at a time or many.
fn body() -> impl Strategy<Value = String> {
    (0u32..4)
        .prop_flat_map(|risk| (prop::collection::vec(body_line([0, 1, 2, 6][risk as usize]), 0..12), any::<bool>()))
        .prop_map(|(lines, crlf)| {
            let end = if crlf { "\r\n" } else { "\n" };
            let mut body = String::new();
            for (line, blank_after) in lines {
                body.push_str(&line);
                body.push_str(end);
                if blank_after {
                    body.push_str(end);
                }
            }
            body
        })
}

/// Bodies of only what the plain reader must read itself.
fn plain_body() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just(String::new()),
        prop::sample::select(vec!["# Ana", "## Log", "### 2026", "## Notes", "## Interactions"]).prop_map(String::from),
        (
            prop::sample::select(vec!["- ", "* ", "- [ ] ", "- [x] ", "- 2026-03-14 ", "- 2026-03-14 <- #call "]),
            0usize..3
        )
            .prop_map(|(start, n)| format!("{start}text{}", " [[Ana]]".repeat(n))),
        (0usize..3).prop_map(|n| format!("Met{} & talked.", " [[Ben|B]]".repeat(n))),
    ];
    prop::collection::vec(line, 0..10).prop_map(|lines| {
        // A blank line after every item, so that no paragraph continues one.
        lines.iter().map(|l| format!("{l}\n\n")).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 10000, ..ProptestConfig::default() })]

    #[test]
    fn what_the_plain_reader_reads_the_full_pass_reads_the_same(body in body(), first_line in 1usize..40) {
        if let Some(read) = read(&body, first_line) {
            prop_assert_eq!(read, parse_markdown(&body, first_line), "for {:?}", body);
        }
    }

    #[test]
    fn plain_bodies_are_read_without_the_full_pass(body in plain_body()) {
        let read = read(&body, 3);
        prop_assert!(read.is_some(), "not read: {:?}", body);
        prop_assert_eq!(read, Some(parse_markdown(&body, 3)));
    }
}

/// The soup above must reach both readers often, or the comparison proves little.
#[test]
fn the_generated_bodies_exercise_both_readers() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = body();
    let total = 2000;
    let mut plain_bodies = 0;
    let mut with_links = 0;
    for _ in 0..total {
        let body = strategy.new_tree(&mut runner).map(|tree| tree.current()).unwrap_or_default();
        if let Some(read) = read(&body, 1) {
            plain_bodies += 1;
            let has_entries_or_tasks = !read.log.is_empty() || !read.tasks.is_empty();
            with_links += usize::from(!read.mentions.is_empty() && has_entries_or_tasks);
        }
    }
    eprintln!("{plain_bodies} of {total} plain, {with_links} with links and entries or tasks");
    assert!(plain_bodies * 5 >= total, "only {plain_bodies} of {total} generated bodies are plain");
    assert!(
        plain_bodies * 5 <= total * 4,
        "{plain_bodies} of {total} generated bodies are plain: too few hostile ones"
    );
    assert!(with_links * 10 >= plain_bodies, "only {with_links} plain bodies have links and entries or tasks");
}
