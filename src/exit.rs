//! Exit codes, named once: scripts and git hooks rely on them.

/// Everything worked (warnings allowed).
pub const SUCCESS: u8 = 0;
/// `check` found errors, or a command refused to act (ambiguous name, changed note).
pub const PROBLEMS: u8 = 1;
/// rolo could not run: no such vault, unreadable config, bad arguments.
pub const FAILURE: u8 = 2;
