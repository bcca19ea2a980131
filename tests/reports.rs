//! `overdue`, `next`, `audit`, `intros` and `report`: the analyses and the generated notes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;

fn run_json(vault: &Path, args: &[&str]) -> Value {
    let mut c = rolo(vault);
    c.args(args);
    json_of(c)
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

// ---------- overdue / next ----------

#[test]
fn overdue_lists_most_overdue_relative_to_cadence_first() {
    let v = run_json(&fixture("basic"), &["overdue", "--json"]);
    let rows: Vec<(&str, i64, &str)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["days_overdue"].as_i64().unwrap(), r["due"].as_str().unwrap()))
        .collect();
    assert_eq!(
        rows,
        [("Bob Brown", 31, "2026-05-01"), ("Carol Chen", 18, "2026-05-14"), ("Dave Diaz", 17, "2026-05-15")]
    );
}

#[test]
fn overdue_gives_the_upcoming_birthday_as_a_reason() {
    let v = run_json(&fixture("basic"), &["overdue", "--json"]);
    assert_eq!(v[1]["name"], "Carol Chen");
    assert_eq!(v[1]["reasons"], json!(["birthday in 9 days (Jun 10)"]));
    assert_eq!(v[1]["last_channel"], "call");
}

#[test]
fn overdue_within_adds_upcoming_contacts_with_negative_days_overdue() {
    let v = run_json(&fixture("basic"), &["overdue", "--within", "30", "--json"]);
    let rows: Vec<(&str, i64)> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["name"].as_str().unwrap(), r["days_overdue"].as_i64().unwrap()))
        .collect();
    // Erin is 29/60 of a cadence early, Alice 18/30: Erin is more urgent relative to cadence.
    assert_eq!(
        rows,
        [("Bob Brown", 31), ("Carol Chen", 18), ("Dave Diaz", 17), ("Erin Evans", -29), ("Alice Archer", -18)]
    );
}

#[test]
fn overdue_reasons_put_the_overdue_promise_first() {
    let v = run_json(&fixture("basic"), &["overdue", "--within", "30", "--json"]);
    let alice = v.as_array().unwrap().iter().find(|r| r["name"] == "Alice Archer").unwrap();
    assert_eq!(alice["reasons"][0], "you owe them: send the signed contract (due 2026-05-25, 7 days late)");
    assert_eq!(alice["you_owe"][0]["text"], "send the signed contract");
}

