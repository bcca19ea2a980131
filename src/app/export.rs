//! `rolo export`: iCalendar reminders, or the whole index as JSON or CSV, on standard output
//! or atomically into the file the user named.

use super::Session;
use crate::cli::{ExportArgs, ExportFormat};
use crate::{exit, export};
use anyhow::{Context, Result};
use std::io::Write;

/// Runs `rolo export`.
pub fn export(session: &Session, args: &ExportArgs) -> Result<u8> {
    let index = session.index();
    session.report_problems(&index.diagnostics);
    let text = match args.format {
        ExportFormat::Ics => export::ics(&index, session.today),
        ExportFormat::Json => export::json(&index, &session.config, session.today)?,
        ExportFormat::Csv => export::csv(&index, session.today)?,
    };
    match &args.out {
        // The user's explicit target: allowed anywhere, written atomically; a symbolic link
        // is written through (the file it leads to is replaced), never replaced itself.
        Some(path) => {
            crate::edit::atomic::write_atomic_through_link(path, text.as_bytes())?;
            if session.verbosity != super::Verbosity::Quiet {
                eprintln!("rolo: wrote {}", path.display());
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush()).context("cannot write to standard output")?;
        }
    }
    Ok(exit::SUCCESS)
}
