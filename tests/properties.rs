//! Property tests over generated notes of every shape (LF/CRLF, BOM, YAML comments, flow and
//! block lists, unicode names, with or without a Log section, ascending or descending logs):
//! edits change only the intended lines, what rolo writes it reads back, cadence arithmetic is
//! monotonic, and reports render byte-identically every time.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use rolo::edit;
use rolo::model::cadence::Cadence;
use std::str::FromStr;

fn date(offset: u64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(offset)
}

const NAMES: [&str; 8] = [
    "Ana Ruiz",
    "Zoë Ørsted",
    "李小龍",
    "محمد الأحمد",
    "Ñandú O'Neil",
    "Émile \"Mimi\" Zola",
    "\u{202e}Reversed",
    "Ana [[Not a link]] | pipe",
];

#[derive(Debug, Clone)]
struct Note {
    text: String,
    le: &'static str,
    has_front: bool,
    has_log: bool,
    has_cadence: bool,
    log_len: usize,
}

/// YAML for a name: double-quoted with escapes, so every name above is valid.
fn yaml_name(name: &str) -> String {
    format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

#[allow(clippy::too_many_arguments)]
fn build(
    name: usize,
    (crlf, bom, front, comments, flow, cadence): (bool, bool, bool, bool, bool, bool),
    log: Option<(u8, Vec<u64>)>,
    (prose, promises, after_log, final_nl): (bool, bool, bool, bool),
) -> Note {
    let name = NAMES[name % NAMES.len()];
    let mut lines: Vec<String> = Vec::new();
    if front {
        lines.push("---".into());
        if comments {
            lines.push("# contact card, edited by hand".into());
        }
        lines.push(format!("name: {}{}", yaml_name(name), if comments { "  # full name" } else { "" }));
        if flow {
            lines.push("tags: [friend, \"büro\", 'x: y']".into());
        } else {
            lines.extend(["tags:", "  - friend", "  # a comment inside the list", "  - büro"].map(String::from));
        }
        if cadence {
            lines.push("cadence: 30d # every month".into());
        }
        lines.push("met: 2019-10-01".into());
        lines.push("---".into());
    }
    lines.push(format!("# {name}"));
    if prose {
        lines.extend(["".into(), format!("Met {name} at a conference — 会议 — [[Someone Else]]."), "".into()]);
    }
    let mut log_len = 0;
    if let Some((order, mut dates)) = log.clone() {
        match order % 3 {
            0 => dates.sort_unstable(),
            1 => dates.sort_unstable_by(|a, b| b.cmp(a)),
            _ => {}
        }
        lines.push("## Log".into());
        for (i, d) in dates.iter().enumerate() {
            lines.push(format!("- {} #call entry {i} with [[{name}]]", date(*d)));
            if i % 2 == 1 {
                lines.push("  continued on the next line".into());
            }
        }
        log_len = dates.len();
        if after_log {
            lines.extend(["".into(), "## Notes".into(), "- 2001-01-01 not a log entry".into()]);
        }
    }
    if promises {
        lines.extend(["".into(), "## Promises".into(), "- [ ] owe: send the deck 📅 2026-02-01".into()]);
    }
    let le = if crlf { "\r\n" } else { "\n" };
    let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
    text.push_str(&lines.join(le));
    if final_nl {
        text.push_str(le);
    }
    Note { text, le, has_front: front, has_log: log.is_some(), has_cadence: front && cadence, log_len }
}

fn note() -> impl Strategy<Value = Note> {
    (
        0usize..NAMES.len(),
        any::<(bool, bool, bool, bool, bool, bool)>(),
        prop::option::of((0u8..3, prop::collection::vec(0u64..3000, 0..6))),
        any::<(bool, bool, bool, bool)>(),
    )
        .prop_map(|(name, fm, log, body)| build(name, fm, log, body))
}

/// Lines without their endings; no empty piece after a final line ending.
fn lines(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = text.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l)).collect();
    if text.ends_with('\n') || text.is_empty() {
        out.pop();
    }
    out
}

/// The lines of `new` that are not `old`'s, when every line of `old` is still there in order.
fn added<'a>(old: &str, new: &'a str) -> Option<Vec<&'a str>> {
    let old = lines(old);
    let mut i = 0;
    let mut extra = Vec::new();
    for line in lines(new) {
        if i < old.len() && old[i] == line {
            i += 1;
        } else {
            extra.push(line);
        }
    }
    (i == old.len()).then_some(extra)
}

/// Whether removing one occurrence of `line` plus one line ending from `new` gives `old`
/// exactly, byte for byte.
fn is_one_line_insertion(old: &str, new: &str, line: &str, le: &str) -> bool {
    new.match_indices(line).any(|(at, _)| {
        let end = at + line.len();
        let after = new[end..].starts_with(le) && format!("{}{}", &new[..at], &new[end + le.len()..]) == old;
        let before = new[..at].ends_with(le) && format!("{}{}", &new[..at - le.len()], &new[end..]) == old;
        after || before
    })
}

