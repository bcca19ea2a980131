//! A hostile vault, built at test time: binary notes, invalid UTF-8, a 50 MB note, deeply
//! nested YAML, a YAML alias bomb, symlink loops, symlinks leading out of the vault,
//! unreadable files and file names with newlines, `..`, `|`, `]]`, `<script>` and
//! right-to-left marks. Every command must finish in bounded time and memory without
//! panicking, report each problem with a `path:line:col` location, and write nothing
//! outside the reports folder.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers fail loudly by design

mod common;

use common::{changed_paths, is_root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TODAY: &str = "2026-06-01";
/// Each command gets this long; all of them together must fit in a few minutes.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(60);

/// The hostile vault and a folder outside it that symlinks point into.
struct Hostile {
    _root: tempfile::TempDir,
    vault: PathBuf,
    outside: PathBuf,
    /// Vault-relative paths (as rolo prints them) that `check` must name with a location.
    must_report: Vec<String>,
}

impl Drop for Hostile {
    fn drop(&mut self) {
        // Give the unreadable file its permissions back so the temp dir can be removed.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ =
                std::fs::set_permissions(self.vault.join("People/Locked.md"), std::fs::Permissions::from_mode(0o644));
        }
    }
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn build_hostile() -> Hostile {
    let root = tempfile::tempdir().unwrap();
    let vault = root.path().join("vault");
    let outside = root.path().join("outside");
    let people = vault.join("People");
    std::fs::create_dir_all(&people).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    let mut must_report = Vec::new();
    let mut report = |rel: &str| must_report.push(rel.to_string());

    // A healthy contact that links to the hostile names, so reports render them.
    write(
        &people.join("Ana Ruiz.md"),
        "---\nname: Ana Ruiz\ncadence: 30d\nlast_contact: 2026-01-01\nknows: [\"[[Pipe|Name]]\", \"[[<script>alert(1)</script>]]\"]\n---\n# Ana\n\n## Log\n- 2026-01-01 #coffee with [[Close]]Bracket]] and [[\u{202e}evil]]\n\n## Promises\n- [ ] send the deck 📅 2026-02-01\n",
    );

    // Binary content and invalid UTF-8.
    write(&people.join("Binary.md"), b"\x00\x01\x02\x89PNG\r\n\x1a\n\x00\x00garbage\xff");
    report("People/Binary.md");
    write(&people.join("Bad UTF8.md"), b"---\nname: Bad \xff\xfe UTF8\n---\nhello \xc3\x28 world\n");
    report("People/Bad UTF8.md");

    // A 50 MB note: over the default 10 MB limit, so skipped with a warning.
    {
        let line = "- 2026-01-01 #call a very long log line to fill the note up quickly .........\n";
        let mut text = String::from("---\nname: Huge\n---\n## Log\n");
        while text.len() < 50 * 1024 * 1024 {
            text.push_str(line);
        }
        write(&people.join("Huge.md"), text);
        report("People/Huge.md");
    }

    // 10,000 levels of nesting, flow and block style.
    write(
        &people.join("Nested Flow.md"),
        format!("---\nname: Nested\ntags: {}{}\n---\nbody\n", "[".repeat(10_000), "]".repeat(10_000)),
    );
    report("People/Nested Flow.md");
    {
        let mut yaml = String::from("---\nname: Nested Block\ndeep:\n");
        // Compact block sequences nest one level per `- ` on a single line.
        yaml.push_str("  ");
        yaml.push_str(&"- ".repeat(10_000));
        yaml.push_str("x\n---\n");
        write(&people.join("Nested Block.md"), yaml);
        report("People/Nested Block.md");
    }

    // Billion laughs.
    {
        let mut yaml = String::from("---\nname: Bomb\na0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for i in 1..10 {
            let prev = format!("*a{}", i - 1);
            yaml.push_str(&format!("a{i}: &a{i} [{}]\n", [prev.as_str(); 9].join(", ")));
        }
        yaml.push_str("tags: *a9\n---\n");
        write(&people.join("Bomb.md"), yaml);
        report("People/Bomb.md");
    }

    // Hostile file names, each with an unclosed front matter so `check` must print its path.
    let broken = "---\nname: Hostile\n# never closed\n";
    let mut names = vec![
        "Pipe|Name.md",
        "Close]]Bracket.md",
        "<script>alert(1)</script>.md",
        "\u{202e}evil.md",
        "rtl \u{200f}mark.md",
        "a..b.md",
        "...md",
    ];
    if cfg!(unix) {
        names.push("New\nline.md");
    }
    for name in names {
        write(&people.join(name), broken);
        // Names starting with `.` are hidden files, skipped like Obsidian skips them.
        if !name.starts_with('.') {
            report(&format!("People/{name}"));
        }
    }

    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        use std::os::unix::fs::{symlink, PermissionsExt};
        // A file name that is not UTF-8.
        let raw = people.join(std::ffi::OsStr::from_bytes(b"Raw \xff name.md"));
        std::fs::write(&raw, broken).unwrap();
        report("People/Raw \u{FFFD} name.md");

        // Symlink loops: a folder linking to its parent, and two files linking to each other.
        symlink("..", people.join("loop")).unwrap();
        symlink("Ping.md", people.join("Pong.md")).unwrap();
        symlink("Pong.md", people.join("Ping.md")).unwrap();
        report("People/Ping.md");
        report("People/Pong.md");

        // Symlinks leading out of the vault: a file and a folder.
        write(&outside.join("Secret.md"), "---\nname: Secret\ncadence: 1d\n---\n## Log\n- 2020-01-01 old\n");
        write(&outside.join("dir/Other.md"), "---\nname: Other Secret\ncadence: 1d\n---\n## Log\n- 2020-01-01 old\n");
        symlink(outside.join("Secret.md"), people.join("Secret.md")).unwrap();
        report("People/Secret.md");
        symlink(outside.join("dir"), people.join("Elsewhere")).unwrap();
        report("People/Elsewhere");
        // A dangling link.
        symlink(vault.join("nowhere.md"), people.join("Dangling.md")).unwrap();

        // Unreadable (readable anyway when the tests run as root).
        let locked = people.join("Locked.md");
        write(&locked, "---\nname: Locked\n---\n");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        if !is_root() {
            report("People/Locked.md");
        }
    }

    Hostile { _root: root, vault, outside, must_report }
}

