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

#[test]
fn a_limit_of_zero_is_refused_rather_than_reported_as_nothing_to_show() {
    let vault = example_vault();
    for args in [
        &["overdue", "--limit", "0"][..],
        &["intros", "--limit", "0"],
        &["who", "climbing", "--limit", "0"],
        &["overdue", "--limit", "-1"],
    ] {
        let (code, stdout, stderr) = run(rolo(&vault).args(args));
        assert_eq!(code, Some(2), "{args:?}: stdout {stdout}\nstderr {stderr}");
        assert!(stdout.is_empty(), "{args:?} printed a result: {stdout}");
        assert!(stderr.contains("at least 1"), "{args:?}: {stderr}");
    }
    // The limits themselves still work.
    let (code, stdout, _) = run(rolo(&vault).args(["overdue", "--limit", "1", "--json"]));
    assert_eq!(code, Some(0));
    assert_eq!(serde_json::from_str::<serde_json::Value>(&stdout).unwrap().as_array().unwrap().len(), 1);
}

#[test]
fn a_negative_within_says_what_range_it_takes() {
    let (code, _, stderr) = run(rolo(&example_vault()).args(["overdue", "--within", "-1"]));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("0..=36500"), "{stderr}");
}

#[test]
fn an_empty_topic_is_refused() {
    for topic in ["", "   "] {
        let (code, stdout, stderr) = run(rolo(&example_vault()).args(["who", topic]));
        assert_eq!(code, Some(2), "{topic:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("the topic is empty") && stderr.contains("rolo who climbing"), "{stderr}");
    }
}

#[test]
fn graph_of_an_empty_vault_does_not_blame_a_circle_it_was_not_given() {
    let vault = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = run(rolo(vault.path()).arg("graph"));
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(!stderr.contains("circle"), "{stderr}");
    assert!(stderr.contains("no contacts") && stderr.contains("rolo add"), "{stderr}");
}

#[test]
fn export_out_a_folder_or_in_a_missing_folder_is_refused_with_what_to_do() {
    let vault = copy_vault("example-vault");
    let before = vault_files(vault.path());
    let target = vault.path().join("Reports");
    let (code, _, stderr) = run(rolo(vault.path()).args(["export", "csv", "--out"]).arg(&target));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("is a folder: give a file name"), "{stderr}");
    assert!(!stderr.contains("caused by"), "the cause is repeated: {stderr}");

    let missing = vault.path().join("no such folder").join("rolo.ics");
    let (code, _, stderr) = run(rolo(vault.path()).args(["export", "ics", "--out"]).arg(&missing));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("does not exist; create it first"), "{stderr}");
    assert!(!stderr.contains("permissions"), "misleading advice: {stderr}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn an_unreadable_config_is_one_message_that_says_what_to_do() {
    let vault = tempfile::tempdir().unwrap();
    std::fs::write(vault.path().join(".rolo.toml"), b"people = [\"P\xe9ople\"]\n").unwrap();
    let (code, _, stderr) = run(rolo(vault.path()).arg("list"));
    assert_eq!(code, Some(2));
    assert!(stderr.contains(".rolo.toml: cannot read the config file"), "{stderr}");
    assert!(stderr.contains("Make it a readable UTF-8 text file"), "{stderr}");
    assert!(!stderr.contains("caused by"), "the cause is printed twice: {stderr}");
}

#[test]
fn a_very_long_name_is_not_echoed_whole() {
    let long = "a".repeat(50_000);
    for args in [["show", long.as_str()], ["who", long.as_str()]] {
        let (code, _, stderr) = run(rolo(&example_vault()).args(args));
        assert!(matches!(code, Some(0 | 1)), "{code:?}");
        assert!(stderr.len() < 1_000, "{} bytes of stderr for {}", stderr.len(), args[0]);
        assert!(stderr.contains("(50000 characters)"), "{stderr}");
    }
}

#[test]
fn help_lists_a_commands_own_options_before_the_global_ones() {
    let (code, stdout, _) = run(rolo(std::path::Path::new(".")).args(["list", "--help"]));
    assert_eq!(code, Some(0));
    let at = |flag: &str| stdout.find(flag).unwrap_or_else(|| panic!("{flag} missing from:\n{stdout}"));
    assert!(at("--circle") < at("--vault") && at("--tag") < at("--vault") && at("--json") < at("--vault"), "{stdout}");
}

