use super::*;

const ALL_STEPS: [Step; 5] = [Step::CreateTemp, Step::Write, Step::Sync, Step::Permissions, Step::Rename];

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn fail_at(step: Step) -> impl FnMut(Step) -> io::Result<()> {
    move |s| {
        if s == step {
            Err(io::Error::other("injected"))
        } else {
            Ok(())
        }
    }
}

fn note(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("Ana.md");
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn snapshot_text_and_invalid_utf8_offset() {
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"ok\xffno");
    let snap = read_snapshot(&path).unwrap();
    assert_eq!(snap.bytes(), b"ok\xffno");
    let err = snap.text().unwrap_err();
    assert!(matches!(err, EditError::InvalidUtf8 { offset: 2, .. }));
    assert!(err.to_string().contains("Ana.md"));
}

#[test]
fn missing_file_is_a_read_error() {
    let dir = tempfile::tempdir().unwrap();
    let err = read_snapshot(&dir.path().join("nope.md")).unwrap_err();
    assert!(matches!(err, EditError::Read { .. }));
}

#[test]
fn replaces_unchanged_file_and_leaves_no_temp() {
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"old\r\n");
    let snap = read_snapshot(&path).unwrap();
    replace_if_unchanged(&snap, b"new\r\n").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new\r\n");
    assert_eq!(names(dir.path()), vec!["Ana.md"]);
}

#[cfg(unix)]
#[test]
fn replace_keeps_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"old");
    fs::set_permissions(&path, Permissions::from_mode(0o600)).unwrap();
    let snap = read_snapshot(&path).unwrap();
    replace_if_unchanged(&snap, b"new").unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn changed_file_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"old");
    let snap = read_snapshot(&path).unwrap();
    fs::write(&path, b"edited in Obsidian").unwrap();
    let err = replace_if_unchanged(&snap, b"new").unwrap_err();
    assert!(matches!(err, EditError::ChangedOnDisk { .. }));
    assert_eq!(fs::read(&path).unwrap(), b"edited in Obsidian");
    assert_eq!(names(dir.path()), vec!["Ana.md"]);
}

#[test]
fn vanished_file_is_not_recreated() {
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"old");
    let snap = read_snapshot(&path).unwrap();
    fs::remove_file(&path).unwrap();
    let err = replace_if_unchanged(&snap, b"new").unwrap_err();
    assert!(matches!(err, EditError::ChangedOnDisk { .. }));
    assert!(names(dir.path()).is_empty());
}

#[test]
fn failure_at_each_step_leaves_original_and_no_temp() {
    for step in ALL_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path(), b"---\r\na: 1\r\n---\r\n");
        let snap = read_snapshot(&path).unwrap();
        let err = write_with(&path, b"new", Target::Replace(&snap), &mut fail_at(step));
        match err {
            Err(EditError::Write { step: got, .. }) => assert_eq!(got, step),
            other => panic!("{step:?}: {other:?}"),
        }
        assert_eq!(fs::read(&path).unwrap(), b"---\r\na: 1\r\n---\r\n", "{step:?}");
        assert_eq!(names(dir.path()), vec!["Ana.md"], "{step:?}");
    }
}

#[test]
fn failure_syncing_folder_reports_written_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"old");
    let snap = read_snapshot(&path).unwrap();
    let err = write_with(&path, b"new", Target::Replace(&snap), &mut fail_at(Step::SyncFolder));
    assert!(matches!(err, Err(EditError::SyncFolder { .. })));
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert_eq!(names(dir.path()), vec!["Ana.md"]);
}

#[test]
fn create_new_failure_at_each_step_leaves_nothing() {
    for step in ALL_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Bo.md");
        let target = Target::CreateNew { create_dirs: false };
        assert!(write_with(&path, b"x", target, &mut fail_at(step)).is_err());
        assert!(names(dir.path()).is_empty(), "{step:?}");
    }
}

