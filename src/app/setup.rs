//! `rolo init` (make a folder a vault) and `rolo hook` (the git pre-commit hook that keeps
//! reports current in every commit). Neither ever overwrites a file rolo did not write.

use super::{Refused, Session};
use crate::cli::{HookCommand, InitArgs};
use crate::config::{Config, CONFIG_FILE};
use crate::exit;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The commented configuration `rolo init` writes. `{templates}` is replaced by Obsidian's
/// templates folder when the vault names one.
pub const CONFIG_TEMPLATE: &str = r#"# rolo's configuration for this vault. Every key is optional: delete a line to get the
# default shown in its comment. Run `rolo check` after editing: a mistake is reported with
# this file's name, line and key.

# Folders (relative to the vault) whose notes are contacts, one note per person.
# Default: ["People"]. Several folders are allowed, e.g. ["People", "Clients"].
people = ["People"]

# Where `rolo report` writes Overdue.md, Audit.md and Introductions.md. rolo never reads
# notes from this folder and never writes outside it. Default: "Reports".
reports_dir = "Reports"

# Glob patterns of vault-relative paths rolo skips, e.g. ["Archive/**", "**/*.excalidraw.md"].
# Hidden folders (.obsidian, .git, .trash) are always skipped. Default: [].
exclude = []

# Whether daily notes (named YYYY-MM-DD.md, or as daily_format says) count a [[Person]]
# mentioned in them as contact with that person on that day. Default: true.
daily_notes = true

# How daily notes are named, in Obsidian's (Moment.js) format: YYYY, MM, DD, D, MMM, MMMM,
# ddd, dddd, Do, [literal text], and `/` for folders, e.g. "YYYY-MM-DD dddd" or
# "YYYY/MM/DD.MM.YYYY". Notes named YYYY-MM-DD are daily notes whatever this says.
# Default: the daily format of Obsidian's Periodic Notes plugin when it is on, else of
# its Daily notes plugin (.obsidian/daily-notes.json), else YYYY-MM-DD.
# daily_format = "YYYY-MM-DD"

# Obsidian's templates folder: notes in it are templates, never contacts. Default: the
# folder of Obsidian's Templates plugin (.obsidian/templates.json), else "Templates".
templates_folder = "{templates}"

# Notes larger than this many megabytes are skipped with a warning. Default: 10.
max_note_size_mb = 10

# Circles group contacts (a note's `circle:` property) and give their members a default
# cadence: how often to get in touch. Cadences: 30d, 6w, 3m, 1y, weekly, monthly, never.
# A note's own `cadence:` property wins over its circle's. Add, rename or remove freely.
[circles.clients]
cadence = "30d"

[circles.prospects]
cadence = "14d"

[circles.colleagues]
cadence = "90d"

[circles.friends]
cadence = "60d"

[circles.family]
cadence = "30d"

[circles.mentors]
cadence = "6m"

# Thresholds of the periodic review (`rolo audit`, Reports/Audit.md). Defaults shown.
[audit]
# Contacts you met within this many days are listed as "new".
new_days = 180
# Active contacts with no contact in this many days are "dormant".
dormant_days = 365
# Contacts whose last contact is more than this many cadences ago are "drifting".
drift_factor = 3
# This many outgoing interactions in a row without a reply is "one-sided".
non_reciprocal = 3
# Promises others made you that are this many days old get a nudge.
owed_days = 60
# The period, in days, over which interactions are counted for the circles' balance.
period_days = 180
"#;

/// The configuration text for a vault, with Obsidian's templates folder if it names one.
pub fn config_text(vault: &Path) -> String {
    // A folder TOML cannot hold in a basic string is left to the user to write.
    let templates = crate::config::obsidian_templates_folder(vault)
        .filter(|folder| !folder.chars().any(char::is_control))
        .unwrap_or_else(|| "Templates".to_string());
    CONFIG_TEMPLATE.replace("{templates}", &templates.replace('\\', "/").replace('"', ""))
}

