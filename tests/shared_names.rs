//! Two contacts called Ana Ruiz in different folders, told apart by links to their paths
//! (tests/fixtures/shared-names, today 2026-06-01; see its EXPECTED.md).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use serde_json::{json, Value};

const TODAY: &str = "2026-06-01";

fn show(vault: &std::path::Path, who: &str) -> Value {
    let mut c = rolo_at(vault, TODAY);
    c.args(["show", who, "--json"]);
    json_of(c)
}

#[test]
fn a_link_to_a_path_counts_for_the_contact_whose_note_it_is() {
    let vault = fixture("shared-names");
    let friend = show(&vault, "People/Ana Ruiz");
    assert_eq!((&friend["path"], &friend["last_contact"]), (&json!("People/Ana Ruiz.md"), &json!("2026-05-20")));
    assert_eq!(friend["linked_with"], json!([]), "{friend}");
    let client = show(&vault, "Clients/Ana Ruiz");
    assert_eq!((&client["path"], &client["last_contact"]), (&json!("Clients/Ana Ruiz.md"), &json!("2026-05-10")));
    assert_eq!(client["linked_with"], json!(["Ben Ortiz"]), "Ben's log links her by path: {client}");
}

#[test]
fn a_link_to_the_path_of_a_note_is_no_contact_with_the_contact_of_that_file_name() {
    let ben = show(&fixture("shared-names"), "Ben Ortiz");
    let dates: Vec<&Value> = ben["interactions"].as_array().unwrap().iter().map(|i| &i["date"]).collect();
    assert_eq!(dates, [&json!("2026-05-15")], "[[Meetings/Ben Ortiz]] is a note: {ben}");
    assert_eq!(ben["last_contact"], "2026-05-15");
}

#[test]
fn reports_link_each_contact_by_the_path_of_her_note() {
    let vault = copy_vault("shared-names");
    rolo_at(vault.path(), TODAY).arg("report").assert().success();
    let overdue = read(vault.path(), "Reports/Overdue.md");
    let row = |link: &str| overdue.lines().find(|l| l.starts_with(&format!("| {link} |"))).unwrap_or("").to_string();
    assert!(row("[[Clients/Ana Ruiz]]").contains("| 2026-05-10 (meeting) |"), "{overdue}");
    assert!(row("[[People/Ana Ruiz]]").contains("| 2026-05-20 |"), "{overdue}");
    assert!(!overdue.contains("[[Ana Ruiz]]"), "{overdue}");
}

#[test]
fn a_ticked_audit_action_acts_on_the_contact_its_path_names() {
    let vault = copy_vault("shared-names");
    rolo_at(vault.path(), TODAY).arg("report").assert().success();
    let audit = read(vault.path(), "Reports/Audit.md");
    let item = "- [ ] set cadence of [[Clients/Ana Ruiz]] to 30d";
    assert!(audit.contains(item), "{audit}");
    write(vault.path(), "Reports/Audit.md", &audit.replace(item, &item.replace("[ ]", "[x]")));
    rolo_at(vault.path(), TODAY).arg("report").assert().success();
    assert!(read(vault.path(), "Clients/Ana Ruiz.md").contains("cadence: 30d\n"));
    assert!(read(vault.path(), "People/Ana Ruiz.md").contains("cadence: 7d\n"), "the other Ana is left alone");
}

#[test]
fn an_intro_entry_links_both_notes_by_path_and_is_read_back() {
    let vault = copy_vault("shared-names");
    rolo_at(vault.path(), TODAY)
        .args(["log", "People/Ana Ruiz", "--intro", "Ben Ortiz", "both climb"])
        .assert()
        .success();
    // Ben's file name is also a note's (Meetings/Ben Ortiz.md): he is linked by path too.
    let entry = "#intro [[People/Ana Ruiz]] and [[People/Ben Ortiz]]: both climb";
    assert!(read(vault.path(), "People/Ana Ruiz.md").contains(entry));
    assert_eq!(show(vault.path(), "People/Ana Ruiz")["linked_with"], json!(["Ben Ortiz"]));
}

#[test]
fn check_suggests_links_by_path_for_a_shared_file_name() {
    let mut c = rolo_at(&fixture("shared-names"), TODAY);
    c.arg("check");
    let out = stdout_of(c, 1);
    assert!(
        out.contains(
            "People/Ana Ruiz.md:1:1: error: the name or alias \"ana ruiz\" is also used by Ana Ruiz (Clients/Ana Ruiz.md): \
             links to it are ambiguous. Rename one, or link each by its path ([[Clients/Ana Ruiz]], [[People/Ana Ruiz]])"
        ),
        "{out}"
    );
}

