//! rolo in the user's day: `init`, the git hook, cron, `watch`, `export`, completions and man.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use rolo::config::Config;
use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ROLO: &str = env!("CARGO_BIN_EXE_rolo");

/// The command of the crontab line documented in the README (run by `sh` from cron).
const CRON_COMMAND: &str = r#"cd "$HOME/notes" && rolo report --quiet"#;

/// `rolo` with no vault or date from the environment, in `dir`.
fn rolo_in(dir: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("rolo").unwrap();
    cmd.current_dir(dir).env_remove("ROLO_VAULT").env_remove("ROLO_TODAY").env("NO_COLOR", "1");
    isolate_git(&mut cmd);
    cmd
}

/// Keeps the user's and the system's git configuration (a global core.hooksPath...) out.
fn isolate_git<C: GitEnv>(cmd: &mut C) {
    cmd.set("GIT_CONFIG_GLOBAL", "/dev/null");
    cmd.set("GIT_CONFIG_NOSYSTEM", "1");
}

trait GitEnv {
    fn set(&mut self, key: &str, value: &str);
}
impl GitEnv for assert_cmd::Command {
    fn set(&mut self, key: &str, value: &str) {
        self.env(key, value);
    }
}
impl GitEnv for Command {
    fn set(&mut self, key: &str, value: &str) {
        self.env(key, value);
    }
}

fn no_escape_codes(bytes: &[u8]) {
    assert!(!bytes.contains(&0x1b), "colour or escape codes in output: {}", String::from_utf8_lossy(bytes));
}

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_creates_a_vault_in_a_missing_folder_and_check_runs_clean() {
    let dir = tempfile::tempdir().unwrap();
    let vault = dir.path().join("notes");
    let out = rolo_in(dir.path()).arg("init").arg(&vault).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    no_escape_codes(&out.stderr);
    assert!(vault.join("People").is_dir());
    assert!(vault.join("Reports").is_dir());
    let text = std::fs::read_to_string(vault.join(".rolo.toml")).unwrap();
    let config = Config::parse(vault.clone(), &vault.join(".rolo.toml"), &text).unwrap();
    for (circle, cadence) in [
        ("clients", "30d"),
        ("prospects", "14d"),
        ("colleagues", "90d"),
        ("friends", "60d"),
        ("family", "30d"),
        ("mentors", "6m"),
    ] {
        assert_eq!(config.circle_cadence(circle), cadence.parse().ok(), "{circle}");
    }
    // Every key is explained.
    for key in ["people", "reports_dir", "exclude", "daily_notes", "templates_folder", "max_note_size_mb", "[audit]"] {
        assert!(text.contains(key), "{key} missing from\n{text}");
    }
    for key in ["new_days", "dormant_days", "drift_factor", "non_reciprocal", "owed_days", "period_days"] {
        let line = text.lines().position(|l| l.starts_with(key)).unwrap_or_else(|| panic!("{key}"));
        assert!(text.lines().nth(line - 1).unwrap().starts_with('#'), "{key} has no comment");
    }
    let mut check = rolo_at(&vault, FIXTURE_TODAY);
    check.arg("check");
    assert_eq!(stdout_of(check, 0), "");
}

#[test]
fn init_defaults_to_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    rolo_in(dir.path()).arg("init").assert().code(0);
    assert!(dir.path().join(".rolo.toml").is_file());
    assert!(dir.path().join("People").is_dir());
}

