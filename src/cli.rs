//! The command-line interface: clap definitions and nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const ABOUT: &str =
    "A personal CRM over a folder of Markdown notes: who to reach out to, promises to keep, people to introduce.";

const AFTER_HELP: &str = "\
Examples:
  rolo check                         find problems in your notes (for git hooks and CI)
  rolo overdue --within 7            who to reach out to now, and in the next week
  rolo next 3                        the top three, one line each (for a shell greeting)
  rolo log \"Ana\" --via coffee \"talked about her move to Lisbon\"
  rolo report                        write Overdue.md, Audit.md and Introductions.md
  rolo --vault ~/notes --today 2026-11-24 audit --json

Exit codes: 0 success; 1 problems found (check) or a command refused (ambiguous name,
note changed on disk); 2 rolo could not run (no vault, bad config, bad arguments).";

/// Where the global options come in `--help`: after a command's own options, which are what
/// its help is read for (clap would otherwise interleave the two lists).
const GLOBAL_ORDER: usize = 900;

/// Parses `--vault` or `ROLO_VAULT` as any path the OS allows (not only UTF-8). An empty value
/// (often an exported but unset variable) is refused with both names, since the user may not
/// have typed `--vault` at all.
fn vault_folder() -> impl clap::builder::TypedValueParser<Value = PathBuf> {
    use clap::builder::TypedValueParser;
    clap::builder::OsStringValueParser::new().try_map(|text| {
        if text.is_empty() {
            return Err("the vault folder is empty: name a folder, or unset ROLO_VAULT to use the current one");
        }
        Ok(PathBuf::from(text))
    })
}

/// rolo's command line.
#[derive(Debug, Parser)]
#[command(name = "rolo", version, about = ABOUT, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// The vault folder [default: nearest ancestor holding .rolo.toml, else the current folder]
    #[arg(long, global = true, env = "ROLO_VAULT", value_name = "DIR", display_order = GLOBAL_ORDER, value_parser = vault_folder())]
    pub vault: Option<PathBuf>,

    /// Fix "today" (YYYY-MM-DD) so results are reproducible [default: the local date]
    #[arg(long, global = true, env = "ROLO_TODAY", value_name = "YYYY-MM-DD", display_order = GLOBAL_ORDER + 1)]
    pub today: Option<String>,

    /// Print only errors
    #[arg(long, short, global = true, conflicts_with = "verbose", display_order = GLOBAL_ORDER + 2)]
    pub quiet: bool,

    /// Also print warnings and what was read
    #[arg(long, short, global = true, display_order = GLOBAL_ORDER + 3)]
    pub verbose: bool,

    /// Read and parse every note, ignoring the cache in .rolo/cache (ROLO_NO_CACHE=1 too)
    // Falsey parsing: the variable takes 1/yes/true/on (and 0/no/false/off, or empty, to
    // turn it off); clap's default for flags would accept only `true` and `false`.
    #[arg(long, global = true, env = "ROLO_NO_CACHE", display_order = GLOBAL_ORDER + 4, value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,

    /// The command to run
    #[command(subcommand)]
    pub command: Command,
}