#[cfg(unix)]
#[test]
fn create_new_writes_mode_0644() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Bo.md");
    create_new(&path, b"# Bo\n", false).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"# Bo\n");
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn create_new_refuses_existing_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"keep");
    let err = create_new(&path, b"x", false).unwrap_err();
    assert!(matches!(err, EditError::AlreadyExists { .. }));
    assert_eq!(fs::read(&path).unwrap(), b"keep");
    assert_eq!(names(dir.path()), vec!["Ana.md"]);
}

#[test]
fn create_new_makes_folders_only_when_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("People").join("Bo.md");
    let err = create_new(&path, b"x", false).unwrap_err();
    assert!(matches!(err, EditError::Write { step: Step::CreateTemp, .. }));
    create_new(&path, b"x", true).unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"x");
}

#[test]
fn write_atomic_creates_then_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.md");
    write_atomic(&path, b"one").unwrap();
    write_atomic(&path, b"two").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"two");
    assert_eq!(names(dir.path()), vec!["index.md"]);
}

#[cfg(unix)]
#[test]
fn read_only_folder_fails_cleanly() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = note(dir.path(), b"old");
    let snap = read_snapshot(&path).unwrap();
    fs::set_permissions(dir.path(), Permissions::from_mode(0o555)).unwrap();
    let probe = dir.path().join("probe");
    if fs::write(&probe, b"").is_ok() {
        // Running as root: permissions are not enforced, nothing to test.
        fs::remove_file(&probe).unwrap();
        fs::set_permissions(dir.path(), Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let err = replace_if_unchanged(&snap, b"new").unwrap_err();
    fs::set_permissions(dir.path(), Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(err, EditError::Write { step: Step::CreateTemp, .. }));
    assert!(err.to_string().contains("Ana.md"));
    assert_eq!(fs::read(&path).unwrap(), b"old");
    assert_eq!(names(dir.path()), vec!["Ana.md"]);
}

#[test]
fn write_error_message_names_step_and_path() {
    let err = EditError::Write { path: "People/Ana.md".into(), step: Step::Rename, source: io::Error::other("boom") };
    assert_eq!(
        err.to_string(),
        "People/Ana.md: renaming the temporary file over it failed: boom; the original file is untouched. Check the folder's permissions and free space, then run the command again."
    );
}

/// `People/Ana.md -> ../Projects/Ana.md` holding `bytes`; returns (link, target).
#[cfg(unix)]
fn linked_note(root: &Path, bytes: &[u8]) -> (PathBuf, PathBuf) {
    fs::create_dir_all(root.join("People")).unwrap();
    fs::create_dir_all(root.join("Projects")).unwrap();
    let target = root.join("Projects/Ana.md");
    fs::write(&target, bytes).unwrap();
    let link = root.join("People/Ana.md");
    std::os::unix::fs::symlink("../Projects/Ana.md", &link).unwrap();
    (link, target)
}

#[cfg(unix)]
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

#[cfg(unix)]
#[test]
fn replacing_a_symlinked_note_writes_its_target_and_keeps_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = linked_note(dir.path(), b"old\n");
    fs::set_permissions(&target, Permissions::from_mode(0o600)).unwrap();
    let snap = read_snapshot(&link).unwrap();
    assert_eq!(snap.path(), link);
    assert_eq!(snap.target(), dir.path().join("People/../Projects/Ana.md"));
    replace_if_unchanged(&snap, b"new\n").unwrap();
    assert!(is_link(&link), "the link was replaced by a copy");
    assert_eq!(fs::read(&target).unwrap(), b"new\n");
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(names(&dir.path().join("People")), vec!["Ana.md"]);
    assert_eq!(names(&dir.path().join("Projects")), vec!["Ana.md"]);
}

#[cfg(unix)]
#[test]
fn a_chain_of_links_is_followed_to_the_real_note() {
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = linked_note(dir.path(), b"old");
    let outer = dir.path().join("Ana.md");
    std::os::unix::fs::symlink(&link, &outer).unwrap();
    let snap = read_snapshot(&outer).unwrap();
    replace_if_unchanged(&snap, b"new").unwrap();
    assert!(is_link(&outer) && is_link(&link));
    assert_eq!(fs::read(&target).unwrap(), b"new");
}