/// Runs `rolo init`; `quiet` leaves out what it did.
pub fn init(args: &InitArgs, quiet: bool) -> Result<u8> {
    let say = |message: String| {
        if !quiet {
            eprintln!("rolo: {message}");
        }
    };
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => std::env::current_dir().context("cannot read the current folder")?,
    };
    if dir.exists() && !dir.is_dir() {
        bail!("{} is a file, not a folder: give rolo init a folder", dir.display());
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create the folder {}", dir.display()))?;
    let config_path = dir.join(CONFIG_FILE);
    let config = if config_path.exists() {
        say(format!("{} already exists; left it alone", config_path.display()));
        Config::load(&dir)?
    } else {
        let text = config_text(&dir);
        let config = Config::parse(dir.clone(), &config_path, &text)?;
        match crate::edit::create_new(&config_path, text.as_bytes(), false) {
            Ok(()) => say(format!("wrote {}", config_path.display())),
            // Created meanwhile by someone else: still theirs, never overwritten.
            Err(_) if config_path.exists() => say(format!("{} already exists; left it alone", config_path.display())),
            Err(e) => return Err(e.into()),
        }
        config
    };
    let folders = config.people.iter().take(1).chain(std::iter::once(&config.reports_dir));
    for folder in folders {
        let path = dir.join(folder);
        if !path.exists() {
            std::fs::create_dir_all(&path).with_context(|| format!("cannot create {}", path.display()))?;
            say(format!("created {}/", path.display()));
        }
    }
    say("ready. Add a contact with `rolo add \"Ana Ruiz\" --circle friends`, then try `rolo overdue`.".into());
    Ok(exit::SUCCESS)
}

/// The marker line that makes a hook rolo's.
pub const HOOK_MARKER: &str = "# installed by rolo";
/// The name git runs.
const HOOK_NAME: &str = "pre-commit";
/// Where a foreign hook is kept by `rolo hook install --force`.
const KEPT_HOOK: &str = "pre-commit.before-rolo";

/// Whether a hook file was written by rolo.
fn is_rolo_hook(path: &Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| text.lines().any(|l| l.trim_end() == HOOK_MARKER))
}

/// Runs `git` in `dir` and returns its trimmed standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String> {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .context("cannot run git: is it installed and on PATH?")?;
    if !out.status.success() {
        bail!(
            "{} is not inside a git repository (git {}: {}). Run `git init` there first",
            dir.display(),
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim_end_matches(['\n', '\r']).to_string())
}

/// Quotes a string for a POSIX shell.
fn sh_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// The hook script. `prefix` is the vault's folder inside the work tree ("" at the top).
pub fn hook_script(rolo: &Path, prefix: &str, reports_dir: &str) -> String {
    let vault = if prefix.is_empty() { ".".to_string() } else { prefix.trim_end_matches('/').to_string() };
    format!(
        r#"#!/bin/sh
{HOOK_MARKER}
# It keeps the rolo reports current in every commit: it runs `rolo check` (errors
# block the commit), then `rolo report`, and stages the reports.
# Skip it for one commit with `git commit --no-verify`; remove it with `rolo hook uninstall`.

# A hook that was here before rolo's runs first; its failure stops the commit.
kept="$(dirname "$0")/{KEPT_HOOK}"
if [ -x "$kept" ]; then
    "$kept" "$@" || exit $?
fi

rolo={rolo}
if [ ! -x "$rolo" ]; then
    rolo=rolo
fi
top=$(git rev-parse --show-toplevel) || exit 1
cd "$top" && cd {vault} || exit 1

if ! "$rolo" --vault . --quiet check; then
    echo "rolo: the notes above have errors; fix them, or commit anyway with git commit --no-verify" >&2
    exit 1
fi
# Exit code 1: the reports were written, but a ticked audit item could not be carried out
# (the message above says which). It stays ticked, is tried again next time, and does not
# hold up the commit.
"$rolo" --vault . --quiet report
status=$?
if [ "$status" -gt 1 ]; then
    exit "$status"
fi
git add -- {reports} || exit 1
"#,
        rolo = sh_quote(&rolo.to_string_lossy()),
        vault = sh_quote(&vault),
        reports = sh_quote(reports_dir),
    )
}

/// The hooks folder of the vault's repository (honouring `core.hooksPath`) and the vault's
/// folder inside the work tree.
fn hooks_dir(vault: &Path) -> Result<(PathBuf, String)> {
    let hooks = git(vault, &["rev-parse", "--git-path", "hooks"])?;
    let prefix = git(vault, &["rev-parse", "--show-prefix"])?;
    let hooks = PathBuf::from(hooks);
    let hooks = if hooks.is_absolute() { hooks } else { vault.join(hooks) };
    Ok((hooks, prefix))
}