/// Every command.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read every note and list problems as path:line:col: severity: message
    #[command(
        after_help = "Examples:\n  rolo check\n  rolo check --json | jq '.[] | select(.severity == \"error\")'\n\nExit 0 when there are no errors (warnings allowed), 1 when there are errors."
    )]
    Check(JsonFlag),
    /// List contacts with circle, cadence, last contact and next due date
    #[command(after_help = "Examples:\n  rolo list\n  rolo list --circle clients\n  rolo list --tag investor --json")]
    List(ListArgs),
    /// Show one contact: fields, interactions, promises, who introduced them, links
    #[command(
        after_help = "Examples:\n  rolo show ana          (name, alias or unambiguous prefix; case and accents ignored)\n  rolo show \"Ana Ruiz\" --json"
    )]
    Show(ShowArgs),
    /// Who is due for contact, most urgent first, with a reason and a channel
    #[command(after_help = "Examples:\n  rolo overdue\n  rolo overdue --within 14 --limit 10\n  rolo overdue --json")]
    Overdue(OverdueArgs),
    /// The top N overdue contacts as short lines, for a shell greeting
    #[command(after_help = "Examples:\n  rolo next\n  rolo next 3")]
    Next(NextArgs),
    /// The six-monthly review: unsorted, new, dormant, drifting, one-sided, duplicates...
    #[command(after_help = "Examples:\n  rolo audit\n  rolo audit --json")]
    Audit(JsonFlag),
    /// Suggested introductions between contacts who should meet
    #[command(after_help = "Examples:\n  rolo intros\n  rolo intros --limit 5 --json")]
    Intros(IntrosArgs),
    /// Write the reports (Overdue.md, Audit.md, Introductions.md) into the reports folder
    #[command(
        after_help = "Examples:\n  rolo report             (all three)\n  rolo report audit\n  rolo report --dry-run   (show what would change, write nothing)\n\nA report whose content did not change is not rewritten."
    )]
    Report(ReportArgs),
    /// Who cares about a topic: ranked matches in interests, needs, offers, tags, role, notes
    #[command(after_help = "Examples:\n  rolo who climbing\n  rolo who \"angel investing\" --json")]
    Who(WhoArgs),
    /// Log a touch in a contact's note (## Log section)
    #[command(
        after_help = "Examples:\n  rolo log ana --via coffee \"talked about her move to Lisbon\"\n  rolo log ben --in --via email \"asked for the deck\"\n  rolo log ana --intro ben \"you both work on climate fintech\"\n  rolo log ana --date 2026-11-20 --dry-run \"call\""
    )]
    Log(LogArgs),
    /// Create a contact note from the contact template
    #[command(
        after_help = "Examples:\n  rolo add \"Ana Ruiz\" --circle clients --company Acme --email ana@acme.test\n  rolo add \"Priya Natarajan\" --met 2026-11-20 --met-at \"climate meetup\" --introduced-by ana"
    )]
    Add(AddArgs),
    /// Record a promise (an open task) in a contact's note
    #[command(
        after_help = "Examples:\n  rolo promise ana \"send the deck\" --due 2026-12-01\n  rolo promise ben --they-owe \"intro to their CFO\""
    )]
    Promise(PromiseArgs),
    /// Tick a promise and log the follow-up
    #[command(
        after_help = "Examples:\n  rolo done ana              (the only open promise)\n  rolo done ana \"send the\"   (the open promise starting with this text)"
    )]
    Done(DoneArgs),
    /// Make a folder a rolo vault: a commented .rolo.toml, People/ and Reports/
    #[command(
        after_help = "Examples:\n  rolo init              (the current folder, or the one --vault or ROLO_VAULT names)\n  rolo init ~/notes      (an existing Obsidian vault: no note is touched)"
    )]
    Init(InitArgs),
    /// Install or remove the git pre-commit hook that keeps reports current
    #[command(
        subcommand,
        after_help = "Examples:\n  rolo hook install\n  rolo hook install --force\n  rolo hook uninstall"
    )]
    Hook(HookCommand),
    /// Regenerate the reports whenever a note changes, and when the day changes
    #[command(
        after_help = "Examples:\n  rolo watch\n  rolo watch --debounce-ms 2000\n\nAt local midnight the reports are computed again for the new day, unless --today\n(or ROLO_TODAY) pins the date."
    )]
    Watch(WatchArgs),
    /// Bring in contacts from LinkedIn, vCard or CSV exports
    #[command(
        after_help = "Examples:\n  rolo import linkedin Connections.csv --dry-run\n  rolo import vcard contacts.vcf\n  rolo import csv google.csv\n  rolo import csv people.csv --map 'name=Full Name,email=Mail,company=Org'\n\nExisting contacts (matched by email, profile URL, name or alias) only get fields they\nlack; nothing you wrote is overwritten. Importing the same file twice changes nothing."
    )]
    Import(ImportArgs),
    /// Export reminders (iCalendar) or the whole index (JSON, CSV)
    #[command(
        after_help = "Examples:\n  rolo export ics --out rolo.ics\n  rolo export json | jq '.contacts[0]'\n  rolo export csv --out contacts.csv"
    )]
    Export(ExportArgs),
    /// A Mermaid graph of who knows whom, written into a Markdown note
    #[command(
        after_help = "Examples:\n  rolo graph --circle clients\n  rolo graph --around ana --depth 2 --out Reports/Ana.md"
    )]
    Graph(GraphArgs),
    /// Print shell completions
    #[command(
        after_help = "Examples:\n  rolo completions bash > ~/.local/share/bash-completion/completions/rolo\n  rolo completions zsh > ~/.zfunc/_rolo\n  rolo completions fish > ~/.config/fish/completions/rolo.fish"
    )]
    Completions(CompletionsArgs),
    /// Print the man page (roff)
    #[command(after_help = "Examples:\n  rolo man > ~/.local/share/man/man1/rolo.1")]
    Man,
}