#[test]
fn the_graph_links_each_person_by_the_path_of_their_note() {
    let mut c = rolo_at(&fixture("shared-names"), TODAY);
    c.args(["graph", "--around", "Clients/Ana Ruiz", "--depth", "1"]);
    let note = stdout_of(c, 0);
    assert!(note.ends_with("\n- [[Clients/Ana Ruiz]]\n- [[People/Ben Ortiz]]\n"), "{note}");
}

#[test]
fn a_name_two_contacts_share_is_refused_with_their_paths_to_pick_from() {
    let out = rolo_at(&fixture("shared-names"), TODAY).args(["show", "Ana Ruiz"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("or give the note's path"), "{err}");
    assert!(err.contains("  Ana Ruiz (Clients/Ana Ruiz.md)\n  Ana Ruiz (People/Ana Ruiz.md)"), "{err}");
}

/// A vault where `[[X/Cy Doe]]` ends both a contact's note and another note's path.
fn one_contact_and_one_note_end_alike() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "People/X/Cy Doe.md", "---\ncadence: 30d\n---\n");
    write(dir.path(), "Notes/X/Cy Doe.md", "A note about a project.\n");
    write(dir.path(), "People/Dee Lu.md", "---\nintroduced_by: \"[[X/Cy Doe]]\"\n---\n");
    dir
}

#[test]
fn a_path_ending_one_contact_and_a_note_is_ambiguous_as_a_link_but_finds_the_contact_by_name() {
    let dir = one_contact_and_one_note_end_alike();
    let out = rolo_at(dir.path(), TODAY).arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("introduced_by [[X/Cy Doe]] matches People/X/Cy Doe.md and a note that is not a contact. Link one by its full path"),
        "{stdout}"
    );
    // On the command line only contacts are looked for: the one contact is the answer.
    assert_eq!(show(dir.path(), "X/Cy Doe")["path"], "People/X/Cy Doe.md");
}

/// Runs `rolo report` on a copy of the fixture with these notes added, and returns the
/// report of this file name.
fn report_with(notes: &[(&str, &str)], report: &str) -> String {
    let vault = copy_vault("shared-names");
    for (rel, text) in notes {
        write(vault.path(), rel, text);
    }
    rolo_at(vault.path(), TODAY).arg("report").assert().success();
    read(vault.path(), &format!("Reports/{report}"))
}

#[test]
fn a_promise_owed_to_you_in_a_daily_note_links_the_contact_by_her_path() {
    let daily = ("Daily/2026-01-10.md", "- [ ] [[People/Ana Ruiz]] owes me: the route map\n");
    let audit = report_with(&[daily], "Audit.md");
    let item = audit.lines().find(|l| l.contains("the route map")).unwrap_or_default();
    assert!(item.starts_with("- [ ] review [[People/Ana Ruiz]] — "), "{audit}");
}

#[test]
fn a_promised_intro_written_in_another_contacts_note_links_the_contact_promised() {
    let client =
        "---\ncadence: 7d\ncompany: Acme\n---\n# Ana Ruiz\n\n- [ ] I owe [[People/Ana Ruiz]]: an intro to Ben\n";
    let intros = report_with(&[("Clients/Ana Ruiz.md", client)], "Introductions.md");
    let promised: Vec<&str> = intros.lines().filter(|l| l.contains("an intro to Ben")).collect();
    // A task in a contact's note is hers too: the promise is listed for each Ana, by her path.
    let each = ["[[Clients/Ana Ruiz]]", "[[People/Ana Ruiz]]"]
        .map(|l| format!("- [ ] {l}: an intro to Ben — Clients/Ana Ruiz.md:7"));
    assert_eq!(promised, each, "{intros}");
}

#[test]
fn reports_link_a_contact_at_the_vault_root_by_its_path_from_the_root() {
    let overdue = report_with(&[("Ana Ruiz.md", "---\ntype: person\ncadence: 7d\n---\n# Ana Ruiz\n")], "Overdue.md");
    assert!(overdue.contains("\n| [[/Ana Ruiz]] |"), "{overdue}");
    assert!(!overdue.contains("[[Ana Ruiz]]"), "{overdue}");
}
