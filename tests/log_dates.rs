//! The ways a Log entry may write its date: plain, with an Obsidian time, or as a link to the
//! day's daily note. Each vault is built in the test, today pinned to 2026-11-24.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use serde_json::Value;

const TODAY: &str = "2026-11-24";

const ANA: &str = "---\ncadence: 30d\n---\n# Ana Ruiz\n\n## Log\n\
- 2026-11-02 #call plain date\n\
- [[2026-11-10]] #coffee talked about [[Ben Ortiz]]\n\
- 2026-11-12T09:30 <- #email asked for the deck\n\
- [[2026-11-14|Saturday]]: #dinner with friends\n\
- [[Ben Ortiz]] 2026-11-20 not an entry: the link comes first\n";

fn vault() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "People/Ana Ruiz.md", ANA);
    write(dir.path(), "People/Ben Ortiz.md", "---\ncadence: 30d\n---\n");
    dir
}

fn interactions(v: &Value) -> Vec<(String, String, String, String)> {
    let field = |i: &Value, k: &str| i[k].as_str().unwrap_or("").to_string();
    v["interactions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (field(i, "date"), field(i, "flow"), field(i, "channel"), field(i, "text")))
        .collect()
}

#[test]
fn daily_note_links_and_obsidian_times_date_log_entries() {
    let dir = vault();
    let mut c = rolo_at(dir.path(), TODAY);
    c.args(["show", "ana", "--json"]);
    let v = json_of(c);
    let row = |d: &str, f: &str, c: &str, t: &str| (d.into(), f.into(), c.into(), t.into());
    assert_eq!(
        interactions(&v),
        vec![
            row("2026-11-14", "outgoing", "dinner", "with friends"),
            row("2026-11-12", "incoming", "email", "asked for the deck"),
            row("2026-11-10", "outgoing", "coffee", "talked about [[Ben Ortiz]]"),
            row("2026-11-02", "outgoing", "call", "plain date"),
        ]
    );
    assert_eq!(v["last_contact"], "2026-11-14");
}

#[test]
fn a_date_link_in_an_entry_is_not_a_person_mentioned() {
    let dir = vault();
    let mut c = rolo_at(dir.path(), TODAY);
    c.args(["show", "ben", "--json"]);
    let v = json_of(c);
    // Ana talked *about* Ben: a mention, not contact; the date link is nobody.
    assert_eq!(v["last_contact"], Value::Null);
    let out = rolo_at(dir.path(), TODAY).arg("check").output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success() && said.contains("0 warnings"), "a date link was diagnosed: {said}");
    let names = |v: &Value| -> Vec<String> {
        v.as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap().to_string()).collect()
    };
    let mut audit = rolo_at(dir.path(), TODAY);
    audit.args(["audit", "--json"]);
    assert_eq!(names(&json_of(audit)["to_add"]), Vec::<String>::new(), "nobody to add");
    let mut export = rolo_at(dir.path(), TODAY);
    export.args(["export", "json"]);
    assert_eq!(names(&json_of(export)["missing_people"]), Vec::<String>::new(), "nobody mentioned without a note");
}

#[test]
fn logging_after_linked_dates_reads_back_every_entry() {
    let dir = vault();
    let mut c = rolo_at(dir.path(), TODAY);
    c.args(["log", "ana", "--via", "call", "caught up"]);
    stdout_of(c, 0);
    let text = read(dir.path(), "People/Ana Ruiz.md");
    assert_eq!(text, ANA.replace("- [[Ben Ortiz]] 2026", "- 2026-11-24 #call caught up\n- [[Ben Ortiz]] 2026"));
}

#[test]
fn a_daily_note_linked_but_not_written_is_nobody_to_add() {
    let dir = vault();
    // A second link to the missing daily note, and one to a missing person, twice.
    write(
        dir.path(),
        "Projects/Launch.md",
        "## Log\n- [[2026-11-10]] kickoff with [[Ana Ruiz]] and [[Cy Doe]]\n- 2026-11-11 follow-up with [[Cy Doe]]\n",
    );
    let mut c = rolo_at(dir.path(), TODAY);
    c.args(["audit", "--json"]);
    let v = json_of(c);
    let names: Vec<&str> = v["to_add"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Cy Doe"]);
}
