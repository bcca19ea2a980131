//! `rolo completions` and `rolo man`: generated from the clap definitions, so they never drift.

use crate::cli::{Cli, Shell};
use crate::exit;
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::Write;

/// Prints completions for a shell.
pub fn completions(shell: Shell) -> Result<u8> {
    let generator = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
        Shell::Elvish => clap_complete::Shell::Elvish,
    };
    let mut buffer = Vec::new();
    clap_complete::generate(generator, &mut Cli::command(), "rolo", &mut buffer);
    print_bytes(&buffer)
}

/// Prints the man page (roff).
pub fn man() -> Result<u8> {
    let mut buffer = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buffer).context("cannot render the man page")?;
    print_bytes(title_first(&String::from_utf8_lossy(&buffer)).as_bytes())
}

/// Moves the `.TH` line to the top: roff's string definitions (for quotes) may follow it, and
/// tools that sniff man pages expect it first.
fn title_first(page: &str) -> String {
    let Some(title) = page.lines().find(|l| l.starts_with(".TH ")) else {
        return page.to_string();
    };
    let mut out = format!("{title}\n");
    for line in page.lines().filter(|l| *l != title) {
        out.push_str(line);
        out.push('\n');
    }
    out
}

fn print_bytes(bytes: &[u8]) -> Result<u8> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes).and_then(|()| out.flush()).context("cannot write to standard output")?;
    Ok(exit::SUCCESS)
}