#[test]
fn init_leaves_an_existing_vault_and_config_byte_identical() {
    let vault = copy_vault("basic");
    let before = vault_files(vault.path());
    let out = rolo_in(vault.path()).arg("init").arg(vault.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    assert!(vault.path().join("Reports").is_dir());
    // Twice is as good as once.
    rolo_in(vault.path()).arg("init").assert().code(0);
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn init_on_an_obsidian_vault_only_adds_its_config() {
    let vault = copy_vault("day/obsidian-vault");
    let before = vault_files(vault.path());
    rolo_in(vault.path()).arg("init").assert().code(0);
    let after = vault_files(vault.path());
    assert_eq!(changed_paths(&before, &after), vec![".rolo.toml".to_string()]);
    let config = Config::load(vault.path()).unwrap();
    assert_eq!(config.templates_folder, "Meta/Templates");
    assert!(vault.path().join("Reports").is_dir());
    let mut list = rolo(vault.path());
    list.args(["list", "--json"]);
    let contacts = json_of(list);
    assert_eq!(contacts.as_array().unwrap().len(), 1, "{contacts}");
}

// ---------------------------------------------------------------------------------------------
// the git hook

fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = Command::new("git");
    cmd.args(args).current_dir(dir).env("ROLO_TODAY", FIXTURE_TODAY).env_remove("ROLO_VAULT");
    isolate_git(&mut cmd);
    cmd.output().unwrap()
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A git repository whose work tree is a copy of `basic` (in `sub`, when given).
fn repo_with_basic(sub: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let repo = tempfile::tempdir().unwrap();
    git_ok(repo.path(), &["init", "-q"]);
    git_ok(repo.path(), &["config", "user.name", "Test"]);
    git_ok(repo.path(), &["config", "user.email", "test@example.invalid"]);
    git_ok(repo.path(), &["config", "commit.gpgsign", "false"]);
    let vault = match sub {
        Some(sub) => repo.path().join(sub),
        None => repo.path().to_path_buf(),
    };
    let copy = copy_vault("basic");
    for (rel, bytes) in vault_files(copy.path()) {
        let path = vault.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    (repo, vault)
}

fn hook(vault: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = rolo_in(vault);
    cmd.arg("--vault").arg(vault).arg("hook").args(args);
    cmd.output().unwrap()
}

fn commit_all(repo: &Path) -> std::process::Output {
    git_ok(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "x"])
}

fn write_hook(path: &Path, script: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn the_hook_puts_current_reports_into_every_commit() {
    let (repo, vault) = repo_with_basic(None);
    let out = hook(&vault, &["install"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let script = read(repo.path(), ".git/hooks/pre-commit");
    assert!(script.starts_with("#!/bin/sh\n"), "{script}");
    assert!(script.lines().any(|l| l == "# installed by rolo"), "{script}");
    assert!(script.contains(ROLO), "the hook calls the rolo that installed it:\n{script}");
    assert!(script.contains("--no-verify"));
    let out = commit_all(repo.path());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stat = git_ok(repo.path(), &["show", "--stat", "HEAD"]);
    for report in ["Reports/Overdue.md", "Reports/Audit.md", "Reports/Introductions.md"] {
        assert!(stat.contains(report), "{report} not in the commit:\n{stat}");
    }
    let committed = git_ok(repo.path(), &["show", "HEAD:Reports/Overdue.md"]);
    assert_eq!(committed, read(&vault, "Reports/Overdue.md"));
    assert!(committed.contains("Bob Brown"));
    // Installing again replaces rolo's own hook without --force.
    assert_eq!(hook(&vault, &["install"]).status.code(), Some(0));
}

#[test]
fn check_errors_block_the_commit_unless_no_verify() {
    let (repo, vault) = repo_with_basic(None);
    assert_eq!(hook(&vault, &["install"]).status.code(), Some(0));
    write(&vault, "People/Broken.md", "---\nname: Broken\nlast_contact: 2026-13-45\n---\n");
    let out = commit_all(repo.path());
    assert_eq!(out.status.code(), Some(1), "the commit went through");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--no-verify"), "{stderr}");
    assert!(git(repo.path(), &["rev-parse", "HEAD"]).status.code() != Some(0), "a commit was made");
    assert!(git(repo.path(), &["commit", "-q", "--no-verify", "-m", "x"]).status.success());
}

#[test]
fn a_ticked_audit_item_rolo_cannot_carry_out_warns_but_does_not_block_the_commit() {
    let (repo, vault) = repo_with_basic(None);
    assert_eq!(hook(&vault, &["install"]).status.code(), Some(0));
    assert!(commit_all(repo.path()).status.success());
    let audit = read(&vault, "Reports/Audit.md");
    let ticked =
        audit.replacen("## Dormant\n\n_Nothing to review._", "## Dormant\n\n- [x] archive [[Nobody Known]]", 1);
    assert_ne!(audit, ticked, "the fixture's audit has an empty Dormant section");
    write(&vault, "Reports/Audit.md", &ticked);
    let out = commit_all(repo.path());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("did not carry out the ticked item `archive [[Nobody Known]]`"), "{stderr}");
    let committed = git_ok(repo.path(), &["show", "HEAD:Reports/Audit.md"]);
    assert!(committed.contains("- [x] archive [[Nobody Known]]"), "the tick stays, committed:\n{committed}");
}

#[test]
fn the_hook_works_for_a_vault_in_a_subfolder_and_honours_core_hooks_path() {
    let (repo, vault) = repo_with_basic(Some("notes/vault"));
    git_ok(repo.path(), &["config", "core.hooksPath", "githooks"]);
    assert_eq!(hook(&vault, &["install"]).status.code(), Some(0));
    assert!(repo.path().join("githooks/pre-commit").is_file());
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    assert!(commit_all(repo.path()).status.success());
    let stat = git_ok(repo.path(), &["show", "--stat", "HEAD"]);
    assert!(stat.contains("notes/vault/Reports/Overdue.md"), "{stat}");
}

#[test]
fn a_foreign_hook_is_refused_kept_with_force_and_restored_by_uninstall() {
    let (repo, vault) = repo_with_basic(None);
    let hook_path = repo.path().join(".git/hooks/pre-commit");
    let foreign = "#!/bin/sh\necho ran >> \"$(git rev-parse --git-dir)/foreign-ran\"\n";
    write_hook(&hook_path, foreign);

    let out = hook(&vault, &["install"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--force"));
    assert_eq!(read(repo.path(), ".git/hooks/pre-commit"), foreign);

    assert_eq!(hook(&vault, &["install", "--force"]).status.code(), Some(0));
    assert_eq!(read(repo.path(), ".git/hooks/pre-commit.before-rolo"), foreign);
    assert!(commit_all(repo.path()).status.success());
    assert_eq!(read(repo.path(), ".git/foreign-ran"), "ran\n", "the old hook did not run");
    assert!(git_ok(repo.path(), &["show", "--stat", "HEAD"]).contains("Reports/Overdue.md"));

    // The old hook's failure (and exit code) still stops the commit.
    write_hook(&repo.path().join(".git/hooks/pre-commit.before-rolo"), "#!/bin/sh\nexit 3\n");
    write(&vault, "People/Bob Brown.md", &format!("{}\n- 2026-05-30 #call x\n", read(&vault, "People/Bob Brown.md")));
    assert!(!commit_all(repo.path()).status.success());
    write_hook(&repo.path().join(".git/hooks/pre-commit.before-rolo"), foreign);

    let out = hook(&vault, &["uninstall"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(read(repo.path(), ".git/hooks/pre-commit"), foreign);
    assert!(!repo.path().join(".git/hooks/pre-commit.before-rolo").exists());
    // Not rolo's any more: uninstall refuses to remove it.
    assert_eq!(hook(&vault, &["uninstall"]).status.code(), Some(1));
    assert_eq!(read(repo.path(), ".git/hooks/pre-commit"), foreign);
}

#[test]
fn uninstall_removes_only_rolos_hook() {
    let (repo, vault) = repo_with_basic(None);
    assert_eq!(hook(&vault, &["install"]).status.code(), Some(0));
    assert_eq!(hook(&vault, &["uninstall"]).status.code(), Some(0));
    assert!(!repo.path().join(".git/hooks/pre-commit").exists());
    assert_eq!(hook(&vault, &["uninstall"]).status.code(), Some(0));
}

#[test]
fn hook_outside_a_git_repository_is_a_clear_error() {
    let vault = copy_vault("basic");
    // GIT_CEILING_DIRECTORIES keeps git from finding a repository above the temp folder.
    let mut cmd = rolo_in(vault.path());
    cmd.env("GIT_CEILING_DIRECTORIES", vault.path().parent().unwrap());
    cmd.arg("--vault").arg(vault.path()).args(["hook", "install"]);
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not inside a git repository"));
}

#[test]
fn the_pre_commit_framework_manifest_names_both_hooks() {
    let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    let hooks: serde_json::Value = serde_yaml::from_str(&text).unwrap();
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["rolo-check", "rolo-report"]);
    for (h, entry) in hooks.iter().zip(["rolo check", "rolo report"]) {
        assert!(h["entry"].as_str().unwrap().starts_with(entry));
        assert_eq!(h["language"], "rust");
        assert_eq!(h["pass_filenames"], false);
        assert_eq!(h["files"], "\\.md$");
    }
}

// ---------------------------------------------------------------------------------------------
// cron

#[test]
fn the_documented_cron_line_prints_nothing_on_success() {
    let home = tempfile::tempdir().unwrap();
    let copy = copy_vault("basic");
    std::fs::rename(copy.path(), home.path().join("notes")).unwrap();
    let bin = Path::new(ROLO).parent().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let out = Command::new("sh")
        .arg("-c")
        .arg(CRON_COMMAND)
        .env("HOME", home.path())
        .env("PATH", path)
        .env("ROLO_TODAY", FIXTURE_TODAY)
        .env_remove("ROLO_VAULT")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(read(&home.path().join("notes"), "Reports/Overdue.md").contains("Bob Brown"));
}

// ---------------------------------------------------------------------------------------------
// watch

/// Kills the child if the test fails before it exits.
struct Reap(std::process::Child);
impl Drop for Reap {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn watch_regenerates_reports_when_a_note_changes() {
    let vault = copy_vault("basic");
    let mut cmd = Command::new(ROLO);
    cmd.arg("--vault")
        .arg(vault.path())
        .args(["--today", FIXTURE_TODAY, "watch", "--debounce-ms", "200"])
        .env("ROLO_WATCH_MAX_RUNS", "2")
        .env("NO_COLOR", "1")
        .env_remove("ROLO_VAULT")
        .env_remove("ROLO_TODAY")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = Reap(cmd.spawn().unwrap());
    let stderr = child.0.stderr.take().unwrap();
    let (lines_tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    // The first pass writes the reports, then rolo says it is watching.
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match lines.recv_timeout(left) {
            Ok(line) if line.contains("watching") => break,
            Ok(line) => seen.push(line),
            Err(_) => panic!("rolo watch never started; stderr so far: {seen:?}"),
        }
    }
    assert!(seen.contains(&"rolo: regenerated Reports/Overdue.md".to_string()), "{seen:?}");
    let first = read(vault.path(), "Reports/Overdue.md");
    assert!(first.contains("Bob Brown"));

    // Files in ignored places never trigger a pass.
    write(vault.path(), ".rolo/scratch.md", "x");
    write(vault.path(), "Reports/Mine.md", "x");
    // Bob was contacted yesterday: he is no longer overdue.
    let bob = read(vault.path(), "People/Bob Brown.md").replace("last_contact: 2026-04-01", "last_contact: 2026-05-31");
    assert!(bob.contains("2026-05-31"), "fixture changed: {bob}");
    write(vault.path(), "People/Bob Brown.md", &bob);

    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "rolo watch did not regenerate within 20 s");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success());
    seen.extend(lines.try_iter());
    let second = read(vault.path(), "Reports/Overdue.md");
    assert_ne!(first, second);
    assert!(!second.contains("Bob Brown"), "{second}");
    assert!(seen.contains(&"rolo: regenerated Reports/Overdue.md".to_string()), "{seen:?}");
}

#[test]
fn watch_survives_a_broken_note() {
    let vault = copy_vault("basic");
    write(vault.path(), "People/Half.md", "---\nname: Half\nlast_contact: 2026-13-45\n");
    let out = Command::new(ROLO)
        .arg("--vault")
        .arg(vault.path())
        .args(["--today", FIXTURE_TODAY, "--quiet", "watch"])
        .env("ROLO_WATCH_MAX_RUNS", "1")
        .env_remove("ROLO_VAULT")
        .env_remove("ROLO_TODAY")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "--quiet");
    assert!(read(vault.path(), "Reports/Overdue.md").contains("Bob Brown"));
}

// ---------------------------------------------------------------------------------------------
// export

fn export(vault: &Path, format: &str) -> String {
    let mut cmd = rolo(vault);
    cmd.args(["export", format]);
    stdout_of(cmd, 0)
}

/// One VEVENT: its properties as (name with parameters, value), unfolded.
type Event = Vec<(String, String)>;

/// Checks the iCalendar text strictly (CRLF, line length, folding, nesting) and returns its
/// events.
fn parse_ics(text: &str) -> Vec<Event> {
    assert!(text.ends_with("\r\n"));
    let raw: Vec<&str> = text.strip_suffix("\r\n").unwrap().split("\r\n").collect();
    let mut lines: Vec<String> = Vec::new();
    for line in raw {
        assert!(!line.contains('\n') && !line.contains('\r'), "bare line break in {line:?}");
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a continuation first").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    assert!(lines.contains(&"VERSION:2.0".to_string()));
    assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
    let mut events = Vec::new();
    let mut current: Option<Event> = None;
    for line in &lines[1..lines.len() - 1] {
        let (name, value) = line.split_once(':').unwrap_or_else(|| panic!("no colon in {line:?}"));
        match (name, &mut current) {
            ("BEGIN", None) => {
                assert_eq!(value, "VEVENT");
                current = Some(Vec::new());
            }
            ("END", Some(_)) => {
                assert_eq!(value, "VEVENT");
                events.push(current.take().unwrap());
            }
            ("BEGIN" | "END", _) => panic!("bad nesting at {line:?}"),
            (_, Some(event)) => event.push((name.to_string(), value.to_string())),
            (_, None) => {}
        }
    }
    assert!(current.is_none(), "unclosed VEVENT");
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART;VALUE=DATE", "DTEND;VALUE=DATE", "SUMMARY"] {
            let n = event.iter().filter(|(k, _)| k == required).count();
            assert_eq!(n, 1, "{required} x{n} in {event:?}");
        }
        let start = get(event, "DTSTART;VALUE=DATE");
        assert!(start.len() == 8 && start.bytes().all(|b| b.is_ascii_digit()), "{start}");
        assert_eq!(get(event, "DTSTAMP"), "20260601T000000Z");
    }
    events
}

fn get<'a>(event: &'a Event, key: &str) -> &'a str {
    event.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("")
}

fn find<'a>(events: &'a [Event], summary: &str) -> &'a Event {
    events.iter().find(|e| get(e, "SUMMARY") == summary).unwrap_or_else(|| panic!("no event {summary:?}"))
}