#[test]
fn overdue_reasons_put_the_overdue_promise_first_before_needs_and_interests() {
    let v = run_json(&example_vault(), &["overdue", "--json"]);
    let marcus = v.as_array().unwrap().iter().find(|r| r["name"] == "Marcus Webb").unwrap();
    let reasons: Vec<&str> = marcus["reasons"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    assert_eq!(
        reasons[0],
        "you owe them: revised proposal with the warehouse automation scope (due 2026-10-15, 40 days late)"
    );
    assert!(reasons.contains(&"needs warehouse automation: Kenji Watanabe offers Warehouse automation"));
}

#[test]
fn overdue_suggests_the_least_recently_used_of_the_contacts_channels() {
    // Marcus: channels [call, meeting, email]; last call 2026-06-11, email 2026-08-02, meeting 2025-11-18.
    let v = run_json(&example_vault(), &["overdue", "--json"]);
    let marcus = v.as_array().unwrap().iter().find(|r| r["name"] == "Marcus Webb").unwrap();
    assert_eq!(marcus["suggested_channel"], "meeting");
}

#[test]
fn overdue_has_no_suggested_channel_without_channels() {
    let v = run_json(&fixture("basic"), &["overdue", "--json"]);
    assert!(v.as_array().unwrap().iter().all(|r| r["suggested_channel"].is_null()));
}

#[test]
fn overdue_skips_paused_and_archived_contacts() {
    let v = run_json(&example_vault(), &["overdue", "--json"]);
    let n = names(&v);
    for skipped in ["Ben Adler", "Helen Park", "Oscar Lindqvist"] {
        assert!(!n.contains(&skipped.to_string()), "{skipped} listed: {n:?}");
    }
    for due in ["Jonas Berg", "Amir Haddad", "Isabel Moreau", "Karin Holm", "Leo Martins", "Grace Okafor"] {
        assert!(n.contains(&due.to_string()), "{due} missing: {n:?}");
    }
}

#[test]
fn overdue_example_vault_days_overdue_match_expected_table() {
    let v = run_json(&example_vault(), &["overdue", "--json"]);
    let get = |name: &str| {
        let r = v.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
        (r["days_overdue"].as_i64().unwrap(), r["due"].as_str().unwrap().to_string())
    };
    assert_eq!(get("Jonas Berg"), (588, "2025-04-15".into()));
    assert_eq!(get("Amir Haddad"), (542, "2025-05-31".into()));
    assert_eq!(get("Tariq Mahmoud"), (208, "2026-04-30".into()));
    assert_eq!(get("Leo Martins"), (70, "2026-09-15".into()));
    assert_eq!(get("Karin Holm"), (10, "2026-11-14".into()));
    assert_eq!(get("Isabel Moreau"), (6, "2026-11-18".into()));
}

#[test]
fn overdue_ignores_mentions_in_other_contacts_logs() {
    let v = run_json(&example_vault(), &["overdue", "--json"]);
    let get = |name: &str| {
        let r = v.as_array().unwrap().iter().find(|r| r["name"] == name).unwrap();
        (r["days_overdue"].as_i64().unwrap(), r["due"].as_str().unwrap().to_string())
    };
    assert_eq!(get("Felix Wagner"), (41, "2026-10-14".into()));
    assert_eq!(get("Marcus Webb"), (84, "2026-09-01".into()));
}

#[test]
fn overdue_limit_keeps_the_first_n() {
    let v = run_json(&fixture("basic"), &["overdue", "--limit", "2", "--json"]);
    assert_eq!(names(&v), ["Bob Brown", "Carol Chen"]);
}

#[test]
fn next_2_prints_two_short_lines() {
    let mut c = rolo(&fixture("basic"));
    c.args(["next", "2"]);
    assert_eq!(stdout_of(c, 0), "Bob Brown (31 d late)\nCarol Chen (18 d late): birthday in 9 days (Jun 10)\n");
}

// ---------- audit ----------

#[test]
fn audit_json_has_every_section_as_a_list_of_named_items_with_paths() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    for key in
        ["invalid", "unsorted", "new", "dormant", "drifting", "non_reciprocal", "duplicates", "broken_links", "balance"]
    {
        let list = v[key].as_array().unwrap_or_else(|| panic!("{key} is not a list"));
        assert!(!list.is_empty(), "{key} is empty on the example vault");
        for item in list {
            assert!(item["name"].is_string(), "{key}: {item}");
            assert!(item["path"].is_string(), "{key}: {item}");
        }
    }
}

#[test]
fn audit_finds_the_planted_duplicate() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    let d = v["duplicates"].as_array().unwrap();
    assert_eq!(d.len(), 1);
    assert_eq!(d[0]["name"], "Dan O'Brien / Daniel OBrien");
    assert!(d[0]["fact"].as_str().unwrap().contains("dan@brightwatermedia.ie"));
    assert_eq!(d[0]["action"], "merge [[Dan O'Brien]] and [[Daniel OBrien]]");
}

#[test]
fn audit_finds_non_reciprocal_contacts_and_names_the_mutual_friend() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    let nr = v["non_reciprocal"].as_array().unwrap();
    assert_eq!(names(&v["non_reciprocal"]), ["Felix Wagner", "Grace Okafor"]);
    for item in nr {
        assert!(item["fact"].as_str().unwrap().contains("Lena Fischer"), "{item}");
    }
}

#[test]
fn audit_lists_the_dormant_contacts_with_an_archive_action() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    assert_eq!(
        names(&v["dormant"]),
        [
            "Amir Haddad",
            "Daniel OBrien",
            "Jonas Berg",
            "Kenji Watanabe",
            "Petra Novak",
            "Victor Almeida",
            "Yusuf Demir"
        ]
    );
    assert_eq!(v["dormant"][0]["action"], "archive [[Amir Haddad]]");
}

#[test]
fn audit_lists_new_contacts_met_within_180_days() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    assert_eq!(names(&v["new"]), ["Ines Carvalho", "Priyanka Shah", "Tomás Herrera"]);
}

#[test]
fn audit_lists_drifting_contacts_with_a_set_cadence_action() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    let n = names(&v["drifting"]);
    assert!(n.contains(&"Elif Yılmaz".to_string()) && n.contains(&"Tariq Mahmoud".to_string()), "{n:?}");
    let elif = v["drifting"].as_array().unwrap().iter().find(|i| i["name"] == "Elif Yılmaz").unwrap();
    assert_eq!(elif["action"], "set cadence of [[Elif Yılmaz]] to 1y");
}