/// Every entry under `root` without following links: files by content, links by target,
/// folders by presence, each with its permission bits.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()).collect();
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            #[cfg(unix)]
            let mode = {
                use std::os::unix::fs::PermissionsExt;
                meta.permissions().mode().to_le_bytes().to_vec()
            };
            #[cfg(not(unix))]
            let mode = vec![u8::from(meta.permissions().readonly())];
            let mut value = mode;
            if meta.file_type().is_symlink() {
                value.extend(b"link:");
                value.extend(std::fs::read_link(&path).unwrap().to_string_lossy().as_bytes());
            } else if meta.is_dir() {
                value.extend(b"dir");
                out.insert(rel, value);
                walk(root, &path, out);
                continue;
            } else {
                // Hash-sized is enough; keep whole bytes for exact comparison of small files.
                value.extend(std::fs::read(&path).unwrap_or_else(|_| b"<unreadable>".to_vec()));
            }
            out.insert(rel, value);
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Runs rolo with a timeout; output goes to files so a chatty command cannot block on a pipe.
fn run(vault: &Path, args: &[&str], wrap_time: bool) -> Run {
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let bin = env!("CARGO_BIN_EXE_rolo");
    let mut cmd = if wrap_time {
        let mut c = Command::new("/usr/bin/time");
        c.args(["-f", "maxrss_kb=%M", bin]);
        c
    } else {
        Command::new(bin)
    };
    cmd.env_remove("ROLO_VAULT")
        .env_remove("ROLO_TODAY")
        .env("NO_COLOR", "1")
        .arg("--vault")
        .arg(vault)
        .arg("--today")
        .arg(TODAY)
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > COMMAND_TIMEOUT {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("rolo {args:?} did not finish within {COMMAND_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&std::fs::read(&out_path).unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&std::fs::read(&err_path).unwrap()).into_owned(),
        elapsed: start.elapsed(),
    }
}

fn assert_no_panic(args: &[&str], r: &Run) {
    assert!(
        !r.stderr.contains("panicked") && !r.stderr.contains("RUST_BACKTRACE"),
        "rolo {args:?} panicked:\n{}",
        r.stderr
    );
    // 0: fine, 1: problems found or refused, 2: an error explained on stderr. 101 is a panic.
    assert!(matches!(r.code, Some(0..=2)), "rolo {args:?} exited with {:?}:\n{}", r.code, r.stderr);
    if r.code == Some(2) {
        assert!(r.stderr.contains("rolo"), "an error must be explained: {:?}", r.stderr);
    }
}

/// Every command, in turn, on the hostile vault: each finishes, none panics, and none
/// changes anything in the vault or behind its symlinks (except `report`, in `Reports/`).
#[test]
fn every_command_survives_the_hostile_vault_and_writes_only_reports() {
    let h = build_hostile();
    let before_vault = snapshot(&h.vault);
    let before_outside = snapshot(&h.outside);
    let read_only: &[&[&str]] = &[
        &["check"],
        &["check", "--json"],
        &["list"],
        &["list", "--json"],
        &["show", "Ana Ruiz"],
        &["show", "Ana Ruiz", "--json"],
        &["show", "Secret"],
        &["overdue"],
        &["overdue", "--json"],
        &["next"],
        &["audit"],
        &["audit", "--json"],
        &["intros"],
        &["intros", "--json"],
        &["who", "x"],
        &["who", "lol", "--json"],
        &["export", "json"],
        &["report", "--dry-run"],
        &["log", "Ana Ruiz", "--dry-run", "coffee"],
    ];
    let total = Instant::now();
    for args in read_only {
        let r = run(&h.vault, args, false);
        assert_no_panic(args, &r);
        let altered = changed_paths(&before_vault, &snapshot(&h.vault));
        assert!(altered.is_empty(), "rolo {args:?} changed {altered:?}");
        assert_eq!(changed_paths(&before_outside, &snapshot(&h.outside)), Vec::<String>::new(), "{args:?}");
    }
    let args = ["report"];
    let r = run(&h.vault, &args, false);
    assert_no_panic(&args, &r);
    let after = snapshot(&h.vault);
    let outside_reports: Vec<String> = changed_paths(&before_vault, &after)
        .into_iter()
        .filter(|p| !p.starts_with("Reports") && !p.starts_with(".rolo"))
        .collect();
    assert!(outside_reports.is_empty(), "report changed {outside_reports:?}");
    assert!(after.contains_key("Reports/Overdue.md"), "{:?}", r.stderr);
    assert_eq!(changed_paths(&before_outside, &snapshot(&h.outside)), Vec::<String>::new());
    // The outside file a symlink points at is never treated as a contact.
    let list = run(&h.vault, &["list", "--json"], false);
    assert!(!list.stdout.contains("Other Secret"), "a note behind a folder symlink leading out was read");
    assert!(!list.stdout.contains("\"Secret\""), "a note behind a file symlink leading out was read");
    assert!(total.elapsed() < Duration::from_secs(300), "took {:?}", total.elapsed());
}

/// `check` names every hostile file with `path:line:col`, in text and JSON.
#[test]
fn check_reports_each_hostile_file_with_its_location() {
    let h = build_hostile();
    let r = run(&h.vault, &["check"], false);
    assert_no_panic(&["check"], &r);
    assert_eq!(r.code, Some(1), "the vault has errors:\n{}", r.stdout);
    for rel in &h.must_report {
        // Control characters in names are escaped so each problem stays on one line.
        let shown: String =
            rel.chars().map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() }).collect();
        let prefix = format!("{shown}:");
        let located = r.stdout.split(prefix.as_str()).skip(1).any(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().unwrap_or("");
            let col = parts.next().unwrap_or("");
            line.parse::<usize>().is_ok_and(|l| l >= 1) && col.parse::<usize>().is_ok_and(|c| c >= 1)
        });
        assert!(located, "check does not name {rel:?} with path:line:col:\n{}", r.stdout);
    }
    let json = run(&h.vault, &["check", "--json"], false);
    let diags: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    for rel in &h.must_report {
        assert!(
            diags.as_array().unwrap().iter().any(|d| d["path"] == rel.as_str()
                && d["line"].as_u64().is_some_and(|l| l >= 1)
                && d["column"].as_u64().is_some_and(|c| c >= 1)),
            "check --json does not locate {rel:?}"
        );
    }
    // The messages say what is wrong.
    assert!(r.stdout.contains("People/Huge.md:1:1: warning: note is 50 MB"), "{}", r.stdout);
    assert!(r.stdout.contains("People/Binary.md:1:1: warning: binary content"), "{}", r.stdout);
}

