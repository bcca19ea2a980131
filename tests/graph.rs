//! `rolo graph`: who knows whom, limited to a circle or to the people around one contact.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{changed_paths, copy_vault, example_vault, rolo, vault_files, write};
use std::fs;

fn graph(args: &[&str]) -> String {
    let out = rolo(&example_vault()).arg("graph").args(args).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn around_a_contact_shows_who_introduced_them_as_a_dotted_line() {
    let note = graph(&["--around", "ana", "--depth", "1"]);
    assert!(note.contains("# Around Ana Ruiz"), "{note}");
    assert!(note.contains("p0[\"Ana Ruiz\"]\np1[\"Tomás Herrera\"]\n"), "{note}");
    assert!(note.contains("p0 -.- p1"), "{note}");
    assert!(!note.contains("Sam Lee"), "{note}");
}

#[test]
fn an_introduction_you_made_is_a_thick_line() {
    let note = graph(&["--around", "Marcus Webb", "--depth", "1"]);
    let hannah = note.lines().find(|l| l.contains("\"Hannah Kowalski\"")).unwrap();
    let marcus = note.lines().find(|l| l.contains("\"Marcus Webb\"")).unwrap();
    let id = |line: &str| line.split('[').next().unwrap().to_string();
    let (h, m) = (id(hannah), id(marcus));
    assert!(note.contains(&format!("{h} === {m}")) || note.contains(&format!("{m} === {h}")), "{note}");
}

#[test]
fn a_circle_draws_exactly_its_members() {
    let note = graph(&["--circle", "mentors"]);
    let people: Vec<&str> = note.lines().filter(|l| l.starts_with("- [[")).collect();
    assert_eq!(
        people,
        [
            "- [[Helen Park]] (mentors)",
            "- [[Margaret Ellis]] (mentors)",
            "- [[Rafael Souza]] (mentors)",
            "- [[Victor Almeida]] (mentors)"
        ]
    );
}

#[test]
fn an_unknown_circle_is_refused() {
    let out = rolo(&example_vault()).args(["graph", "--circle", "nobody"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nobody matches"));
}

#[test]
fn out_writes_a_note_inside_the_vault_only_when_it_changed() {
    let vault = copy_vault("basic");
    rolo(vault.path()).args(["graph", "--out", "Reports/Network.md"]).assert().success();
    let path = vault.path().join("Reports/Network.md");
    let first = fs::metadata(&path).unwrap().modified().unwrap();
    assert!(fs::read_to_string(&path).unwrap().contains("```mermaid"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    rolo(vault.path()).args(["graph", "--out", "Reports/Network.md"]).assert().success();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), first);
}

#[test]
fn out_may_not_leave_the_vault() {
    let vault = copy_vault("basic");
    let out = rolo(vault.path()).args(["graph", "--out", "../escape.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!vault.path().parent().unwrap().join("escape.md").exists());
}

#[test]
fn out_under_a_file_names_the_file_in_the_way() {
    let vault = copy_vault("basic");
    write(vault.path(), "Maps", "not a folder\n");
    let before = vault_files(vault.path());
    let out = rolo(vault.path()).args(["graph", "--out", "Maps/2026/Network.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Maps: cannot make the folder for "), "{stderr}");
    assert!(stderr.contains("Network.md: it is a file, not a folder; nothing was written."), "{stderr}");
    assert!(!stderr.contains("reports folder"), "{stderr}");
    assert!(changed_paths(&before, &vault_files(vault.path())).is_empty());
}