#[cfg(unix)]
fn make_executable(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
        .with_context(|| format!("cannot make {} executable", path.display()))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> Result<()> {
    Ok(())
}

/// Runs `rolo hook`.
pub fn hook(session: &Session, command: &HookCommand) -> Result<u8> {
    let vault = &session.config.vault;
    let (hooks, prefix) = hooks_dir(vault)?;
    let hook = hooks.join(HOOK_NAME);
    let kept = hooks.join(KEPT_HOOK);
    match command {
        HookCommand::Install { force } => {
            let exists = hook.exists() || hook.is_symlink();
            if exists && !is_rolo_hook(&hook) {
                if !force {
                    bail!(Refused(format!(
                        "{} exists and is not rolo's; left it alone. Run `rolo hook install --force` to keep it as {KEPT_HOOK} and call it before rolo's hook",
                        hook.display()
                    )));
                }
                if kept.exists() || kept.is_symlink() {
                    bail!(Refused(format!(
                        "both {} and {} exist; move one of them away first",
                        hook.display(),
                        kept.display()
                    )));
                }
                std::fs::rename(&hook, &kept)
                    .with_context(|| format!("cannot rename {} to {}", hook.display(), kept.display()))?;
                session.say(format!("kept the existing hook as {}; it runs first", kept.display()));
            }
            let rolo = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("rolo"));
            let script = hook_script(&rolo, &prefix, &session.config.reports_dir);
            std::fs::create_dir_all(&hooks).with_context(|| format!("cannot create {}", hooks.display()))?;
            if hook.is_symlink() {
                std::fs::remove_file(&hook).with_context(|| format!("cannot replace {}", hook.display()))?;
            }
            crate::edit::write_atomic(&hook, script.as_bytes())?;
            make_executable(&hook)?;
            session.say(format!(
                "installed {}: each commit runs `rolo check` and `rolo report` and stages {}/ (skip with git commit --no-verify)",
                hook.display(),
                session.config.reports_dir
            ));
            Ok(exit::SUCCESS)
        }
        HookCommand::Uninstall => {
            if !(hook.exists() || hook.is_symlink()) {
                session.say(format!("no pre-commit hook in {}; nothing to remove", hooks.display()));
                return Ok(exit::SUCCESS);
            }
            if !is_rolo_hook(&hook) {
                bail!(Refused(format!("{} is not rolo's hook; left it alone", hook.display())));
            }
            std::fs::remove_file(&hook).with_context(|| format!("cannot remove {}", hook.display()))?;
            if kept.exists() || kept.is_symlink() {
                std::fs::rename(&kept, &hook)
                    .with_context(|| format!("cannot restore {} as {}", kept.display(), hook.display()))?;
                session.say(format!("removed rolo's hook and restored the previous one as {}", hook.display()));
            } else {
                session.say(format!("removed {}", hook.display()));
            }
            Ok(exit::SUCCESS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_written_config_parses_and_sets_the_circles() {
        let text = CONFIG_TEMPLATE.replace("{templates}", "Templates");
        let c = Config::parse(PathBuf::from("/v"), Path::new("/v/.rolo.toml"), &text).unwrap();
        assert_eq!(c.circle_cadence("clients"), "30d".parse().ok());
        assert_eq!(c.circle_cadence("mentors"), "6m".parse().ok());
        assert_eq!(c.audit, crate::config::AuditSettings::default());
    }

    #[test]
    fn obsidian_templates_folder_is_taken_only_when_it_names_a_folder_below_the_vault() {
        let vault = tempfile::tempdir().unwrap();
        std::fs::create_dir(vault.path().join(".obsidian")).unwrap();
        for (folder, taken) in [
            ("Meta/Templates", Some("Meta/Templates")),
            ("/Tpl/", Some("Tpl")),
            ("./Templates", Some("Templates")),
            ("Meta//./Templates/", Some("Meta/Templates")),
            // Taken, but not written into .rolo.toml, where it could not be read back.
            ("T\\u0007", Some("T\u{7}")),
            (".", None),
            ("./", None),
            ("", None),
            ("../x", None),
        ] {
            std::fs::write(vault.path().join(".obsidian/templates.json"), format!("{{\"folder\": \"{folder}\"}}"))
                .unwrap();
            assert_eq!(crate::config::obsidian_templates_folder(vault.path()).as_deref(), taken, "{folder:?}");
            let text = config_text(vault.path());
            assert!(Config::parse(vault.path().into(), Path::new("/v/.rolo.toml"), &text).is_ok(), "{folder:?}");
        }
    }

    #[test]
    fn shell_quoting_survives_single_quotes() {
        assert_eq!(sh_quote("it's"), r"'it'\''s'");
    }
}