#[test]
fn ics_export_has_reminders_promises_and_yearly_birthdays_with_stable_uids() {
    let vault = copy_vault("basic");
    let first = export(vault.path(), "ics");
    assert_eq!(first, export(vault.path(), "ics"), "not deterministic");
    let events = parse_ics(&first);
    let uids: BTreeSet<&str> = events.iter().map(|e| get(e, "UID")).collect();
    assert_eq!(uids.len(), events.len(), "duplicate UIDs");
    assert!(uids.iter().all(|u| u.starts_with("rolo-") && u.ends_with("@rolo")));

    // All five contacts are active with a cadence: five reminders; overdue ones fall on today.
    let due: Vec<&Event> = events.iter().filter(|e| get(e, "UID").starts_with("rolo-due-")).collect();
    assert_eq!(due.len(), 5);
    assert_eq!(get(find(&events, "Reach out to Bob Brown"), "DTSTART;VALUE=DATE"), "20260601");
    assert_eq!(get(find(&events, "Reach out to Alice Archer"), "DTSTART;VALUE=DATE"), "20260619");

    let promise = find(&events, "Promised Alice Archer: send the signed contract");
    assert_eq!(get(promise, "DTSTART;VALUE=DATE"), "20260525");
    assert!(get(promise, "UID").starts_with("rolo-promise-"));

    // Carol's birthday has no year: the series starts this year.
    let birthday = find(&events, "Carol Chen's birthday");
    assert_eq!(get(birthday, "RRULE"), "FREQ=YEARLY");
    assert_eq!(get(birthday, "DTSTART;VALUE=DATE"), "20260610");
    assert_eq!(get(birthday, "DTEND;VALUE=DATE"), "20260611");
    assert!(get(birthday, "UID").starts_with("rolo-birthday-"));

    // A new contact and another day change no existing UID.
    write(vault.path(), "People/Aaron Abbot.md", "---\ncircle: friends\nbirthday: 1992-02-29\n---\n");
    let mut later = rolo_at(vault.path(), "2026-07-01");
    later.args(["export", "ics"]);
    let text = stdout_of(later, 0);
    let later_uids: BTreeSet<String> =
        text.split("\r\n").filter_map(|l| l.strip_prefix("UID:")).map(str::to_string).collect();
    for uid in &uids {
        assert!(later_uids.contains(*uid), "{uid} changed");
    }
    assert!(text.contains("RRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1"));
}

