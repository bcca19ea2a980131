//! The commands: each loads what it needs through [`Session`], runs an analysis or an edit,
//! and prints the result. Errors carry their context and are printed once by `main`.

mod actions;
mod browse;
mod capture;
mod check;
mod export;
mod graph;
mod import;
mod lock;
mod output;
mod reports;
mod setup;
mod shell;
mod watch;

pub use output::{quit_quietly_when_stdout_closes, stdout_closed};

use crate::cli::{Cli, Command};
use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::Diagnostic;
use crate::index::{self, Index, Resolution};
use crate::model::contact::ContactId;
use crate::model::date::parse_date;
use crate::vault::CacheMode;
use crate::{exit, vault};
use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

/// How much to print besides results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors and a summary line.
    Normal,
    /// Also warnings and details.
    Verbose,
}

/// What every command starts from: the config, "today", and how chatty to be.
pub struct Session {
    /// The vault's configuration.
    pub config: Config,
    /// The date results are computed for.
    pub today: NaiveDate,
    /// `today` was given (`--today` or `ROLO_TODAY`) rather than read from the clock, so a
    /// long-running `watch` keeps it instead of moving to the next day at midnight.
    pub today_pinned: bool,
    /// How much to print on stderr.
    pub verbosity: Verbosity,
    /// Ignore the parse cache (`--no-cache`).
    pub no_cache: bool,
    /// The command runs until stopped (`watch`), so its indexes must be freed.
    long_running: bool,
    /// A new parse cache, written by [`Session::save_cache`] once a command succeeded.
    pending_cache: std::cell::RefCell<Option<crate::cache::Update>>,
}

impl Session {
    /// Resolves the vault and "today" from the arguments and environment.
    pub fn open(cli: &Cli) -> Result<Session> {
        let vault = find_vault(cli.vault.as_deref())?;
        let config = Config::load(&vault)?;
        let today = match &cli.today {
            Some(text) => parse_date(text).with_context(|| format!("--today / ROLO_TODAY {text:?}: use YYYY-MM-DD"))?,
            None => chrono::Local::now().date_naive(),
        };
        let verbosity = if cli.quiet {
            Verbosity::Quiet
        } else if cli.verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        Ok(Session {
            config,
            today,
            today_pinned: cli.today.is_some(),
            verbosity,
            no_cache: cli.no_cache,
            long_running: matches!(cli.command, Command::Watch(_)),
            pending_cache: Default::default(),
        })
    }

    /// Reads and indexes the whole vault through the parse cache, without writing it;
    /// broken notes become diagnostics, never failures.
    pub fn index(&self) -> SessionIndex {
        self.index_with(CacheMode::Read)
    }

    /// [`Session::index`] with an explicit cache mode: `Off` for commands that need every
    /// note's full text, `ReadWrite` for commands that write reports.
    pub fn index_with(&self, mode: CacheMode) -> SessionIndex {
        let mode = match mode {
            CacheMode::Read | CacheMode::ReadWrite if self.no_cache => CacheMode::Bypass,
            other => other,
        };
        let started = std::time::Instant::now();
        let loaded = vault::load(&self.config, mode);
        let read = started.elapsed();
        let reused = loaded.reused;
        let mut update = loaded.cache_update;
        let index = match mode {
            CacheMode::Read | CacheMode::ReadWrite => {
                let (index, answers) =
                    index::build_remembering(&self.config, loaded.notes, loaded.diagnostics, &loaded.links);
                if mode == CacheMode::ReadWrite && !answers.shards.is_empty() {
                    update.get_or_insert_default().add_links(&answers);
                }
                index
            }
            CacheMode::Off | CacheMode::Bypass => index::build(&self.config, loaded.notes, loaded.diagnostics),
        };
        if update.as_ref().is_some_and(|u| !u.is_empty()) {
            *self.pending_cache.borrow_mut() = update;
        }
        if self.verbosity == Verbosity::Verbose {
            eprintln!(
                "rolo: {} notes loaded in {} ms ({reused} from the cache), indexed in {} ms",
                index.notes_read,
                read.as_millis(),
                (started.elapsed() - read).as_millis()
            );
        }
        SessionIndex { index, free: self.long_running }
    }

