//! `rolo watch` (being written).

use super::Session;
use crate::cli::WatchArgs;
use anyhow::{bail, Result};

/// Runs `rolo watch`.
pub fn watch(_session: &Session, _args: &WatchArgs) -> Result<u8> {
    bail!("rolo watch is not available yet")
}
