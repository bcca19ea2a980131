//! `rolo watch`: regenerate the reports whenever a note changes. Events are debounced, and
//! events in the reports folder and hidden folders (`.rolo/`, `.git/`, `.obsidian/`) are
//! ignored, so rolo's own writes never trigger another pass. A broken, half-saved, renamed
//! or deleted note is a diagnostic of that pass; the loop goes on.

use super::{Session, Verbosity};
use crate::cli::{ReportKind, WatchArgs};
use crate::config::{Config, CONFIG_FILE, OBSIDIAN_DAILY_NOTES, OBSIDIAN_PERIODIC_NOTES, OBSIDIAN_TEMPLATES};
use crate::exit;
use crate::vault::CacheMode;
use crate::write::{self, Outcome};
use anyhow::{Context, Result};
use notify_debouncer_full::notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Hidden: exit after this many regeneration passes (the first one included). For tests.
pub const MAX_RUNS_ENV: &str = "ROLO_WATCH_MAX_RUNS";

/// Regenerates every report once, under the report lock, and returns the reports written
/// (as `Reports/Overdue.md`). Ticked audit items are carried out first, as by `rolo report`.
pub fn regenerate(session: &Session) -> Result<Vec<String>> {
    let _lock = super::lock::ReportLock::acquire(&session.config)?;
    let old_audit = write::current(&session.config, "Audit.md");
    let applied = super::reports::act_on_ticks(session, ReportKind::All, old_audit.as_deref(), false)?;
    let index = session.index_with(CacheMode::ReadWrite);
    let errors = index.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 && session.verbosity != Verbosity::Quiet {
        eprintln!("rolo: {errors} problem(s) in the notes; run `rolo check` to see them");
    }
    if session.verbosity == Verbosity::Verbose {
        index.diagnostics.iter().for_each(|d| eprintln!("{d}"));
    }
    let mut written = Vec::new();
    let reports =
        super::reports::render_reports(session, &index, ReportKind::All, old_audit.as_deref(), &applied.settled)?;
    for report in reports {
        if write::write_report(&session.config, report.file, &report.content, false)? == Outcome::Written {
            written.push(format!("{}/{}", session.config.reports_dir, report.file));
        }
    }
    session.save_cache();
    Ok(written)
}

/// Whether a changed path (relative to the vault, with `/`) can change a report.
pub fn is_relevant(config: &Config, rel: &str) -> bool {
    if rel.is_empty() || is_settings(rel) {
        return !rel.is_empty();
    }
    if config.is_in_reports(rel) || config.is_excluded(rel) {
        return false;
    }
    // Hidden files and folders: .rolo/ (cache), .git/, .obsidian/, editors' swap files.
    if rel.split('/').any(|part| part.starts_with('.')) {
        return false;
    }
    // Notes, and folders (a renamed or deleted folder holds notes); not other files.
    match Path::new(rel).extension() {
        Some(ext) => ext.eq_ignore_ascii_case("md"),
        None => true,
    }
}

/// Whether a changed path is a file the configuration is read from: `.rolo.toml`, or
/// Obsidian's Daily notes, Periodic Notes and Templates settings.
fn is_settings(rel: &str) -> bool {
    [CONFIG_FILE, OBSIDIAN_DAILY_NOTES, OBSIDIAN_PERIODIC_NOTES, OBSIDIAN_TEMPLATES].contains(&rel)
}

/// How long to wait, from local time `now`, for the date to change: until just after the
/// next midnight, and never more than an hour (daylight saving or a clock set by hand can
/// move midnight; checking hourly bounds how late the reports can be).
pub fn wait_for_next_day(now: chrono::NaiveDateTime) -> Duration {
    let next_midnight = now.date().succ_opt().and_then(|d| d.and_hms_opt(0, 0, 1));
    let until = next_midnight.map(|m| (m - now).to_std().unwrap_or(Duration::ZERO));
    until.unwrap_or(HOUR).clamp(Duration::from_secs(1), HOUR)
}

const HOUR: Duration = Duration::from_secs(3600);

fn relative(roots: &[PathBuf], path: &Path) -> Option<String> {
    roots.iter().find_map(|root| path.strip_prefix(root).ok()).map(|rel| rel.to_string_lossy().replace('\\', "/"))
}