    /// Writes the parse cache prepared by the last [`Session::index_with`] in `ReadWrite` mode.
    /// The cache only saves time, so failing to write it only earns a verbose note.
    pub fn save_cache(&self) {
        if let Some(update) = self.pending_cache.borrow_mut().take() {
            if let Err(e) = update.write(&self.config.vault) {
                if self.verbosity == Verbosity::Verbose {
                    eprintln!("rolo: could not write the cache: {e}");
                }
            }
        }
    }

    /// Finds one contact from what the user typed, or explains why not.
    pub fn resolve(&self, index: &Index, query: &str) -> Result<ContactId> {
        match index.find(query) {
            Resolution::Contact(id) => Ok(id),
            // A path that ends one contact's note and other notes: only the contact is one.
            Resolution::Ambiguous(ids) if ids.len() == 1 => Ok(ids[0]),
            Resolution::Ambiguous(ids) => {
                let names: Vec<String> =
                    ids.iter().map(|&i| format!("  {} ({})", index.contact(i).name, index.contact(i).path)).collect();
                bail!(Refused(format!(
                    "{} matches {} contacts; be more specific, or give the note's path (`People/Ana Ruiz`):\n{}",
                    quoted(query),
                    ids.len(),
                    names.join("\n")
                )))
            }
            Resolution::Note | Resolution::Missing if query.trim().is_empty() || query.chars().count() > QUOTED_MAX => {
                bail!(Refused(format!("no contact matches {}. Try `rolo list` for their names", quoted(query))))
            }
            // Adding a contact of that name would give two notes one name: links to it would
            // turn ambiguous.
            Resolution::Note | Resolution::Missing if index.resolve(query) == Resolution::Note => {
                bail!(Refused(format!(
                    "{query:?} is a note, but not a contact. To make it one, add `type: person` to its front matter (or move it into the people folder); `rolo list` shows the contacts"
                )))
            }
            Resolution::Note | Resolution::Missing => {
                bail!(Refused(format!("no contact matches {query:?}. Try `rolo list`, or `rolo add {query:?}`")))
            }
        }
    }

    /// Says on stderr what a command did (`rolo: logged in …`), unless `--quiet`.
    pub fn say(&self, message: impl std::fmt::Display) {
        if self.verbosity != Verbosity::Quiet {
            eprintln!("rolo: {message}");
        }
    }

    /// Prints diagnostics on stderr according to verbosity: errors always, warnings when verbose.
    pub fn report_problems(&self, diagnostics: &[Diagnostic]) {
        if self.verbosity == Verbosity::Quiet {
            return;
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        if self.verbosity == Verbosity::Verbose {
            diagnostics.iter().for_each(|d| eprintln!("{d}"));
        } else if errors > 0 && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            eprintln!("rolo: {errors} note(s) have problems; run `rolo check` to see them");
        }
    }
}

/// How much of a name the user typed an error message repeats.
const QUOTED_MAX: usize = 80;

/// What the user typed, quoted and escaped for a message, and cut short when it is long: an
/// argument can be as long as the system allows, and repeating it whole buries the message.
fn quoted(text: &str) -> String {
    if text.chars().count() <= QUOTED_MAX {
        return format!("{text:?}");
    }
    let start: String = text.chars().take(QUOTED_MAX).collect();
    format!("{start:?}… ({} characters)", text.chars().count())
}

/// The index a command works on. A one-shot command's process exits right after it, and
/// freeing a large vault's index piece by piece would only delay that (0.1 to 0.2 s at
/// 100,000 contacts), so the OS reclaims it at once; `watch` frees each pass's.
pub struct SessionIndex {
    index: Index,
    free: bool,
}

impl std::ops::Deref for SessionIndex {
    type Target = Index;

    fn deref(&self) -> &Index {
        &self.index
    }
}

impl Drop for SessionIndex {
    fn drop(&mut self) {
        if !self.free {
            // An empty index takes its place; its fields allocate nothing.
            std::mem::forget(std::mem::take(&mut self.index));
        }
    }
}

