//! `rolo graph` (being written).

use super::Session;
use crate::cli::GraphArgs;
use anyhow::{bail, Result};

/// Runs `rolo graph`.
pub fn graph(_session: &Session, _args: &GraphArgs) -> Result<u8> {
    bail!("rolo graph is not available yet")
}