#[cfg(unix)]
#[test]
fn a_symlinked_note_changed_underneath_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = linked_note(dir.path(), b"old");
    let snap = read_snapshot(&link).unwrap();
    fs::write(&target, b"theirs").unwrap();
    let err = replace_if_unchanged(&snap, b"new").unwrap_err();
    assert!(matches!(err, EditError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read(&target).unwrap(), b"theirs");
    assert!(is_link(&link));
}

#[cfg(unix)]
#[test]
fn a_link_pointed_elsewhere_after_the_read_is_not_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = linked_note(dir.path(), b"same");
    let snap = read_snapshot(&link).unwrap();
    // Same bytes elsewhere: only the link's new target tells the change.
    let other = dir.path().join("Other.md");
    fs::write(&other, b"same").unwrap();
    fs::remove_file(&link).unwrap();
    std::os::unix::fs::symlink(&other, &link).unwrap();
    let err = replace_if_unchanged(&snap, b"new").unwrap_err();
    assert!(matches!(err, EditError::ChangedOnDisk { .. }), "{err}");
    assert_eq!(fs::read(&other).unwrap(), b"same");
    assert_eq!(fs::read(&target).unwrap(), b"same");
}

#[cfg(unix)]
#[test]
fn failure_at_each_step_through_a_link_leaves_both_files_and_no_temp() {
    for step in ALL_STEPS {
        let dir = tempfile::tempdir().unwrap();
        let (link, target) = linked_note(dir.path(), b"old");
        let snap = read_snapshot(&link).unwrap();
        let err = write_with(&link, b"new", Target::Replace(&snap), &mut fail_at(step));
        assert!(matches!(err, Err(EditError::Write { step: got, .. }) if got == step), "{step:?}");
        assert!(is_link(&link), "{step:?}");
        assert_eq!(fs::read(&target).unwrap(), b"old", "{step:?}");
        assert_eq!(names(&dir.path().join("People")), vec!["Ana.md"], "{step:?}");
        assert_eq!(names(&dir.path().join("Projects")), vec!["Ana.md"], "{step:?}");
    }
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_a_read_error() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("Pong.md", dir.path().join("Ping.md")).unwrap();
    std::os::unix::fs::symlink("Ping.md", dir.path().join("Pong.md")).unwrap();
    let err = read_snapshot(&dir.path().join("Ping.md")).unwrap_err();
    assert!(matches!(err, EditError::Read { .. }), "{err}");
}

#[cfg(unix)]
#[test]
fn write_atomic_replaces_a_link_and_never_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = linked_note(dir.path(), b"keep");
    write_atomic(&link, b"generated").unwrap();
    assert!(!is_link(&link));
    assert_eq!(fs::read(&link).unwrap(), b"generated");
    assert_eq!(fs::read(&target).unwrap(), b"keep");
}

#[cfg(unix)]
#[test]
fn write_atomic_through_link_writes_the_target_and_keeps_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (link, target) = linked_note(dir.path(), b"");
    fs::set_permissions(&target, Permissions::from_mode(0o600)).unwrap();
    write_atomic_through_link(&link, b"export").unwrap();
    assert!(is_link(&link));
    assert_eq!(fs::read(&target).unwrap(), b"export");
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o600);
    // A dangling link: the file it names is created.
    let dangling = dir.path().join("new.json");
    std::os::unix::fs::symlink("Projects/new.json", &dangling).unwrap();
    write_atomic_through_link(&dangling, b"{}").unwrap();
    assert!(is_link(&dangling));
    assert_eq!(fs::read(dir.path().join("Projects/new.json")).unwrap(), b"{}");
    // No link: an ordinary atomic write.
    let plain = dir.path().join("plain.csv");
    write_atomic_through_link(&plain, b"a,b").unwrap();
    assert_eq!(fs::read(&plain).unwrap(), b"a,b");
}
