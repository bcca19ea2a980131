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

/// rolo's command line.
#[derive(Debug, Parser)]
#[command(name = "rolo", version, about = ABOUT, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// The vault folder [default: nearest ancestor holding .rolo.toml, else the current folder]
    #[arg(long, global = true, env = "ROLO_VAULT", value_name = "DIR")]
    pub vault: Option<PathBuf>,

    /// Fix "today" (YYYY-MM-DD) so results are reproducible [default: the local date]
    #[arg(long, global = true, env = "ROLO_TODAY", value_name = "YYYY-MM-DD")]
    pub today: Option<String>,

    /// Print only errors
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,

    /// Also print warnings and what was read
    #[arg(long, short, global = true)]
    pub verbose: bool,

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
    /// Also list contacts due in the next DAYS days
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    pub within: u32,
    /// Show at most N contacts
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
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
    /// Show at most N suggestions
    #[arg(long, value_name = "N", default_value_t = 20)]
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
    /// Show at most N contacts
    #[arg(long, value_name = "N", default_value_t = 20)]
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
