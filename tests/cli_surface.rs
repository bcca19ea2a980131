//! The command line as the README documents it: flags, help, and what bad arguments earn
//! (a message that says what to do, and the exit code of the README's table).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;

/// Runs and returns (exit code, stdout, stderr).
fn run(cmd: &mut assert_cmd::Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn init_without_a_folder_uses_the_vault_named_by_dash_dash_vault() {
    let here = tempfile::tempdir().unwrap();
    let vault = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(rolo(vault.path()).current_dir(here.path()).arg("init"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(vault.path().join(".rolo.toml").is_file(), "the named vault was not initialised: {stderr}");
    assert!(vault.path().join("People").is_dir());
    assert_eq!(std::fs::read_dir(here.path()).unwrap().count(), 0, "init wrote into the current folder instead");
}