#[test]
fn audit_drifting_includes_marcus_webb() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    assert!(names(&v["drifting"]).contains(&"Marcus Webb".to_string()));
}

#[test]
fn audit_reports_broken_links_and_people_to_add() {
    let v = run_json(&example_vault(), &["audit", "--json"]);
    assert_eq!(v["broken_links"][0]["name"], "Isabel Moreau");
    assert!(v["broken_links"][0]["fact"].as_str().unwrap().contains("[[Pierre Lambert]]"));
    let to_add: Vec<(&str, &str)> = v["to_add"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["name"].as_str().unwrap(), i["fact"].as_str().unwrap()))
        .collect();
    assert_eq!(
        to_add,
        [
            ("Marco Bellini", "mentioned on 2026-09-10, 2026-11-05"),
            ("Priya Natarajan", "mentioned on 2026-03-30, 2026-08-19")
        ]
    );
}

// ---------- intros ----------

fn intro_pairs() -> (Value, Vec<(String, String)>) {
    let v = run_json(&example_vault(), &["intros", "--json"]);
    let pairs = v
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let mut p = [s["a"].as_str().unwrap().to_string(), s["b"].as_str().unwrap().to_string()];
            p.sort();
            (p[0].clone(), p[1].clone())
        })
        .collect();
    (v, pairs)
}

fn pair(a: &str, b: &str) -> (String, String) {
    let mut p = [a.to_string(), b.to_string()];
    p.sort();
    (p[0].clone(), p[1].clone())
}

#[test]
fn intros_never_suggest_people_who_already_know_each_other() {
    let (_, pairs) = intro_pairs();
    for (a, b) in [
        ("Marcus Webb", "Hannah Kowalski"),
        ("Raj Patel", "Nguyễn Thị Mai"),
        ("Sam Lee", "Zoë Šimková"),
        ("Lucía Fernández", "José García-López"),
    ] {
        assert!(!pairs.contains(&pair(a, b)), "{a} and {b} already know each other: {pairs:?}");
    }
}

#[test]
fn intros_suggest_the_planted_need_offer_pairs() {
    let (_, pairs) = intro_pairs();
    for (a, b) in [
        ("Ana Ruiz", "Rafael Souza"),
        ("Tomás Herrera", "Ines Carvalho"),
        ("José García-López", "Tariq Mahmoud"),
        ("Priyanka Shah", "Hannah Kowalski"),
        ("Zoë Šimková", "Ella Thompson"),
        ("Marcus Webb", "Kenji Watanabe"),
        ("Olivia Chen", "Amir Haddad"),
    ] {
        assert!(pairs.contains(&pair(a, b)), "{a} + {b} not suggested: {pairs:?}");
    }
}

