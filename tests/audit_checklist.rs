//! The audit as a checklist: ticked items acted on by `report` and `watch`, and regeneration
//! that never loses a tick or a line the user wrote.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use std::path::Path;

const AUDIT: &str = "Reports/Audit.md";

fn edit_audit(vault: &Path, f: impl FnOnce(String) -> String) {
    let text = read(vault, AUDIT);
    let new = f(text.clone());
    assert_ne!(new, text, "the edit did not apply");
    write(vault, AUDIT, &new);
}

fn tick(vault: &Path, item: &str) {
    edit_audit(vault, |t| t.replacen(&format!("- [ ] {item}"), &format!("- [x] {item}"), 1));
}

/// Runs `rolo report` and returns (exit code, stdout, stderr).
fn report_at(vault: &Path, today: &str) -> (i32, String, String) {
    let mut c = rolo_at(vault, today);
    c.arg("report");
    let out = c.output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn a_broken_template_stops_report_before_any_ticked_item_edits_a_note() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "archive [[Jonas Berg]]");
    std::fs::create_dir_all(vault.path().join(".rolo/templates")).unwrap();
    write(vault.path(), ".rolo/templates/overdue.md.j2", "{{ rows | nope }}\n");
    let before = vault_files(vault.path());
    let (code, stdout, stderr) = report_at(vault.path(), EXAMPLE_TODAY);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("template overdue.md.j2"), "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn a_refused_ticked_item_is_a_warning_and_the_others_and_the_reports_go_ahead() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "archive [[Amir Haddad]]");
    // Carlos Mendes's front matter is broken: archiving him is refused.
    edit_audit(vault.path(), |t| t.replacen("## Dormant\n", "## Dormant\n\n- [x] archive [[Carlos Mendes]] — x\n", 1));
    let carlos = read(vault.path(), "People/Carlos Mendes.md");
    let (code, stdout, stderr) = report_at(vault.path(), EXAMPLE_TODAY);
    assert_eq!(code, 1, "a refused item is exit code 1, as documented: {stderr}");
    assert_eq!(stdout, "did: set status: archived in People/Amir Haddad.md (ticked in the audit)\n");
    assert!(stderr.contains("`archive [[Carlos Mendes]]`"), "names the item: {stderr}");
    assert!(stderr.contains("the front matter of People/Carlos Mendes.md is broken"), "names the note: {stderr}");
    assert!(read(vault.path(), "People/Amir Haddad.md").contains("\nstatus: archived\n"));
    assert_eq!(read(vault.path(), "People/Carlos Mendes.md"), carlos);
    assert!(!read(vault.path(), AUDIT).contains("archive [[Amir Haddad]]"), "the reports were regenerated");
    assert!(notes(vault.path()).contains("\n- [x] archive [[Carlos Mendes]] — x\n"), "the refused item stays ticked");
}

#[test]
fn a_ticked_item_the_editor_cannot_write_safely_names_the_note_and_writes_nothing() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "set cadence of [[Felix Wagner]] to 60d");
    // `!!int 60d` would not be YAML: the read-back check refuses the edit.
    let felix = read(vault.path(), "People/Felix Wagner.md").replacen("---\n", "---\ncadence: !!int 14\n", 1);
    write(vault.path(), "People/Felix Wagner.md", &felix);
    let (code, _, stderr) = report_at(vault.path(), EXAMPLE_TODAY);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("People/Felix Wagner.md: rolo cannot safely change `cadence` (line "), "{stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(read(vault.path(), "People/Felix Wagner.md"), felix);
}

/// The text after the audit's `## Notes` heading.
fn notes(vault: &Path) -> String {
    let audit = read(vault, AUDIT);
    audit.split_once("\n## Notes\n").map(|(_, n)| n.to_string()).unwrap_or_default()
}

#[test]
fn watch_carries_out_ticked_items_as_report_does() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "set cadence of [[Felix Wagner]] to 60d");
    // Six days later the suggestion for Felix reads `to 90d`: the tick must not be lost.
    let mut c = rolo_at(vault.path(), "2026-11-30");
    c.arg("watch").env("ROLO_WATCH_MAX_RUNS", "1");
    let out = stdout_of(c, 0);
    assert_eq!(out, "did: set cadence: 60d in People/Felix Wagner.md (ticked in the audit)\n");
    assert!(read(vault.path(), "People/Felix Wagner.md").contains("\ncadence: 60d\n"));
    assert!(!read(vault.path(), AUDIT).contains("[[Felix Wagner]] to 60d"), "the spent tick is gone");
}

