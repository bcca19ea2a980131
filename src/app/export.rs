//! `rolo export`: iCalendar reminders, or the whole index as JSON or CSV, on standard output
//! or atomically into the file the user named.

use super::Session;
use crate::cli::{ExportArgs, ExportFormat};
use crate::{exit, export};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

/// Runs `rolo export`.
pub fn export(session: &Session, args: &ExportArgs) -> Result<u8> {
    if let Some(path) = &args.out {
        check_target(path, args.format)?;
    }
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
            session.say(format!("wrote {}", path.display()));
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes()).and_then(|()| out.flush()).context("cannot write to standard output")?;
        }
    }
    Ok(exit::SUCCESS)
}

/// Refuses an `--out` that cannot be a file before any work is done, with what to do about it:
/// the atomic write would fail later with an error about its temporary file.
fn check_target(path: &Path, format: ExportFormat) -> Result<()> {
    if path.is_dir() {
        let example = path.join(match format {
            ExportFormat::Ics => "rolo.ics",
            ExportFormat::Json => "rolo.json",
            ExportFormat::Csv => "contacts.csv",
        });
        bail!("--out {} is a folder: give a file name, e.g. --out {}", path.display(), example.display());
    }
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        bail!(
            "--out {}: the folder {} does not exist; create it first, or choose a file in an existing folder",
            path.display(),
            folder.display()
        );
    }
    Ok(())
}
