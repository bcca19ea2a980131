//! `rolo init` and `rolo hook` (being written).

use super::Session;
use crate::cli::{HookCommand, InitArgs};
use anyhow::{bail, Result};

/// Runs `rolo init`.
pub fn init(_args: &InitArgs) -> Result<u8> {
    bail!("rolo init is not available yet")
}

/// Runs `rolo hook`.
pub fn hook(_session: &Session, _command: &HookCommand) -> Result<u8> {
    bail!("rolo hook is not available yet")
}
