//! One writer at a time: a cron run, a git hook and `rolo watch` never interleave report writes.
//! The lock is an OS advisory lock on the reports folder itself: no lock file is left in the
//! vault, and the OS releases it even if rolo is killed, so a crash never leaves a stale lock.

use crate::config::Config;
use anyhow::{bail, Context, Result};
use std::fs::{File, TryLockError};
use std::time::{Duration, Instant};

/// How long a run waits for another one to finish before giving up.
const WAIT: Duration = Duration::from_secs(60);

/// Held while reports are being written.
pub struct ReportLock {
    _file: File,
}

impl ReportLock {
    /// Waits (up to a minute) for the vault's report lock.
    pub fn acquire(config: &Config) -> Result<ReportLock> {
        let path = crate::write::prepare_reports_dir(config)?;
        let file = File::open(&path).with_context(|| format!("cannot open {} to lock it", path.display()))?;
        let start = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(ReportLock { _file: file }),
                Err(TryLockError::WouldBlock) if start.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(TryLockError::WouldBlock) => bail!(super::Refused(format!(
                    "another rolo has been writing reports in this vault for over {} s ({} is locked); try again later",
                    WAIT.as_secs(),
                    path.display()
                ))),
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path.display()))
                }
            }
        }
    }
}
