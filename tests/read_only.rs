//! Commands that only read must not touch a single byte of the vault; `report` writes only its
//! own files.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;

fn assert_read_only(args: &[&str]) {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    let mut c = rolo(vault.path());
    c.args(args);
    let out = c.output().unwrap();
    assert!(matches!(out.status.code(), Some(0) | Some(1)), "{args:?}: {out:?}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new(), "{args:?}");
}

macro_rules! read_only_tests {
    ($($name:ident: [$($arg:expr),*];)*) => {
        $(
            #[test]
            fn $name() {
                assert_read_only(&[$($arg),*]);
            }
        )*
    };
}

read_only_tests! {
    check_changes_nothing: ["check"];
    check_json_changes_nothing: ["check", "--json"];
    list_changes_nothing: ["list"];
    list_json_changes_nothing: ["list", "--json"];
    show_changes_nothing: ["show", "ana"];
    show_json_changes_nothing: ["show", "ana", "--json"];
    overdue_changes_nothing: ["overdue"];
    overdue_json_changes_nothing: ["overdue", "--json"];
    next_changes_nothing: ["next"];
    audit_changes_nothing: ["audit"];
    audit_json_changes_nothing: ["audit", "--json"];
    intros_changes_nothing: ["intros"];
    intros_json_changes_nothing: ["intros", "--json"];
    who_changes_nothing: ["who", "ai"];
    who_json_changes_nothing: ["who", "ai", "--json"];
    log_dry_run_changes_nothing: ["log", "ana", "--dry-run", "coffee"];
    promise_dry_run_changes_nothing: ["promise", "ana", "--dry-run", "send it"];
}

#[test]
fn report_changes_only_files_under_reports_and_dot_rolo() {
    let vault = copy_vault("example-vault");
    std::fs::remove_dir_all(vault.path().join("Reports")).unwrap();
    let before = vault_files(vault.path());
    let mut c = rolo(vault.path());
    c.arg("report");
    c.assert().success();
    let changed = changed_paths(&before, &vault_files(vault.path()));
    assert!(changed.contains(&"Reports/Audit.md".to_string()), "{changed:?}");
    let outside: Vec<&String> =
        changed.iter().filter(|p| !p.starts_with("Reports/") && !p.starts_with(".rolo/")).collect();
    assert!(outside.is_empty(), "{outside:?}");
}

#[test]
fn read_only_commands_on_a_vault_without_dot_rolo_create_nothing() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    for args in [&["check"][..], &["list"], &["overdue"], &["audit"], &["intros"], &["who", "maps"], &["next"]] {
        let mut c = rolo(vault.path());
        c.args(args);
        c.output().unwrap();
    }
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    assert!(!vault.path().join(".rolo").exists());
}