/// `--json` alone.
#[derive(Debug, Args)]
pub struct JsonFlag {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `rolo list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only contacts in this circle
    #[arg(long, value_name = "CIRCLE")]
    pub circle: Option<String>,
    /// Only contacts with this tag
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `rolo show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Name, alias or unambiguous prefix
    pub name: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `rolo overdue`.
#[derive(Debug, Args)]
pub struct OverdueArgs {
    /// Also list contacts due in the next DAYS days (at most 36500)
    #[arg(long, value_name = "DAYS", default_value_t = 0, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(..=36_500))]
    pub within: u32,
    /// Show at most N contacts (at least 1)
    #[arg(long, value_name = "N", allow_negative_numbers = true, value_parser = at_least_one)]
    pub limit: Option<usize>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// Parses a `--limit`: a count of at least 1. A limit of 0 would show nothing and then say
/// there was nothing to show ("Nobody is due"), which is not true.
fn at_least_one(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(0) => Err("0 would show nothing: give at least 1".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a count: give a whole number of at least 1")),
    }
}

/// `rolo next`.
#[derive(Debug, Args)]
pub struct NextArgs {
    /// How many
    #[arg(default_value_t = 5)]
    pub count: usize,
}

/// `rolo intros`.
#[derive(Debug, Args)]
pub struct IntrosArgs {
    /// Show at most N suggestions (at least 1)
    #[arg(long, value_name = "N", default_value_t = 20, allow_negative_numbers = true, value_parser = at_least_one)]
    pub limit: usize,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// Which report to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// Overdue.md
    Overdue,
    /// Audit.md
    Audit,
    /// Introductions.md
    Intros,
    /// All three
    All,
}

/// `rolo report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which report
    #[arg(value_enum, default_value_t = ReportKind::All)]
    pub kind: ReportKind,
    /// Print what would change; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `rolo who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// The topic: a word or phrase
    #[arg(required = true, num_args = 1..)]
    pub topic: Vec<String>,
    /// Show at most N contacts (at least 1)
    #[arg(long, value_name = "N", default_value_t = 20, allow_negative_numbers = true, value_parser = at_least_one)]
    pub limit: usize,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `rolo log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Name, alias or unambiguous prefix
    pub name: String,
    /// What happened
    #[arg(required = true, num_args = 1..)]
    pub message: Vec<String>,
    /// The channel: email, call, coffee, note, social, meeting...
    #[arg(long, value_name = "CHANNEL")]
    pub via: Option<String>,
    /// They reached out to you
    #[arg(long = "in")]
    pub incoming: bool,
    /// When [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// You introduced NAME and OTHER: the entry goes into both logs, tagged #intro
    #[arg(long, value_name = "OTHER")]
    pub intro: Option<String>,
    /// Print the diff; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `rolo add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The person's full name (also the file name)
    pub name: String,
    /// Circle
    #[arg(long)]
    pub circle: Option<String>,
    /// Cadence: 30d, 6w, 3m, 1y, monthly...
    #[arg(long)]
    pub cadence: Option<String>,
    /// Company
    #[arg(long)]
    pub company: Option<String>,
    /// Role
    #[arg(long)]
    pub role: Option<String>,
    /// Email (repeatable)
    #[arg(long)]
    pub email: Vec<String>,
    /// Phone (repeatable)
    #[arg(long)]
    pub phone: Vec<String>,
    /// City
    #[arg(long)]
    pub city: Option<String>,
    /// When you met (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub met: Option<String>,
    /// Where or how you met
    #[arg(long, value_name = "TEXT")]
    pub met_at: Option<String>,
    /// Who introduced you (a contact)
    #[arg(long, value_name = "NAME")]
    pub introduced_by: Option<String>,
    /// Tag (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Print the note; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `rolo promise`.
#[derive(Debug, Args)]
pub struct PromiseArgs {
    /// Name, alias or unambiguous prefix
    pub name: String,
    /// What was promised
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    /// Due date (YYYY-MM-DD)
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub due: Option<String>,
    /// They promised it to you (written as "owes me:")
    #[arg(long)]
    pub they_owe: bool,
    /// Print the diff; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `rolo done`.
#[derive(Debug, Args)]
pub struct DoneArgs {
    /// Name, alias or unambiguous prefix
    pub name: String,
    /// The start of the promise's text, when there are several
    #[arg(num_args = 0..)]
    pub prefix: Vec<String>,
    /// The channel of the follow-up, for the log entry
    #[arg(long, value_name = "CHANNEL")]
    pub via: Option<String>,
    /// Print the diff; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// `rolo init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder [default: --vault or ROLO_VAULT, else the current folder]
    pub dir: Option<std::path::PathBuf>,
}

/// `rolo hook ...`.
#[derive(Debug, Subcommand)]
pub enum HookCommand {
    /// Install the pre-commit hook in the vault's git repository
    #[command(
        after_help = "Examples:\n  rolo hook install\n  rolo hook install --force   (keep and call an existing hook)"
    )]
    Install {
        /// Replace an existing hook that is not rolo's (it is kept and still called)
        #[arg(long)]
        force: bool,
    },
    /// Remove what `rolo hook install` installed
    #[command(after_help = "Examples:\n  rolo hook uninstall   (restores the hook that --force replaced, if any)")]
    Uninstall,
}

/// `rolo watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Wait this long after the last change before regenerating
    #[arg(long, value_name = "MS", default_value_t = 500)]
    pub debounce_ms: u64,
}

