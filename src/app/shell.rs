//! `rolo completions` and `rolo man` (being written).

use crate::cli::Shell;
use anyhow::{bail, Result};

/// Prints completions for a shell.
pub fn completions(_shell: Shell) -> Result<u8> {
    bail!("rolo completions is not available yet")
}

/// Prints the man page.
pub fn man() -> Result<u8> {
    bail!("rolo man is not available yet")
}
