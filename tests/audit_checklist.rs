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
