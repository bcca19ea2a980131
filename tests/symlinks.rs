//! Symbolic links in and around the vault: an edited note that is a link is edited where it
//! lives (the link stays), a report linked out of the vault is never read, `graph --out`
//! replaces only an earlier graph and never writes out of the vault, and `export --out`
//! writes through a link it is given.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{changed_paths, copy_vault, read, rolo, vault_files};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

/// The example vault with Anika's note moved to `Projects/` and linked from `People/`.
fn vault_with_linked_anika() -> tempfile::TempDir {
    let vault = copy_vault("example-vault");
    let v = vault.path();
    fs::rename(v.join("People/Anika Brandt.md"), v.join("Projects/Anika Brandt.md")).unwrap();
    symlink("../Projects/Anika Brandt.md", v.join("People/Anika Brandt.md")).unwrap();
    vault
}

#[test]
fn logging_a_symlinked_note_edits_the_real_note_and_keeps_the_link() {
    let vault = vault_with_linked_anika();
    let v = vault.path();
    rolo(v).args(["log", "anika", "called about the dashboard"]).assert().success();
    assert!(is_link(&v.join("People/Anika Brandt.md")), "the link was replaced by a copy");
    let real = read(v, "Projects/Anika Brandt.md");
    assert!(real.contains("- 2026-11-24 called about the dashboard"), "{real}");
    let names: Vec<_> = fs::read_dir(v.join("People")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(names.iter().all(|n| !n.to_string_lossy().starts_with(".rolo-")), "temporary file left: {names:?}");
}

#[test]
fn importing_into_a_symlinked_note_edits_the_real_note_and_keeps_the_link() {
    let vault = vault_with_linked_anika();
    let v = vault.path();
    let csv = tempfile::NamedTempFile::new().unwrap();
    fs::write(
        csv.path(),
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
         Anika,Brandt,https://www.linkedin.com/in/anika,anika@brandt.example,Brandt Möbel,CEO,01 Jan 2024\n",
    )
    .unwrap();
    rolo(v).args(["import", "linkedin"]).arg(csv.path()).assert().success();
    assert!(is_link(&v.join("People/Anika Brandt.md")));
    assert!(read(v, "Projects/Anika Brandt.md").contains("email: anika@brandt.example"));
}

#[test]
fn report_never_reads_an_audit_linked_out_of_the_vault() {
    let vault = copy_vault("example-vault");
    let v = vault.path();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    let text = "- [x] add [[Evil Person]] as a contact\n\n## Notes\nSECRET\n";
    fs::write(&secret, text).unwrap();
    fs::remove_file(v.join("Reports/Audit.md")).unwrap();
    symlink(&secret, v.join("Reports/Audit.md")).unwrap();

    let dry = rolo(v).args(["report", "--dry-run"]).output().unwrap();
    assert!(dry.status.success());
    assert!(!String::from_utf8_lossy(&dry.stdout).contains("SECRET"));

    let out = rolo(v).arg("report").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("Reports/Audit.md leads outside the vault"), "{stderr}");
    assert!(!v.join("People/Evil Person.md").exists(), "a ticked item from outside the vault was applied");
    assert!(!is_link(&v.join("Reports/Audit.md")));
    assert!(!read(v, "Reports/Audit.md").contains("SECRET"));
    assert_eq!(fs::read_to_string(&secret).unwrap(), text);
}

fn graph_out(vault: &Path, out: &str) -> std::process::Output {
    rolo(vault).args(["graph", "--circle", "clients", "--out", out]).output().unwrap()
}

#[test]
fn graph_out_never_replaces_a_file_rolo_did_not_generate_as_a_graph() {
    let vault = copy_vault("example-vault");
    let v = vault.path();
    let before = vault_files(v);
    for out in ["People/Ana Ruiz.md", ".rolo.toml", "Reports/Audit.md", "People"] {
        let result = graph_out(v, out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{out}: {stderr}");
        assert!(stderr.contains("Choose another path") || stderr.contains("is a folder"), "{out}: {stderr}");
    }
    assert_eq!(changed_paths(&before, &vault_files(v)), Vec::<String>::new());

    // An earlier graph is replaced.
    assert!(graph_out(v, "Reports/Network.md").status.success());
    let out = rolo(v).args(["graph", "--circle", "friends", "--out", "Reports/Network.md"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(read(v, "Reports/Network.md").contains("# Circle: friends"));
}

#[test]
fn graph_out_never_writes_out_of_the_vault_through_a_link() {
    let vault = copy_vault("example-vault");
    let v = vault.path();
    let outside = tempfile::tempdir().unwrap();
    symlink(outside.path(), v.join("G")).unwrap();
    symlink(outside.path().join("y.md"), v.join("Y.md")).unwrap();
    for out in ["G/x.md", "G/Sub/x.md", "Y.md"] {
        let result = graph_out(v, out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(1), "{out}: {stderr}");
        assert!(stderr.contains("leads outside the vault"), "{out}: {stderr}");
    }
    assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
}

#[test]
fn export_out_writes_through_a_link_and_keeps_it() {
    let vault = copy_vault("example-vault");
    let elsewhere = tempfile::tempdir().unwrap();
    let target = elsewhere.path().join("contacts.json");
    fs::write(&target, "").unwrap();
    let link = elsewhere.path().join("link.json");
    symlink(&target, &link).unwrap();
    rolo(vault.path()).args(["export", "json", "--out"]).arg(&link).assert().success();
    assert!(is_link(&link));
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&target).unwrap()).unwrap();
    assert!(json.is_object() || json.is_array());
}
