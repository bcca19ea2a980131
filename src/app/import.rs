//! `rolo import` (being written).

use super::Session;
use crate::cli::ImportArgs;
use anyhow::{bail, Result};

/// Runs `rolo import`.
pub fn import(_session: &Session, _args: &ImportArgs) -> Result<u8> {
    bail!("rolo import is not available yet")
}
