//! Fault injection for writes, through the real binary: a read-only reports folder, a rename
//! that fails, a full disk, a note replaced under rolo's feet, `rolo log` killed at random
//! moments, and user templates that try to read files or loop forever. In every case the
//! original note or report stays whole and the error says what happened.
//!
//! Failures at each step of the atomic write (create temp, write, sync, permissions, rename,
//! sync folder) are also injected through `edit::atomic::write_with`'s hook in
//! `src/edit/atomic_tests.rs`; these tests cover the same promises from the outside.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::*;
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

const LATER: &str = "2026-09-01";

/// Files whose names look like rolo's temporary files, anywhere under `root`.
fn temp_files(root: &Path) -> Vec<String> {
    vault_files(root).into_keys().filter(|p| p.rsplit('/').next().is_some_and(|n| n.starts_with(".rolo-"))).collect()
}

/// A vault whose reports were written once (as of the fixture's today).
fn vault_with_reports() -> tempfile::TempDir {
    let vault = copy_vault("basic");
    rolo(vault.path()).arg("report").assert().success();
    assert!(vault.path().join("Reports/Overdue.md").is_file());
    vault
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Makes a folder unwritable for as long as it lives: `chmod 555`, or for root (who ignores
/// permissions) the immutable attribute. `None` when neither works here.
struct ReadOnly(PathBuf, bool);

impl ReadOnly {
    fn new(dir: &Path) -> Option<ReadOnly> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if !is_root() {
                std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).unwrap();
                return Some(ReadOnly(dir.to_path_buf(), false));
            }
            let ok =
                Command::new("chattr").arg("+i").arg(dir).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
            ok.then(|| ReadOnly(dir.to_path_buf(), true))
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            None
        }
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if self.1 {
                let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
            } else {
                let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(0o755));
            }
        }
    }
}

#[test]
fn report_into_a_read_only_reports_folder_keeps_the_old_report_and_says_why() {
    let vault = vault_with_reports();
    let before = vault_files(vault.path());
    let Some(_guard) = ReadOnly::new(&vault.path().join("Reports")) else {
        eprintln!("skipped: cannot make a folder read-only here (root without chattr); see atomic_tests.rs");
        return;
    };
    let out = rolo_at(vault.path(), LATER).arg("report").output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("Reports/Overdue.md"), "the error names the file: {err}");
    assert!(err.contains("creating a temporary file beside it"), "the error names the step: {err}");
    assert!(err.contains("the original file is untouched"), "{err}");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
}

#[test]
fn report_whose_rename_fails_keeps_the_target_and_says_so() {
    let vault = vault_with_reports();
    let target = vault.path().join("Reports/Overdue.md");
    std::fs::remove_file(&target).unwrap();
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("keep.txt"), "precious").unwrap();
    let before = vault_files(vault.path());
    let out = rolo_at(vault.path(), LATER).arg("report").output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("Reports/Overdue.md"), "{err}");
    assert!(err.contains("renaming the temporary file over it failed"), "{err}");
    assert_eq!(std::fs::read_to_string(target.join("keep.txt")).unwrap(), "precious");
    assert_eq!(changed_paths(&before, &vault_files(vault.path())), Vec::<String>::new());
    assert_eq!(temp_files(vault.path()), Vec::<String>::new());
}

/// A small tmpfs, filled to the last byte. `None` when mounting is not allowed here.
struct FullDisk {
    dir: tempfile::TempDir,
}