#[test]
fn promise_uids_are_unique_per_contact_and_survive_moved_lines_and_new_due_dates() {
    let vault = copy_vault("basic");
    // One promise linking two contacts appears under each of them; the same text twice in
    // one note is two promises.
    let joint = "- [ ] send [[Alice Archer]] and [[Bob Brown]] the joint deck 📅 2026-06-20\n\
                 - [ ] send [[Alice Archer]] and [[Bob Brown]] the joint deck 📅 2026-06-22\n";
    write(vault.path(), "Daily/2026-05-02.md", joint);
    let promise_uids = |text: &str| -> Vec<String> {
        let mut uids: Vec<String> = parse_ics(text)
            .iter()
            .map(|e| get(e, "UID").to_string())
            .filter(|u| u.starts_with("rolo-promise-"))
            .collect();
        uids.sort();
        uids
    };
    let before = export(vault.path(), "ics");
    let events = parse_ics(&before);
    let decks: BTreeSet<&str> =
        events.iter().filter(|e| get(e, "SUMMARY").ends_with("the joint deck")).map(|e| get(e, "UID")).collect();
    assert_eq!(decks.len(), 4, "two promises under two contacts, each with its own UID: {decks:?}");
    let uids = promise_uids(&before);

    // Lines added above the promises and a new due date keep every UID.
    write(
        vault.path(),
        "Daily/2026-05-02.md",
        &format!("# Planning\n\nWe met.\n\n{}", joint.replace("06-22", "06-29")),
    );
    assert_eq!(promise_uids(&export(vault.path(), "ics")), uids);
}

