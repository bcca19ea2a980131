//! Shared helpers for the integration tests: fixture paths, vault copies, the `rolo` command,
//! and whole-vault snapshots for "nothing else changed" assertions.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The date most fixtures are written for.
pub const FIXTURE_TODAY: &str = "2026-06-01";
/// The example vault's "today".
pub const EXAMPLE_TODAY: &str = "2026-11-24";

/// `tests/fixtures/<name>`, or the example vault for `"example-vault"`.
pub fn fixture(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if name == "example-vault" {
        root.join("example-vault")
    } else {
        root.join("tests").join("fixtures").join(name)
    }
}

/// The example vault, read in place (only for read-only commands).
pub fn example_vault() -> PathBuf {
    fixture("example-vault")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let kind = entry.file_type().unwrap();
        let target = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A fresh copy of a fixture vault (or `"example-vault"`) in a temporary folder.
pub fn copy_vault(name: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(name), dir.path());
    dir
}

/// `rolo --vault VAULT --today TODAY` with `NO_COLOR=1`; `today` is picked from the vault's
/// fixture (2026-11-24 for the example vault, 2026-06-01 otherwise) unless overridden later
/// with [`rolo_at`].
pub fn rolo(vault: &Path) -> assert_cmd::Command {
    let is_example = vault.join("README.md").is_file() && vault.join("Clients").is_dir();
    rolo_at(vault, if is_example { EXAMPLE_TODAY } else { FIXTURE_TODAY })
}

/// `rolo --vault VAULT --today TODAY` with `NO_COLOR=1` and no inherited rolo environment.
pub fn rolo_at(vault: &Path, today: &str) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("rolo").unwrap();
    cmd.env_remove("ROLO_VAULT")
        .env_remove("ROLO_TODAY")
        .env("NO_COLOR", "1")
        .arg("--vault")
        .arg(vault)
        .arg("--today")
        .arg(today);
    cmd
}

/// Runs and returns stdout as text, asserting the exit code.
pub fn stdout_of(mut cmd: assert_cmd::Command, code: i32) -> String {
    let out = cmd.output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(code),
        "exit code; stdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Runs, expects exit 0, parses stdout as JSON.
pub fn json_of(cmd: assert_cmd::Command) -> serde_json::Value {
    let text = stdout_of(cmd, 0);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Every file under `root` (hidden ones included), by relative path, with its bytes.
pub fn vault_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// Paths whose presence or bytes differ between two snapshots.
pub fn changed_paths(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter(|k| before.get(*k) != after.get(*k)).cloned().collect()
}

/// Reads a file of a vault as text.
pub fn read(vault: &Path, rel: &str) -> String {
    std::fs::read_to_string(vault.join(rel)).unwrap()
}

/// Writes a file into a vault, creating folders.
pub fn write(vault: &Path, rel: &str, text: &str) {
    let path = vault.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Whether the tests run as root, who ignores file permissions (so permission faults
/// must be simulated another way).
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let probe = tempfile::NamedTempFile::new().unwrap();
        probe.as_file().metadata().unwrap().uid() == 0
    }
    #[cfg(not(unix))]
    {
        false
    }
}