/// Peak memory of `check` on the hostile vault (50 MB note, alias bomb, deep nesting).
#[test]
fn check_on_the_hostile_vault_stays_under_1_gb() {
    if !Path::new("/usr/bin/time").exists() {
        eprintln!("skipped: /usr/bin/time is not installed");
        return;
    }
    let h = build_hostile();
    let r = run(&h.vault, &["check"], true);
    assert_no_panic(&["check"], &r);
    let kb: u64 = r
        .stderr
        .lines()
        .filter_map(|l| l.strip_prefix("maxrss_kb="))
        .next_back()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no maxrss in {:?}", r.stderr));
    assert!(kb < 1024 * 1024, "check used {kb} KB");
}

/// With the size limit raised, the 50 MB note is read and parsed in bounded time and memory.
#[test]
fn a_50_mb_note_under_a_raised_limit_is_read_in_bounded_time_and_memory() {
    let h = build_hostile();
    write(&h.vault.join(".rolo.toml"), "max_note_size_mb = 64\n");
    let r = run(&h.vault, &["check"], Path::new("/usr/bin/time").exists());
    assert_no_panic(&["check"], &r);
    assert!(!r.stdout.contains("People/Huge.md:1:1: warning: note is 50 MB"), "{}", r.stdout);
    assert!(r.elapsed < COMMAND_TIMEOUT);
    if let Some(kb) = r.stderr.lines().filter_map(|l| l.strip_prefix("maxrss_kb=")).next_back() {
        let kb: u64 = kb.trim().parse().unwrap();
        assert!(kb < 1024 * 1024, "check used {kb} KB");
    }
}

/// A lower configured limit skips smaller notes too, with a warning that names the setting.
#[test]
fn the_note_size_limit_is_configurable() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join(".rolo.toml"), "max_note_size_mb = 1\n");
    write(&dir.path().join("People/Big.md"), format!("---\nname: Big\n---\n{}", "x".repeat(2 * 1024 * 1024)));
    let r = run(dir.path(), &["check"], false);
    assert_no_panic(&["check"], &r);
    assert!(r.stdout.contains("People/Big.md:1:1: warning:"), "{}", r.stdout);
    assert!(r.stdout.contains("max_note_size_mb"), "{}", r.stdout);
}