#[test]
fn json_export_holds_the_whole_index() {
    let vault = copy_vault("basic");
    let value: serde_json::Value = serde_json::from_str(&export(vault.path(), "json")).unwrap();
    assert_eq!(value["version"], 1);
    let contacts = value["contacts"].as_array().unwrap();
    let names: Vec<&str> = contacts.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Alice Archer", "Bob Brown", "Carol Chen", "Dave Diaz", "Erin Evans"]);
    let alice = &contacts[0];
    assert_eq!(alice["email"], serde_json::Value::Null, "emails are a list");
    assert_eq!(alice["emails"][0], "alice@archer.example");
    assert_eq!(alice["last_contact"], "2026-05-20");
    assert_eq!(alice["next_due"], "2026-06-19");
    assert_eq!(alice["interactions"].as_array().unwrap().len(), 3);
    assert_eq!(alice["promises"].as_array().unwrap().len(), 2);
    assert_eq!(contacts[1]["next_due"], "2026-05-01");
    assert_eq!(contacts[2]["birthday"], "06-10");
}

#[test]
fn csv_export_has_one_row_per_contact() {
    let vault = copy_vault("basic");
    let text = export(vault.path(), "csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    assert_eq!(
        header,
        [
            "name",
            "path",
            "circle",
            "cadence",
            "status",
            "email",
            "phone",
            "company",
            "role",
            "city",
            "last_contact",
            "next_due",
            "tags"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let names: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(names, ["Alice Archer", "Bob Brown", "Carol Chen", "Dave Diaz", "Erin Evans"]);
    assert_eq!(&rows[0][5], "alice@archer.example");
    assert_eq!(&rows[1][3], "30d");
    assert_eq!(&rows[1][11], "2026-05-01");
    assert_eq!(&rows[3][3], "3m");
}

#[test]
fn export_out_writes_the_file_anywhere_and_nothing_on_stdout() {
    let vault = copy_vault("basic");
    let elsewhere = tempfile::tempdir().unwrap();
    let before = vault_files(vault.path());
    for format in ["ics", "json", "csv"] {
        let target = elsewhere.path().join(format!("rolo.{format}"));
        let mut cmd = rolo(vault.path());
        cmd.args(["--quiet", "export", format, "--out"]).arg(&target);
        assert_eq!(stdout_of(cmd, 0), "");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), export(vault.path(), format));
    }
    let changed: Vec<String> =
        changed_paths(&before, &vault_files(vault.path())).into_iter().filter(|p| !p.starts_with(".rolo/")).collect();
    assert_eq!(changed, Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// completions and man

#[test]
fn completions_for_every_shell() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = rolo_in(dir.path()).args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("rolo"), "{shell}");
        assert!(text.contains("overdue"), "{shell}: subcommands missing");
    }
}

#[test]
fn man_page_is_roff() {
    let dir = tempfile::tempdir().unwrap();
    let out = rolo_in(dir.path()).arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(".TH "), "{}", &text[..text.len().min(200)]);
    assert!(text.contains("overdue"));
    no_escape_codes(text.as_bytes());
}
