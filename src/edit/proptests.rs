//! Property tests: log insertion never changes bytes outside the new line, and the reader
//! reads back every entry and promise the editor writes.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::sections::{append_task, insert_log_entry};
use super::EditError;

fn date(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(offset)
}

#[derive(Debug, Clone)]
struct Note {
    text: String,
    le: &'static str,
    sorted: Option<bool>,
}

fn note() -> impl Strategy<Value = Note> {
    (
        any::<(bool, bool, bool, bool, bool)>(),
        prop::collection::vec((0u64..3000, any::<bool>()), 1..6),
        0u8..3,
        any::<bool>(),
    )
        .prop_map(|((crlf, bom, fm, fence, next), mut items, order, final_nl)| {
            let sorted = match order {
                0 => None,
                1 => Some(true),
                _ => Some(false),
            };
            match sorted {
                Some(true) => items.sort_by_key(|i| i.0),
                Some(false) => items.sort_by_key(|i| std::cmp::Reverse(i.0)),
                None => {}
            }
            let mut lines: Vec<String> = Vec::new();
            if fm {
                lines.extend(["---", "a: 1  # c", "---"].map(String::from));
            }
            lines.push("# Ana".into());
            if fence {
                lines.extend(["```", "## Log", "- 2099-01-01 code", "```"].map(String::from));
            }
            lines.push("## Log".into());
            for (offset, cont) in &items {
                lines.push(format!("- {} item", date(*offset)));
                if *cont {
                    lines.push("  more".into());
                }
            }
            if next {
                lines.extend(["", "## Next", "- 2001-01-01 other"].map(String::from));
            }
            let le = if crlf { "\r\n" } else { "\n" };
            let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
            text.push_str(&lines.join(le));
            if final_nl {
                text.push_str(le);
            }
            Note { text, le, sorted }
        })
}

fn log_dates(text: &str) -> Vec<String> {
    let start = text.rfind("## Log").unwrap();
    let end = text.find("## Next").unwrap_or(text.len());
    text[start..end].lines().filter_map(|l| l.strip_prefix("- ")).map(|l| l[..10].to_string()).collect()
}

proptest! {
    #[test]
    fn insert_log_entry_only_adds_the_entry(n in note(), offset in 0u64..3000) {
        let d = date(offset);
        let entry = format!("- {d} PROPTEST");
        let new = insert_log_entry(&n.text, &entry, d).unwrap();
        let after = new.replacen(&format!("{entry}{}", n.le), "", 1);
        let before = new.replacen(&format!("{}{entry}", n.le), "", 1);
        prop_assert!(after == n.text || before == n.text, "{:?}", new);
        let dates = log_dates(&new);
        let old = log_dates(&n.text);
        let ordered = old.windows(2).any(|w| w[0] != w[1]);
        match n.sorted.filter(|_| ordered) {
            Some(true) => prop_assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{:?}", new),
            Some(false) => prop_assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{:?}", new),
            None => {}
        }
    }

    #[test]
    fn new_log_section_only_appends(body in "[a-z #\n]{0,40}", crlf in any::<bool>()) {
        let text = if crlf { body.replace('\n', "\r\n") } else { body };
        prop_assume!(!text.to_lowercase().contains("log"));
        let d = date(1);
        let new = insert_log_entry(&text, "- 2020-01-02 x", d).unwrap();
        prop_assert!(new.starts_with(&text));
        prop_assert!(new.ends_with("- 2020-01-02 x\n") || new.ends_with("- 2020-01-02 x\r\n"));
    }
}

/// Lines that open, close or continue the blocks where a reader and a line-based editor
/// could disagree on what is a heading, an item or code.
const SOUP: &[&str] = &[
    "## Log",
    "# Log",
    "### Log",
    "## Interactions",
    "Log",
    "===",
    "---",
    "## Notes",
    "# Other",
    "## Promises",
    "> ## Log",
    "  ## Sub",
    "- 2026-01-01 a",
    "* 2026-02-01 b",
    "1. 2026-03-01 c",
    "2) 2026-04-01 d",
    "  - 2026-05-01 nested",
    "   - 2026-06-01 indented",
    "> - 2026-07-01 quoted",
    "- [ ] open task",
    "- [x] done task",
    "  - [ ] nested task",
    "lazy text",
    "  more",
    "```",
    "~~~",
    "    code",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "* * *",
    "| a |",
    "|---|",
    "",
    "",
    "> quote",
    "- ",
    "%%",
    "a %% b %% c",
    "- 2026-08-01 %%hidden%% shown",
];

fn soup() -> impl Strategy<Value = String> {
    (prop::collection::vec(prop::sample::select(SOUP), 0..14), any::<(bool, bool, bool, bool)>()).prop_map(
        |(lines, (front, bom, crlf, final_nl))| {
            let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
            let le = if crlf { "\r\n" } else { "\n" };
            if front {
                text.push_str(&["---", "name: Ana", "---", ""].join(le));
            }
            text.push_str(&lines.join(le));
            if final_nl && !lines.is_empty() {
                text.push_str(le);
            }
            text
        },
    )
}

/// Whether `new` is `old` with lines added only at one place.
fn only_adds_lines(old: &str, new: &str) -> bool {
    let common_start = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    let common_end = old.bytes().rev().zip(new.bytes().rev()).take_while(|(a, b)| a == b).count();
    common_start + common_end.min(old.len() - common_start) >= old.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn the_reader_reads_back_every_logged_entry(text in soup(), offset in 0u64..3000) {
        let d = date(offset);
        let entry = format!("- {d} PROPTEST");
        let before = crate::note::read_body(&text);
        match insert_log_entry(&text, &entry, d) {
            Ok(new) => {
                prop_assert!(only_adds_lines(&text, &new), "{:?}", new);
                let after = crate::note::read_body(&new);
                let added: Vec<_> = after.log.iter().filter(|e| e.text == "PROPTEST").collect();
                prop_assert_eq!(added.len(), 1, "{:?}", new);
                prop_assert_eq!(added[0].date, d);
                prop_assert_eq!(after.log.len(), before.log.len() + 1, "{:?}", new);
                prop_assert_eq!(after.tasks.len(), before.tasks.len(), "{:?}", new);
            }
            Err(e) => prop_assert!(matches!(e, EditError::EndsInBlock { .. }), "{:?} on {:?}", e, text),
        }
    }

    #[test]
    fn the_reader_reads_back_every_promise(text in soup()) {
        let before = crate::note::read_body(&text);
        match append_task(&text, "- [ ] PROPTEST", "Promises") {
            Ok(new) => {
                prop_assert!(only_adds_lines(&text, &new), "{:?}", new);
                let after = crate::note::read_body(&new);
                prop_assert_eq!(after.tasks.len(), before.tasks.len() + 1, "{:?}", new);
                prop_assert!(after.tasks.iter().any(|t| t.parsed.text == "PROPTEST" && !t.parsed.done), "{:?}", new);
                prop_assert_eq!(after.log.len(), before.log.len(), "{:?}", new);
            }
            Err(e) => prop_assert!(matches!(e, EditError::EndsInBlock { .. }), "{:?} on {:?}", e, text),
        }
    }
}
