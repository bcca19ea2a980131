//! `rolo export` (being written).

use super::Session;
use crate::cli::ExportArgs;
use anyhow::{bail, Result};

/// Runs `rolo export`.
pub fn export(_session: &Session, _args: &ExportArgs) -> Result<u8> {
    bail!("rolo export is not available yet")
}