impl FullDisk {
    fn new() -> Option<FullDisk> {
        if !cfg!(target_os = "linux") {
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=512k", "tmpfs"])
            .arg(dir.path())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        mounted.then_some(FullDisk { dir })
    }

    fn fill(&self) {
        use std::io::Write;
        let mut f = std::fs::File::create(self.dir.path().join("filler")).unwrap();
        let chunk = vec![b'x'; 4096];
        while f.write_all(&chunk).is_ok() {}
        while f.write_all(b"x").is_ok() {}
        let _ = f.sync_all();
    }
}

impl Drop for FullDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn copy_into(name: &str, to: &Path) {
    let from = copy_vault(name);
    for (rel, bytes) in vault_files(from.path()) {
        let path = to.join(&rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

#[test]
fn a_full_disk_keeps_reports_and_notes_whole_and_says_so() {
    let Some(disk) = FullDisk::new() else {
        eprintln!("skipped: cannot mount a small tmpfs here (needs root on Linux); see atomic_tests.rs");
        return;
    };
    let vault = disk.dir.path().join("vault");
    copy_into("basic", &vault);
    rolo(&vault).arg("report").assert().success();
    disk.fill();
    let before = vault_files(&vault);

    let out = rolo_at(&vault, LATER).arg("report").output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("Reports/"), "{err}");
    assert!(err.contains("No space left on device") || err.contains("os error 28"), "{err}");

    let out = rolo(&vault).args(["log", "alice", "a call on a full disk"]).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("People/Alice Archer.md"), "{err}");
    assert!(err.contains("the original file is untouched"), "{err}");

    assert_eq!(changed_paths(&before, &vault_files(&vault)), Vec::<String>::new());
    assert_eq!(temp_files(&vault), Vec::<String>::new());
}

#[test]
fn a_note_replaced_after_rolo_read_it_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Ana.md");
    std::fs::write(&path, "# Ana\n\n## Log\n- 2026-01-01 first\n").unwrap();
    let snapshot = rolo::edit::read_snapshot(&path).unwrap();
    let new =
        rolo::edit::insert_log_entry(snapshot.text().unwrap(), "- 2026-02-01 rolo", chrono::NaiveDate::MIN).unwrap();
    // Another program (Obsidian, a sync client) saves the note in between.
    std::fs::write(&path, "# Ana\n\n## Log\n- 2026-03-01 typed in Obsidian\n").unwrap();
    let err = rolo::edit::replace_if_unchanged(&snapshot, new.as_bytes()).unwrap_err();
    assert!(err.to_string().contains("changed on disk since rolo read it; nothing was written"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "# Ana\n\n## Log\n- 2026-03-01 typed in Obsidian\n");
    // Deleted in between: not recreated.
    std::fs::remove_file(&path).unwrap();
    assert!(rolo::edit::replace_if_unchanged(&snapshot, new.as_bytes()).is_err());
    assert!(!path.exists());
    assert_eq!(temp_files(dir.path()), Vec::<String>::new());
}

#[test]
fn rolo_log_while_another_program_keeps_rewriting_the_note_never_loses_its_content() {
    // A writer thread keeps replacing the note (atomically, as editors do). Whatever the
    // interleaving, the note is always either the writer's latest text or that text plus
    // rolo's one new line: never a mix, never truncated. A refusal exits 1.
    let vault = copy_vault("basic");
    let note = vault.path().join("People/Alice Archer.md");
    let original = std::fs::read_to_string(&note).unwrap();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (note, original, stop) = (note.clone(), original.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u32;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                n += 1;
                let tmp = note.with_extension("writer");
                std::fs::write(&tmp, format!("{original}\nedited elsewhere {n}\n")).unwrap();
                std::fs::rename(&tmp, &note).unwrap();
                std::thread::sleep(Duration::from_millis(1));
            }
        })
    };
    let mut refused = 0;
    for i in 0..10 {
        let out = rolo(vault.path()).args(["log", "alice", &format!("race {i}")]).output().unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(0) | Some(1)), "{}", stderr_of(&out));
        if code == Some(1) {
            refused += 1;
            assert!(stderr_of(&out).contains("changed on disk"), "{}", stderr_of(&out));
        }
        let now = std::fs::read_to_string(&note).unwrap();
        assert!(keeps_every_line(&original, &now), "the note lost its content:\n{now}");
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    eprintln!("{refused} of 10 runs refused because the note changed under them");
}

fn random_below(n: u64) -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(n);
    h.finish() % n
}

/// Whether `new` is `old` with lines added (every old line kept, in order).
fn keeps_every_line(old: &str, new: &str) -> bool {
    let mut old_lines = old.lines().peekable();
    for line in new.lines() {
        if old_lines.peek() == Some(&line) {
            old_lines.next();
        }
    }
    old_lines.peek().is_none()
}