#[test]
fn intros_every_suggestion_has_reasons() {
    let (v, _) = intro_pairs();
    for s in v.as_array().unwrap() {
        let reasons = s["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty(), "{s}");
        assert!(reasons.iter().all(|r| !r.as_str().unwrap().is_empty()));
    }
}

#[test]
fn intros_need_offer_reason_names_both_sides() {
    let (v, _) = intro_pairs();
    let top = &v[0];
    assert_eq!((top["a"].as_str().unwrap(), top["b"].as_str().unwrap()), ("Ines Carvalho", "Tomás Herrera"));
    assert_eq!(top["reasons"][0], "Tomás Herrera needs frontend developers; Ines Carvalho offers frontend developer");
}

#[test]
fn intros_limit_caps_the_number_of_suggestions() {
    let v = run_json(&example_vault(), &["intros", "--limit", "3", "--json"]);
    assert_eq!(v.as_array().unwrap().len(), 3);
}

// ---------- report ----------

const REPORTS: [&str; 3] = ["Reports/Overdue.md", "Reports/Audit.md", "Reports/Introductions.md"];

fn report(vault: &Path) -> assert_cmd::assert::Assert {
    let mut c = rolo(vault);
    c.arg("report");
    c.assert().success()
}

#[test]
fn report_writes_the_three_files_under_reports() {
    let vault = copy_vault("basic");
    assert!(!vault.path().join("Reports").exists());
    report(vault.path()).stdout("");
    for r in REPORTS {
        let text = read(vault.path(), r);
        assert!(text.starts_with("---\ngenerated_by: rolo\n"), "{r}: {text}");
    }
}

#[test]
fn report_basic_overdue_snapshot() {
    let vault = copy_vault("basic");
    report(vault.path());
    insta::assert_snapshot!("basic_overdue_md", read(vault.path(), "Reports/Overdue.md"));
}

#[test]
fn report_basic_audit_snapshot() {
    let vault = copy_vault("basic");
    report(vault.path());
    insta::assert_snapshot!("basic_audit_md", read(vault.path(), "Reports/Audit.md"));
}

#[test]
fn report_basic_introductions_snapshot() {
    let vault = copy_vault("basic");
    report(vault.path());
    insta::assert_snapshot!("basic_introductions_md", read(vault.path(), "Reports/Introductions.md"));
}

#[test]
fn report_twice_leaves_the_files_untouched_and_prints_nothing() {
    let vault = copy_vault("basic");
    report(vault.path());
    let mtimes = |v: &Path| -> Vec<std::time::SystemTime> {
        REPORTS.iter().map(|r| std::fs::metadata(v.join(r)).unwrap().modified().unwrap()).collect()
    };
    let before = mtimes(vault.path());
    let bytes_before = vault_files(vault.path());
    std::thread::sleep(std::time::Duration::from_millis(1100));
    report(vault.path()).stdout("");
    assert_eq!(mtimes(vault.path()), before);
    assert_eq!(changed_paths(&bytes_before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn report_dry_run_writes_no_report() {
    let vault = copy_vault("basic");
    let mut c = rolo(vault.path());
    c.args(["report", "--dry-run"]);
    c.assert().success();
    assert!(!vault.path().join("Reports").exists());
}

#[test]
fn report_dry_run_prints_what_would_be_written() {
    let vault = copy_vault("basic");
    let mut c = rolo(vault.path());
    c.args(["report", "--dry-run"]);
    let out = stdout_of(c, 0);
    assert!(out.contains("Reports/Overdue.md"), "{out}");
    assert!(out.contains("| [[Bob Brown]] | clients | 30d | 2026-04-01 | 2026-05-01 | 31 d |"), "{out}");
}

#[test]
fn report_dry_run_writes_nothing() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    let mut c = rolo(vault.path());
    c.args(["report", "--dry-run"]);
    c.assert().success();
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    assert!(!vault.path().join(".rolo").exists());
}

#[test]
fn report_is_byte_identical_for_two_fresh_copies() {
    let a = copy_vault("example-vault");
    let b = copy_vault("example-vault");
    std::fs::remove_dir_all(a.path().join("Reports")).unwrap();
    std::fs::remove_dir_all(b.path().join("Reports")).unwrap();
    report(a.path());
    report(b.path());
    for r in REPORTS {
        assert_eq!(std::fs::read(a.path().join(r)).unwrap(), std::fs::read(b.path().join(r)).unwrap(), "{r}");
    }
}

#[test]
fn committed_example_vault_reports_are_current() {
    let mut c = rolo(&example_vault());
    c.args(["report", "--dry-run"]);
    c.assert().success().stdout("");
}

#[test]
fn regenerating_the_example_reports_reproduces_the_committed_files() {
    let vault = copy_vault("example-vault");
    std::fs::remove_dir_all(vault.path().join("Reports")).unwrap();
    report(vault.path());
    for r in REPORTS {
        assert_eq!(read(vault.path(), r), read(&example_vault(), r), "{r}");
    }
}

fn edit_audit(vault: &Path, f: impl FnOnce(String) -> String) {
    let text = read(vault, "Reports/Audit.md");
    let new = f(text.clone());
    assert_ne!(new, text, "the edit did not apply");
    write(vault, "Reports/Audit.md", &new);
}

#[test]
fn a_ticked_review_item_survives_regeneration() {
    let vault = copy_vault("example-vault");
    edit_audit(vault.path(), |t| t.replace("- [ ] review [[Noor Al-Sayed]]", "- [x] review [[Noor Al-Sayed]]"));
    report(vault.path());
    let audit = read(vault.path(), "Reports/Audit.md");
    assert!(audit.contains("\n- [x] review [[Noor Al-Sayed]] — no circle, no cadence\n"), "{audit}");
}

#[test]
fn a_line_written_under_notes_survives_regeneration() {
    let vault = copy_vault("example-vault");
    edit_audit(vault.path(), |t| format!("{}\nCall the accountant about these.\n", t.trim_end_matches('\n')));
    report(vault.path());
    let audit = read(vault.path(), "Reports/Audit.md");
    assert!(audit.ends_with("\nCall the accountant about these.\n"), "{audit}");
}

#[test]
fn a_line_inserted_elsewhere_survives_regeneration() {
    let vault = copy_vault("example-vault");
    edit_audit(vault.path(), |t| t.replacen("## Dormant\n", "## Dormant\n\nMy own remark about dormancy.\n", 1));
    report(vault.path());
    let audit = read(vault.path(), "Reports/Audit.md");
    assert_eq!(audit.matches("My own remark about dormancy.").count(), 1, "{audit}");
}

#[test]
fn ticking_archive_sets_status_archived_in_that_note_only() {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    edit_audit(vault.path(), |t| t.replace("- [ ] archive [[Amir Haddad]]", "- [x] archive [[Amir Haddad]]"));
    let mut c = rolo(vault.path());
    c.arg("report");
    c.assert().success().stdout("did: set status: archived in People/Amir Haddad.md (ticked in the audit)\n");
    let old = String::from_utf8(before["People/Amir Haddad.md"].clone()).unwrap();
    let new = read(vault.path(), "People/Amir Haddad.md");
    let mut old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    assert_eq!(new_lines.len(), old_lines.len() + 1);
    let at = new_lines.iter().position(|l| *l == "status: archived\n").expect("status line added");
    let close = old_lines.iter().skip(1).position(|l| *l == "---\n").unwrap() + 1;
    assert!(at <= close, "status is added inside the front matter");
    old_lines.insert(at, "status: archived\n");
    assert_eq!(old_lines, new_lines);
    let changed = changed_paths(&before, &vault_files(vault.path()));
    let outside: Vec<&String> =
        changed.iter().filter(|p| !p.starts_with("Reports/") && !p.starts_with(".rolo/")).collect();
    assert_eq!(outside, ["People/Amir Haddad.md"]);
    assert!(!read(vault.path(), "Reports/Audit.md").contains("[[Amir Haddad]]"));
}

#[test]
fn ticking_set_cadence_sets_cadence_in_that_note() {
    let vault = copy_vault("example-vault");
    let path = "Community/Elif Yılmaz.md";
    let old = read(vault.path(), path);
    edit_audit(vault.path(), |t| {
        t.replace("- [ ] set cadence of [[Elif Yılmaz]] to 1y", "- [x] set cadence of [[Elif Yılmaz]] to 1y")
    });
    report(vault.path());
    let new = read(vault.path(), path);
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let removed: Vec<&&str> = old_lines.iter().filter(|l| !new_lines.contains(l)).collect();
    let added: Vec<&&str> = new_lines.iter().filter(|l| !old_lines.contains(l)).collect();
    assert!(removed.len() <= 1 && removed.iter().all(|l| l.starts_with("cadence:")), "{removed:?}");
    assert_eq!(added, [&"cadence: 1y"]);
    assert!(!read(vault.path(), "Reports/Audit.md").contains("[[Elif Yılmaz]] to 1y"));
}

#[test]
fn ticking_add_creates_the_contact_note() {
    let vault = copy_vault("example-vault");
    edit_audit(vault.path(), |t| {
        t.replace("- [ ] add [[Priya Natarajan]] as a contact", "- [x] add [[Priya Natarajan]] as a contact")
    });
    report(vault.path());
    assert_eq!(
        read(vault.path(), "People/Priya Natarajan.md"),
        "---\nname: \"Priya Natarajan\"\ntags: [\"person\"]\n---\n# Priya Natarajan\n\n## Log\n"
    );
    assert!(!read(vault.path(), "Reports/Audit.md").contains("add [[Priya Natarajan]] as a contact"));
}

#[test]
fn ticking_archive_of_a_note_with_broken_yaml_is_refused() {
    let vault = copy_vault("example-vault");
    edit_audit(vault.path(), |t| {
        t.replace("- [ ] review [[Carlos Mendes]] — no circle", "- [x] archive [[Carlos Mendes]] — no circle")
    });
    let before = read(vault.path(), "People/Carlos Mendes.md");
    let mut c = rolo(vault.path());
    c.arg("report");
    c.assert().code(1).stderr(predicates::str::contains("the front matter of People/Carlos Mendes.md is broken"));
    assert_eq!(read(vault.path(), "People/Carlos Mendes.md"), before);
}

#[cfg(unix)]
#[test]
fn a_reports_dir_symlinked_outside_the_vault_is_refused() {
    let vault = copy_vault("basic");
    let outside = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(outside.path(), vault.path().join("Reports")).unwrap();
    let mut c = rolo(vault.path());
    c.arg("report");
    c.assert().code(2).stderr(predicates::str::contains("the reports folder leads outside the vault"));
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn reports_left_behind_by_a_moved_reports_dir_are_not_read_as_notes() {
    let vault = copy_vault("example-vault");
    let before = run_json(vault.path(), &["export", "json"]);
    let config = read(vault.path(), ".rolo.toml").replace("reports_dir = \"Reports\"", "reports_dir = \"Generated\"");
    write(vault.path(), ".rolo.toml", &config);
    // The old Reports/ folder is now an ordinary folder of notes full of checklists and links.
    assert!(read(vault.path(), "Reports/Audit.md").contains("- [ ] archive [["));
    let after = run_json(vault.path(), &["export", "json"]);
    assert_eq!(after["contacts"], before["contacts"], "promises, links or mentions taken from old reports");
}

// ---------- links Obsidian can open ----------

/// A contact whose name is not its file's name: Obsidian resolves `[[Ana Ruiz]]` by file
/// name only, so reports and intro entries link `[[ana|Ana Ruiz]]`.
fn vault_with_a_renamed_contact() -> tempfile::TempDir {
    let vault = tempfile::tempdir().unwrap();
    write(vault.path(), ".rolo.toml", "people = [\"People\"]\n");
    write(vault.path(), "People/ana.md", "---\nname: Ana Ruiz\ncadence: 30d\nlast_contact: 2026-01-01\n---\n");
    write(vault.path(), "People/Ben Ortiz.md", "---\ncadence: 30d\nlast_contact: 2026-01-02\n---\n");
    vault
}

#[test]
fn reports_link_a_contact_by_its_file_name_and_show_its_name() {
    let vault = vault_with_a_renamed_contact();
    rolo(vault.path()).arg("report").assert().success();
    let overdue = read(vault.path(), "Reports/Overdue.md");
    assert!(overdue.contains("| [[ana\\|Ana Ruiz]] |"), "a table cell escapes the pipe:\n{overdue}");
    assert!(overdue.contains("| [[Ben Ortiz]] |"), "{overdue}");
    let audit = read(vault.path(), "Reports/Audit.md");
    let item = "- [ ] set cadence of [[ana|Ana Ruiz]] to 6m";
    assert!(audit.contains(item), "{audit}");
    // Ticking the item carries it out on the contact the link points at.
    write(vault.path(), "Reports/Audit.md", &audit.replace(item, &item.replace("[ ]", "[x]")));
    rolo(vault.path()).arg("report").assert().success();
    assert!(read(vault.path(), "People/ana.md").contains("cadence: 6m\n"));
}

#[test]
fn an_intro_entry_links_both_notes_by_file_name() {
    let vault = vault_with_a_renamed_contact();
    rolo(vault.path()).args(["log", "Ben Ortiz", "--intro", "Ana Ruiz", "both hire in Lisbon"]).assert().success();
    let ben = read(vault.path(), "People/Ben Ortiz.md");
    assert!(ben.contains("#intro [[Ben Ortiz]] and [[ana|Ana Ruiz]]: both hire in Lisbon"), "{ben}");
    let shown = run_json(vault.path(), &["show", "Ana Ruiz", "--json"]);
    assert_eq!(shown["linked_with"], json!(["Ben Ortiz"]), "{shown}");
}

#[test]
fn overdue_with_nobody_due_names_the_window_it_looked_at() {
    let vault = tempfile::tempdir().unwrap();
    write(vault.path(), ".rolo.toml", "people = [\"People\"]\n");
    write(vault.path(), "People/Ana.md", "---\ncadence: 30d\nlast_contact: 2026-05-30\n---\n");
    let plain = stdout_of(
        {
            let mut c = rolo(vault.path());
            c.arg("overdue");
            c
        },
        0,
    );
    assert_eq!(plain, "Nobody is due as of 2026-06-01.\n");
    let within = stdout_of(
        {
            let mut c = rolo(vault.path());
            c.args(["overdue", "--within", "14"]);
            c
        },
        0,
    );
    assert_eq!(within, "Nobody is due as of 2026-06-01 or within 14 days after.\n");
}