fn parse(text: &str) -> rolo::note::ParsedNote {
    rolo::note::parse(rolo::vault::decode("People/X.md", text.as_bytes().to_vec(), 0).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 192, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn inserting_a_log_entry_adds_exactly_that_line(n in note(), d in 0u64..3000, channel in "[a-z]{1,8}", words in "[a-zA-Zé会 ]{1,20}") {
        let message = words.split_whitespace().collect::<Vec<_>>().join(" ");
        prop_assume!(!message.is_empty());
        let entry = format!("- {} #{channel} {message}", date(d));
        let new = edit::insert_log_entry(&n.text, &entry, date(d)).unwrap();
        let extra = added(&n.text, &new).expect("every original line kept, in order");
        if n.has_log && n.log_len > 0 {
            prop_assert_eq!(extra, vec![entry.as_str()]);
            prop_assert!(is_one_line_insertion(&n.text, &new, &entry, n.le), "not byte-exact:\n{:?}\n{:?}", n.text, new);
        } else if n.has_log {
            // An empty Log section gets a blank line after its heading, then the entry.
            let mut extra = extra;
            extra.sort_unstable();
            prop_assert_eq!(extra, vec!["", entry.as_str()]);
        } else {
            prop_assert!(extra.contains(&entry.as_str()) && extra.contains(&"## Log") && extra.len() <= 4, "{:?}", extra);
        }
        prop_assert_eq!(new.starts_with('\u{feff}'), n.text.starts_with('\u{feff}'));
        if n.text.contains("\r\n") {
            prop_assert!(!new.replace("\r\n", "").contains('\n'), "mixed line endings: {:?}", new);
        }

        // What rolo wrote, it reads back.
        let before = parse(&n.text);
        let after = parse(&new);
        prop_assert_eq!(after.body.log.len(), n.log_len + 1);
        prop_assert_eq!(before.body.log.len(), n.log_len);
        let found = after.body.log.iter().find(|e| e.text == message).expect("the new entry is read back");
        prop_assert_eq!(found.date, date(d));
        prop_assert_eq!(found.channel.as_deref(), Some(channel.as_str()));
        prop_assert_eq!(after.front.as_ref().map(|f| f.name.clone()), before.front.as_ref().map(|f| f.name.clone()));
        prop_assert_eq!(after.diagnostics.len(), before.diagnostics.len());
    }

    #[test]
    fn setting_a_field_changes_only_that_field(n in note(), key in prop::sample::select(vec!["cadence", "last_contact", "tags", "circle"]), d in 0u64..3000) {
        let value = match key {
            "cadence" => "45d".to_string(),
            "tags" => "[one, two]".to_string(),
            "circle" => "\"amigos ñ\"".to_string(),
            _ => date(d).to_string(),
        };
        let new = edit::set_field(&n.text, key, &value).unwrap();
        // The lines the key held before (one, or a block list) are the only ones that may go.
        let held: Vec<&str> = match edit::locate_front_matter(&n.text).unwrap() {
            Some(block) => edit::top_level_keys(&n.text, &block)
                .into_iter()
                .filter(|k| k.key == key)
                .flat_map(|k| lines(&n.text[k.start..k.end]))
                .collect(),
            None => Vec::new(),
        };
        let kept: Vec<&str> = lines(&n.text).into_iter().filter(|l| !held.contains(l)).collect();
        // The BOM stays first, before any front matter rolo adds.
        prop_assert_eq!(new.starts_with('\u{feff}'), n.text.starts_with('\u{feff}'));
        let kept_text: String = kept.iter().map(|l| format!("{}\n", l.trim_start_matches('\u{feff}'))).collect();
        let new_text = new.trim_start_matches('\u{feff}');
        let extra = added(&kept_text, new_text).expect("every other line kept, in order");
        let expected_line = extra.iter().find(|l| l.starts_with(&format!("{key}:"))).copied();
        prop_assert!(expected_line.is_some_and(|l| l.contains(&value)), "{:?}", extra);
        let allowed = if n.has_front { 1 } else { 3 }; // new front matter: both fences too
        prop_assert_eq!(extra.len(), allowed, "{:?}", extra);
        if key == "cadence" && n.has_cadence {
            prop_assert!(new.contains("cadence: 45d # every month"), "the comment is kept: {}", new);
        }

        let after = parse(&new);
        let front = after.front.expect("front matter still readable");
        match key {
            "cadence" => prop_assert_eq!(front.cadence, Some(Cadence::from_str("45d").unwrap())),
            "tags" => prop_assert_eq!(front.tags, vec!["one".to_string(), "two".to_string()]),
            "circle" => prop_assert_eq!(front.circle.as_deref(), Some("amigos ñ")),
            _ => prop_assert_eq!(front.last_contact, Some(date(d))),
        }
        if n.has_front {
            prop_assert_eq!(front.name, parse(&n.text).front.unwrap().name);
        }
    }

    #[test]
    fn appending_a_task_adds_only_the_task(n in note(), heading in prop::sample::select(vec!["Promises", "Log", "Follow-ups"]), what in "[a-z ]{1,20}") {
        let task = format!("- [ ] owe: {} 📅 2026-07-01", what.trim());
        let new = edit::append_task(&n.text, &task, heading).unwrap();
        let extra = added(&n.text, &new).expect("every original line kept, in order");
        prop_assert!(extra.contains(&task.as_str()), "{:?}", extra);
        let exists = lines(&n.text).contains(&format!("## {heading}").as_str());
        let section_has_items = exists && (heading != "Log" || n.log_len > 0);
        if section_has_items {
            prop_assert_eq!(extra.len(), 1, "{:?}", extra);
            prop_assert!(is_one_line_insertion(&n.text, &new, &task, n.le));
        }
        let after = parse(&new);
        prop_assert_eq!(after.body.log.len(), parse(&n.text).body.log.len());
        prop_assert!(after.body.tasks.iter().any(|t| !t.parsed.done && t.parsed.text.contains(what.trim())));
    }

    #[test]
    fn cadence_arithmetic_is_monotonic(count in 1u32..400, unit in prop::sample::select(vec!["d", "w", "m", "y"]), a in 0u64..40_000, b in 0u64..40_000, more in 0u32..50) {
        let Ok(c) = Cadence::from_str(&format!("{count}{unit}")) else {
            prop_assert!(unit == "y" && count > 100, "{count}{unit} refused");
            return Ok(());
        };
        let longer = Cadence::from_str(&format!("{}{unit}", count + more));
        let (d1, d2) = (date(a.min(b)), date(a.max(b)));
        let (n1, n2) = (c.add_to(d1).unwrap(), c.add_to(d2).unwrap());
        prop_assert!(n1 > d1 && n2 > d2, "due date not after the last contact");
        prop_assert!(n1 <= n2, "{c}: {d1} -> {n1} but {d2} -> {n2}");
        if let Ok(longer) = longer {
            prop_assert!(longer.add_to(d1).unwrap() >= n1, "a longer cadence came due sooner");
        }
        prop_assert!(Cadence::Never.add_to(d1).is_none());
        prop_assert_eq!(Cadence::from_str(&c.to_string()), Ok(c));
    }
}

/// A small generated vault on disk.
fn write_vault(dir: &std::path::Path, people: &[(usize, u8, Vec<u64>)]) {
    std::fs::create_dir_all(dir.join("People")).unwrap();
    std::fs::write(dir.join(".rolo.toml"), "people = [\"People\"]\n[circles.friends]\ncadence = \"30d\"\n").unwrap();
    for (i, (name, cadence, dates)) in people.iter().enumerate() {
        let name = format!("{} {i}", NAMES[*name % NAMES.len()].replace(['"', '|', '[', ']', '\u{202e}'], ""));
        let mut text = format!(
            "---\nname: {}\ncircle: friends\ncadence: {}\ninterests: [maps, chess]\nneeds: [maps]\n---\n## Log\n",
            yaml_name(&name),
            ["7d", "2w", "1m", "1y"][usize::from(*cadence) % 4]
        );
        for d in dates {
            text.push_str(&format!("- {} #coffee with [[{}]]\n", date(2000 + d), name));
        }
        std::fs::write(dir.join("People").join(format!("{name}.md")), text).unwrap();
    }
}

fn run(vault: &std::path::Path, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolo"))
        .env_remove("ROLO_VAULT")
        .env_remove("ROLO_TODAY")
        .env("NO_COLOR", "1")
        .arg("--vault")
        .arg(vault)
        .args(["--today", "2026-06-01"])
        .args(args)
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn reports(vault: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(vault.join("Reports"))
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn reports_render_byte_identically(people in prop::collection::vec((0usize..8, any::<u8>(), prop::collection::vec(0u64..900, 0..4)), 1..5)) {
        let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        write_vault(a.path(), &people);
        write_vault(b.path(), &people);
        run(a.path(), &["report"]);
        run(b.path(), &["report"]);
        let first = reports(a.path());
        prop_assert_eq!(first.len(), 3);
        prop_assert_eq!(&first, &reports(b.path()), "two vaults with the same notes, different reports");
        run(a.path(), &["report"]);
        prop_assert_eq!(&first, &reports(a.path()), "a second run changed the reports");
        prop_assert_eq!(run(a.path(), &["overdue", "--json"]), run(b.path(), &["overdue", "--json"]));
        prop_assert_eq!(run(a.path(), &["audit", "--json"]), run(a.path(), &["audit", "--json"]));
    }
}