#[test]
fn rolo_no_cache_1_turns_the_cache_off_as_documented() {
    let vault = copy_vault("example-vault");
    rolo(vault.path()).args(["--quiet", "report"]).assert().code(0);
    let loaded = |value: Option<&str>| {
        let mut cmd = rolo(vault.path());
        match value {
            Some(v) => cmd.env("ROLO_NO_CACHE", v),
            None => cmd.env_remove("ROLO_NO_CACHE"),
        };
        let (code, _, stderr) = run(cmd.args(["--verbose", "next", "1"]));
        assert_eq!(code, Some(0), "ROLO_NO_CACHE={value:?}: {stderr}");
        stderr
    };
    assert!(loaded(None).contains(" from the cache)") && !loaded(None).contains("(0 from the cache)"));
    for on in ["1", "true", "yes"] {
        assert!(loaded(Some(on)).contains("(0 from the cache)"), "ROLO_NO_CACHE={on}: {}", loaded(Some(on)));
    }
    for off in ["0", "false", ""] {
        assert!(!loaded(Some(off)).contains("(0 from the cache)"), "ROLO_NO_CACHE={off:?}");
    }
}

#[test]
fn an_empty_rolo_vault_is_named_in_the_error() {
    let (code, _, stderr) =
        run(assert_cmd::Command::cargo_bin("rolo").unwrap().env("ROLO_VAULT", "").env_remove("ROLO_TODAY").arg("list"));
    assert_eq!(code, Some(2));
    assert!(stderr.contains("ROLO_VAULT"), "{stderr}");
}

#[test]
fn graph_refuses_flags_it_would_silently_ignore() {
    for args in [
        &["graph", "--circle", "clients", "--around", "ana"][..],
        &["graph", "--circle", "mentors", "--depth", "5"],
        &["graph", "--depth", "5"],
    ] {
        let (code, stdout, stderr) = run(rolo(&example_vault()).args(args));
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?} drew a graph anyway");
    }
    let (code, stdout, _) = run(rolo(&example_vault()).args(["graph", "--around", "ana"]));
    assert_eq!(code, Some(0));
    let (_, two_steps, _) = run(rolo(&example_vault()).args(["graph", "--around", "ana", "--depth", "2"]));
    assert_eq!(stdout, two_steps, "--depth defaults to 2");
}

#[test]
fn quiet_silences_graph_out_the_warnings_of_show_and_who_without_a_match() {
    let vault = copy_vault("example-vault");
    let (code, _, stderr) =
        run(rolo(vault.path()).args(["--quiet", "graph", "--circle", "mentors", "--out", "Reports/G.md"]));
    assert_eq!(code, Some(0));
    assert!(vault.path().join("Reports/G.md").is_file());
    assert_eq!(stderr, "", "--quiet printed more than errors");
    // Isabel's note has a warning (an introducer with no note): shown normally, not when quiet.
    let (_, _, stderr) = run(rolo(vault.path()).args(["show", "isabel"]));
    assert!(stderr.contains("warning:"), "{stderr}");
    let (code, _, stderr) = run(rolo(vault.path()).args(["--quiet", "show", "isabel"]));
    assert_eq!(code, Some(0));
    assert_eq!(stderr, "", "--quiet printed a warning");
    // `who` without a match says so, but not when asked to be quiet.
    let (_, _, stderr) = run(rolo(vault.path()).args(["who", "xylophone"]));
    assert!(stderr.contains("nobody's note mentions"), "{stderr}");
    let (code, stdout, stderr) = run(rolo(vault.path()).args(["--quiet", "who", "xylophone"]));
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "", ""));
}

#[test]
fn a_name_of_a_note_that_is_not_a_contact_is_not_offered_to_rolo_add() {
    // Projects/Pricing course.md exists; `rolo add` would make a second note of that name.
    let (code, _, stderr) = run(rolo(&example_vault()).args(["show", "Pricing course"]));
    assert_eq!(code, Some(1));
    assert!(stderr.contains("is a note, but not a contact") && stderr.contains("type: person"), "{stderr}");
    assert!(!stderr.contains("rolo add"), "{stderr}");
    let (_, _, stderr) = run(rolo(&example_vault()).args(["show", "Nobody Here"]));
    assert!(stderr.contains("rolo add \"Nobody Here\""), "{stderr}");
}