/// Runs `rolo watch`.
pub fn watch(session: &Session, args: &WatchArgs) -> Result<u8> {
    let max_runs: Option<u64> = std::env::var(MAX_RUNS_ENV).ok().and_then(|v| v.trim().parse().ok());
    let vault = session.config.vault.clone();
    let real = vault.canonicalize().with_context(|| format!("cannot read the vault {}", vault.display()))?;
    let roots = vec![real.clone(), vault.clone()];
    // The session is rebuilt when .rolo.toml changes.
    let mut current = Session {
        config: session.config.clone(),
        today: session.today,
        today_pinned: session.today_pinned,
        verbosity: session.verbosity,
        no_cache: session.no_cache,
        long_running: true,
        pending_cache: Default::default(),
    };
    let quiet = session.verbosity == Verbosity::Quiet;

    let (sender, receiver) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(Duration::from_millis(args.debounce_ms.max(1)), None, sender)
        .context("cannot start watching for changes")?;
    debouncer.watch(&real, RecursiveMode::Recursive).with_context(|| format!("cannot watch {}", real.display()))?;

    let mut runs: u64 = 0;
    let mut pass = |session: &Session| {
        match regenerate(session) {
            Ok(written) if !quiet => written.iter().for_each(|r| eprintln!("rolo: regenerated {r}")),
            Ok(_) => {}
            Err(e) => eprintln!("rolo: could not regenerate the reports: {e:#}"),
        }
        runs += 1;
        max_runs.is_some_and(|max| runs >= max)
    };
    if pass(&current) {
        return Ok(exit::SUCCESS);
    }
    if !quiet {
        eprintln!("rolo: watching {} for changes (Ctrl-C to stop)", vault.display());
    }
    loop {
        // Overdue dates move at midnight even when no note does: without a pinned --today,
        // wake up at the next local midnight (at least hourly, in case the clock jumps).
        let result = if current.today_pinned {
            match receiver.recv() {
                Ok(result) => result,
                Err(_) => break,
            }
        } else {
            match receiver.recv_timeout(wait_for_next_day(chrono::Local::now().naive_local())) {
                Ok(result) => result,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    let today = chrono::Local::now().date_naive();
                    if today != current.today {
                        current.today = today;
                        if !quiet {
                            eprintln!("rolo: it is {today} now; regenerating the reports");
                        }
                        if pass(&current) {
                            break;
                        }
                    }
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        };
        if !current.today_pinned {
            current.today = chrono::Local::now().date_naive();
        }
        let events = match result {
            Ok(events) => events,
            Err(errors) => {
                errors.iter().for_each(|e| eprintln!("rolo: watch error: {e}"));
                continue;
            }
        };
        let changed: Vec<String> = events
            .iter()
            .filter(|e| !e.kind.is_access())
            .flat_map(|e| e.paths.iter())
            .filter_map(|p| relative(&roots, p))
            .filter(|rel| is_relevant(&current.config, rel))
            .collect();
        if changed.is_empty() {
            continue;
        }
        if let Some(settings) = changed.iter().find(|rel| is_settings(rel)) {
            match Config::load(&vault) {
                Ok(config) => {
                    current = Session { config, pending_cache: Default::default(), ..current };
                    if !quiet {
                        eprintln!("rolo: reloaded {settings}");
                    }
                }
                Err(e) => {
                    eprintln!("rolo: {e}; keeping the previous configuration");
                }
            }
        }
        if session.verbosity == Verbosity::Verbose {
            eprintln!("rolo: changed: {}", changed.join(", "));
        }
        if pass(&current) {
            break;
        }
    }
    Ok(exit::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watch_wakes_up_just_after_midnight_and_at_least_hourly() {
        let at = |h, m, s| chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap().and_hms_opt(h, m, s).unwrap();
        assert_eq!(wait_for_next_day(at(23, 59, 0)), Duration::from_secs(61));
        assert_eq!(wait_for_next_day(at(23, 59, 59)), Duration::from_secs(2));
        assert_eq!(wait_for_next_day(at(0, 0, 1)), HOUR);
        assert_eq!(wait_for_next_day(at(9, 30, 0)), HOUR);
        let last = chrono::NaiveDate::MAX.and_hms_opt(12, 0, 0).unwrap();
        assert_eq!(wait_for_next_day(last), HOUR, "no next day: check hourly");
    }

    #[test]
    fn own_writes_and_hidden_folders_are_ignored() {
        let c = Config::defaults(PathBuf::from("/v"));
        assert!(is_relevant(&c, "People/Ana.md"));
        assert!(is_relevant(&c, "People"));
        assert!(is_relevant(&c, ".rolo.toml"));
        assert!(!is_relevant(&c, "Reports/Overdue.md"));
        assert!(!is_relevant(&c, ".rolo/cache"));
        assert!(!is_relevant(&c, ".git/index"));
        assert!(!is_relevant(&c, ".obsidian/workspace.json"));
        assert!(is_relevant(&c, ".obsidian/daily-notes.json"));
        assert!(is_relevant(&c, ".obsidian/templates.json"));
        assert!(is_relevant(&c, ".obsidian/plugins/periodic-notes/data.json"));
        assert!(!is_relevant(&c, "People/.Ana.md.swp"));
        assert!(!is_relevant(&c, "People/photo.jpg"));
    }
}