#[cfg(unix)]
#[test]
fn killing_rolo_log_at_random_moments_leaves_the_old_or_the_new_note() {
    let vault = copy_vault("basic");
    let note = vault.path().join("People/Alice Archer.md");
    let bin = env!("CARGO_BIN_EXE_rolo");
    let (mut written, mut untouched) = (0, 0);
    for i in 0..50 {
        let old = std::fs::read_to_string(&note).unwrap();
        let message = format!("kill test {i}");
        let mut child = Command::new(bin)
            .env("NO_COLOR", "1")
            .arg("--vault")
            .arg(vault.path())
            .args(["--today", FIXTURE_TODAY, "log", "alice", &message])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(random_below(20_000)));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let now = std::fs::read(&note).unwrap();
        let now = String::from_utf8(now).expect("the note is still UTF-8");
        if now == old {
            untouched += 1;
        } else {
            written += 1;
            assert!(keeps_every_line(&old, &now), "iteration {i}: old lines lost:\n{now}");
            assert!(now.contains(&message), "iteration {i}: changed but without the entry:\n{now}");
            assert_eq!(now.lines().count(), old.lines().count() + 1, "iteration {i}: not exactly one new line");
        }
    }
    eprintln!("{written} runs finished, {untouched} were killed before the rename");
    // A kill between creating the temporary file and renaming it can leave `.rolo-*.tmp`
    // behind (SIGKILL runs no clean-up). Those are hidden and not `.md`: rolo ignores them.
    let leftovers = temp_files(vault.path());
    eprintln!("temporary files left by SIGKILL: {leftovers:?}");
    let out = rolo(vault.path()).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains(".rolo-"), "{stdout}");
    let list = stdout_of(
        {
            let mut c = rolo(vault.path());
            c.args(["list", "--json"]);
            c
        },
        0,
    );
    assert!(!list.contains(".rolo-"), "{list}");
}

/// Writes a user template override and runs `rolo report` with it.
fn report_with_template(name: &str, template: &str) -> (tempfile::TempDir, std::process::Output, Vec<String>) {
    let vault = copy_vault("basic");
    std::fs::create_dir_all(vault.path().join("Reports")).unwrap();
    let dir = vault.path().join(".rolo/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), template).unwrap();
    let before = vault_files(vault.path());
    let mut cmd = rolo(vault.path());
    cmd.arg("report").timeout(Duration::from_secs(120));
    let out = cmd.output().unwrap();
    let changed = changed_paths(&before, &vault_files(vault.path()));
    (vault, out, changed)
}

fn assert_template_refused(name: &str, template: &str) -> String {
    let (_vault, out, changed) = report_with_template(name, template);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{name}: {err}");
    assert!(err.contains(&format!("template {name}")), "the error names the template: {err}");
    assert!(err.contains(".rolo/templates"), "the error says where the template is: {err}");
    assert_eq!(changed, Vec::<String>::new(), "a broken template must write nothing");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("root:"), "a file was read");
    err
}

#[test]
fn a_template_cannot_include_files_outside_its_folder() {
    for path in ["/etc/passwd", "../../../../etc/passwd", "../../.rolo.toml", ".rolo.toml", "People/Alice Archer.md"] {
        let err = assert_template_refused("overdue.md.j2", &format!("{{% include \"{path}\" %}}\n"));
        assert!(!err.contains("root:x:0"), "{err}");
    }
}

#[test]
fn a_template_that_loops_forever_runs_out_of_fuel() {
    let err = assert_template_refused(
        "audit.md.j2",
        "{% for i in range(10000) %}{% for j in range(10000) %}{{ j }}{% endfor %}{% endfor %}\n",
    );
    assert!(err.contains("fuel"), "{err}");
}

#[test]
fn a_template_that_recurses_forever_is_stopped() {
    assert_template_refused("intros.md.j2", "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}\n");
}

#[test]
fn a_misspelt_field_given_to_link_is_an_error_not_an_empty_link() {
    let err = assert_template_refused("overdue.md.j2", "{% for r in rows %}\n{{ r.nmae | link }}\n{% endfor %}\n");
    assert!(err.contains("line 2") && err.contains("undefined"), "{err}");
}

#[test]
fn a_row_without_a_name_given_to_link_is_an_error() {
    let err = assert_template_refused("overdue.md.j2", "{{ {'nmae': 'Alice Archer'} | link }}\n");
    assert!(err.contains("`name`"), "{err}");
}

#[test]
fn a_misspelt_path_given_to_link_is_an_error_not_ignored() {
    let err = assert_template_refused(
        "overdue.md.j2",
        "{% for r in rows %}\n{{ r.name | link(path=r.pth) }}\n{% endfor %}\n",
    );
    assert!(err.contains("line 2") && err.contains("`path`"), "{err}");
}

#[test]
fn a_template_with_a_syntax_error_is_an_error_not_a_fallback() {
    let err = assert_template_refused("overdue.md.j2", "{% for x in %}\n");
    assert!(err.contains("line 1"), "{err}");
}