#[test]
fn a_reader_that_stops_early_ends_rolo_quietly_without_a_panic() {
    for args in [
        &["list"][..],
        &["list", "--json"],
        &["check"],
        &["show", "ana"],
        &["export", "csv"],
        &["log", "ana", "--dry-run", "hi"],
    ] {
        // The reading end is closed before rolo starts, as `rolo list | head -1` does once
        // head has its line: every write to stdout fails with a broken pipe.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolo"))
            .env_remove("ROLO_VAULT")
            .env("RUST_BACKTRACE", "1")
            .arg("--vault")
            .arg(example_vault())
            .args(["--today", EXAMPLE_TODAY])
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "rolo {args:?} panicked: {stderr}");
        assert!(!stderr.contains("Broken pipe"), "rolo {args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(2), "rolo {args:?}: {stderr}");
    }
}

#[test]
fn a_reports_folder_that_is_a_file_is_named_with_what_to_do_also_on_a_dry_run() {
    let vault = copy_vault("example-vault");
    std::fs::remove_dir_all(vault.path().join("Reports")).unwrap();
    write(vault.path(), "Reports", "not a folder\n");
    let before = vault_files(vault.path());
    for args in [&["report"][..], &["report", "--dry-run"]] {
        let (code, stdout, stderr) = run(rolo(vault.path()).args(args));
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?} showed a diff it could never apply: {stdout}");
        assert!(
            stderr.contains("the reports folder is a file, not a folder") && stderr.contains("reports_dir"),
            "{stderr}"
        );
        assert!(!stderr.contains("caused by"), "{stderr}");
    }
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn a_list_filter_that_matches_nobody_says_why() {
    let vault = example_vault();
    let (code, stdout, stderr) = run(rolo(&vault).args(["list", "--circle", "client"]));
    assert_eq!(code, Some(0));
    assert_eq!(stdout.lines().count(), 1, "only the header: {stdout}");
    assert!(
        stderr.contains("no contact is in the circle \"client\"") && stderr.contains("clients, colleagues"),
        "{stderr}"
    );
    let (_, _, stderr) = run(rolo(&vault).args(["list", "--tag", "investorz", "--json"]));
    assert!(stderr.contains("no contact has the tag \"investorz\""), "{stderr}");
    let (_, _, stderr) = run(rolo(&vault).args(["list", "--circle", "clients", "--tag", "fashion"]));
    assert!(stderr.contains("no contact in the circle \"clients\" has the tag \"fashion\""), "{stderr}");
    let (_, _, stderr) = run(rolo(&vault).args(["--quiet", "list", "--circle", "client"]));
    assert_eq!(stderr, "");
    let (_, stdout, stderr) = run(rolo(&vault).args(["list", "--circle", "clients"]));
    assert!(stdout.lines().count() > 1 && !stderr.contains("no contact"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn a_vault_path_that_is_not_utf8_is_accepted() {
    use std::os::unix::ffi::OsStrExt;
    let parent = tempfile::tempdir().unwrap();
    let vault = parent.path().join(std::ffi::OsStr::from_bytes(b"notes-\xff"));
    std::fs::create_dir(&vault).unwrap();
    write(&vault, "People/Ana Ruiz.md", "---\nname: Ana Ruiz\n---\n");
    let (code, stdout, stderr) = run(rolo(&vault).arg("list"));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("Ana Ruiz"), "{stdout}");
}

#[test]
fn graph_out_as_an_absolute_path_inside_a_vault_named_relatively_is_accepted() {
    let vault = copy_vault("example-vault");
    let (parent, name) = (vault.path().parent().unwrap(), vault.path().file_name().unwrap());
    let out = vault.path().join("Reports").join("Mentors.md");
    let (code, _, stderr) = run(rolo(std::path::Path::new(name))
        .current_dir(parent)
        .args(["graph", "--circle", "mentors", "--out"])
        .arg(&out));
    assert_eq!(code, Some(0), "{stderr}");
    assert!(out.is_file());
    // Outside the vault is still refused, however it is spelled.
    let escape = vault.path().join("..").join("escaped.md");
    let (code, _, stderr) = run(rolo(std::path::Path::new(name))
        .current_dir(parent)
        .args(["graph", "--circle", "mentors", "--out"])
        .arg(&escape));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(!parent.join("escaped.md").exists());
}