/// What `rolo import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// LinkedIn's Connections.csv
    Linkedin,
    /// vCard 2.1, 3.0 or 4.0 (.vcf)
    Vcard,
    /// Google Contacts CSV, or any CSV with --map
    Csv,
}

/// `rolo import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The format of FILE
    #[arg(value_enum)]
    pub format: ImportFormat,
    /// The exported file
    pub file: std::path::PathBuf,
    /// CSV column mapping, e.g. 'name=Full Name,email=E-mail 1 - Value'
    #[arg(long, value_name = "SPEC")]
    pub map: Option<String>,
    /// Tag every imported contact (repeatable)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Show what would be created or updated; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// What `rolo export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// iCalendar reminders: next due dates, promise due dates, birthdays
    Ics,
    /// The whole index as JSON
    Json,
    /// One row per contact
    Csv,
}

/// `rolo export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The format
    #[arg(value_enum)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// `rolo graph`.
#[derive(Debug, Args)]
pub struct GraphArgs {
    /// Only contacts in this circle
    #[arg(long, value_name = "CIRCLE")]
    pub circle: Option<String>,
    /// Only the people around this contact (not with --circle)
    #[arg(long, value_name = "NAME", conflicts_with = "circle")]
    pub around: Option<String>,
    /// How many steps from --around [default: 2]
    // An Option, not a default value: clap checks `requires` only for values given, and drops
    // it when a conflicting argument is present, hence the explicit conflict with --circle.
    #[arg(long, value_name = "N", requires = "around", conflicts_with = "circle")]
    pub depth: Option<usize>,
    /// Write the note to FILE (inside the vault) instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
}

/// `rolo completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Shells with completions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash
    Bash,
    /// Zsh
    Zsh,
    /// Fish
    Fish,
    /// PowerShell
    Powershell,
    /// Elvish
    Elvish,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
