//! Property tests: log insertion never changes bytes outside the new line.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;

use super::sections::insert_log_entry;

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
        let new = insert_log_entry(&n.text, &entry, d);
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
        let new = insert_log_entry(&text, "- 2020-01-02 x", d);
        prop_assert!(new.starts_with(&text));
        prop_assert!(new.ends_with("- 2020-01-02 x\n") || new.ends_with("- 2020-01-02 x\r\n"));
    }
}