#[test]
fn a_ticked_item_that_is_no_longer_listed_moves_to_notes_still_ticked() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "review [[Noor Al-Sayed]]");
    // Noor gets a circle and a cadence: the Unsorted item goes away, the tick must not.
    let path = "People/Noor Al-Sayed.md";
    let note = read(vault.path(), path);
    write(vault.path(), path, &note.replacen("---\n", "---\ncircle: friends\ncadence: 90d\n", 1));
    let (code, _, stderr) = report_at(vault.path(), EXAMPLE_TODAY);
    assert_eq!(code, 0, "{stderr}");
    assert!(notes(vault.path()).contains("\n- [x] review [[Noor Al-Sayed]] — no circle, no cadence\n"));
}

#[test]
fn a_review_tick_stays_in_its_own_section() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "review [[Carlos Mendes]] — invalid YAML");
    let (code, _, stderr) = report_at(vault.path(), EXAMPLE_TODAY);
    assert_eq!(code, 0, "{stderr}");
    let audit = read(vault.path(), AUDIT);
    assert!(audit.contains("\n- [x] review [[Carlos Mendes]] — invalid YAML"), "{audit}");
    assert!(audit.contains("\n- [ ] review [[Carlos Mendes]] — no circle, no cadence\n"), "{audit}");
}

#[test]
fn every_line_the_user_added_outside_notes_moves_under_notes() {
    let vault = copy_vault("example-vault");
    let fence = "```\nmy code\n\nstill mine\n```\n";
    edit_audit(vault.path(), |t| {
        t.replacen("report: audit\n", "report: audit\ntags: [review]\n", 1)
            .replacen(
                "## Dormant\n\n",
                &format!("## Dormant\n\n- [ ] call [[Jonas Berg]] — re Q1 deck\n- [x] phoned Amir — left msg\n{fence}"),
                1,
            )
            .replacen("| --- | ---: | ---: |\n", "| --- | ---: | ---: |\n| my own row | ? | ? |\n", 1)
    });
    let (code, _, stderr) = report_at(vault.path(), "2026-11-25");
    assert_eq!(code, 0, "{stderr}");
    let audit = read(vault.path(), AUDIT);
    assert!(audit.starts_with("---\ngenerated_by: rolo\nreport: audit\ntags: [review]\n---\n"), "{audit}");
    let notes = notes(vault.path());
    for line in ["- [ ] call [[Jonas Berg]] — re Q1 deck\n", "- [x] phoned Amir — left msg\n", fence] {
        assert!(notes.contains(line), "{line:?} is kept under Notes:\n{notes}");
    }
    assert!(notes.contains("| my own row | ? | ? |\n"), "{notes}");
    // Regenerating again changes nothing: what moved is not moved twice.
    let before = read(vault.path(), AUDIT);
    report_at(vault.path(), "2026-11-25");
    assert_eq!(read(vault.path(), AUDIT), before);
}

#[test]
fn rolo_advice_for_a_section_that_empties_does_not_pile_up_in_notes() {
    let vault = copy_vault("example-vault");
    let path = "People/Isabel Moreau.md";
    let note = read(vault.path(), path);
    write(vault.path(), path, &note.replace("[[Pierre Lambert]]", "[[Lena Fischer]]"));
    let (code, _, stderr) = report_at(vault.path(), EXAMPLE_TODAY);
    assert_eq!(code, 0, "{stderr}");
    let notes = notes(vault.path());
    assert_eq!(notes, "<!-- Write below: rolo keeps this section as it is. -->\n");
}

#[test]
fn a_dry_run_shows_the_ticked_change_and_keeps_the_tick() {
    let vault = copy_vault("example-vault");
    tick(vault.path(), "archive [[Amir Haddad]]");
    let before = vault_files(vault.path());
    let mut c = rolo(vault.path());
    c.args(["report", "--dry-run"]);
    let out = stdout_of(c, 0);
    assert!(out.ends_with("would: set status: archived in People/Amir Haddad.md (ticked in the audit)\n"), "{out}");
    assert!(!out.contains("Reports/Audit.md"), "the tick is not spent by a dry run: {out}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}