/// A command refused to act for a reason the user can fix (exit code 1, not 2).
#[derive(Debug)]
pub struct Refused(pub String);

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Refused {}

/// The exit code for an error: 1 when a command refused, 2 when rolo could not run.
pub fn exit_code_for(error: &anyhow::Error) -> u8 {
    use crate::edit::EditError;
    use crate::write::WriteError;
    let refused = error.chain().any(|e| {
        e.downcast_ref::<Refused>().is_some()
            || e.downcast_ref::<EditError>().is_some_and(EditError::is_refusal)
            || e.downcast_ref::<WriteError>().is_some_and(|e| match e {
                WriteError::File(e) => e.is_refusal(),
                WriteError::FileOutsideVault { .. } => true,
                _ => false,
            })
    });
    if refused {
        exit::PROBLEMS
    } else {
        exit::FAILURE
    }
}

/// The vault: `--vault`/`ROLO_VAULT`, else the nearest ancestor holding `.rolo.toml`, else here.
pub fn find_vault(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        if !dir.is_dir() {
            bail!("the vault {} is not a folder. Check --vault or ROLO_VAULT", dir.display());
        }
        return Ok(dir.to_path_buf());
    }
    let here = std::env::current_dir().context("cannot read the current folder")?;
    let found = here.ancestors().find(|dir| dir.join(CONFIG_FILE).is_file());
    Ok(found.unwrap_or(&here).to_path_buf())
}

/// What `rolo init` works on: its DIR, else the vault named by `--vault` or `ROLO_VAULT` (as
/// for every other command), else the current folder.
fn init_target(args: &crate::cli::InitArgs, vault: Option<&Path>) -> crate::cli::InitArgs {
    crate::cli::InitArgs { dir: args.dir.clone().or_else(|| vault.map(Path::to_path_buf)) }
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    // Commands that need no vault.
    match &cli.command {
        Command::Completions(args) => return shell::completions(args.shell),
        Command::Man => return shell::man(),
        Command::Init(args) => return setup::init(&init_target(args, cli.vault.as_deref()), cli.quiet),
        _ => {}
    }
    let session = Session::open(&cli)?;
    match cli.command {
        Command::Completions(_) | Command::Man | Command::Init(_) => Ok(exit::SUCCESS),
        Command::Hook(command) => setup::hook(&session, &command),
        Command::Watch(args) => watch::watch(&session, &args),
        Command::Import(args) => import::import(&session, &args),
        Command::Export(args) => export::export(&session, &args),
        Command::Graph(args) => graph::graph(&session, &args),
        Command::Check(args) => check::check(&session, args.json),
        Command::List(args) => browse::list(&session, &args),
        Command::Show(args) => browse::show(&session, &args),
        Command::Overdue(args) => reports::overdue(&session, &args),
        Command::Next(args) => reports::next(&session, args.count),
        Command::Audit(args) => reports::audit(&session, args.json),
        Command::Intros(args) => reports::intros(&session, &args),
        Command::Report(args) => reports::report(&session, &args),
        Command::Who(args) => browse::who(&session, &args),
        Command::Log(args) => capture::log(&session, &args),
        Command::Add(args) => capture::add(&session, &args),
        Command::Promise(args) => capture::promise(&session, &args),
        Command::Done(args) => capture::done(&session, &args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::EditError;
    use crate::write::WriteError;

    #[test]
    fn refusals_exit_1_however_they_are_wrapped_and_failures_exit_2() {
        let changed = || EditError::ChangedOnDisk { path: "People/Ana.md".into() };
        let outside = WriteError::FileOutsideVault { path: "People/Ana.md".into(), target: "/elsewhere/Ana.md".into() };
        for refused in [
            anyhow::Error::from(Refused("no".into())),
            anyhow::Error::from(changed()),
            anyhow::Error::from(WriteError::File(changed())).context("logging"),
            anyhow::Error::from(outside),
        ] {
            assert_eq!(exit_code_for(&refused), exit::PROBLEMS, "{refused:#}");
        }
        assert_eq!(exit_code_for(&anyhow::anyhow!("disk full")), exit::FAILURE);
    }
}
