//! The `rolo` binary: parse arguments, run the command, print errors once, exit with a code
//! scripts can rely on.

use clap::Parser;
use std::process::ExitCode;

// Parsing a vault makes many small allocations from two threads; mimalloc handles that
// pattern markedly better than the system allocator (measured in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    rolo::app::quit_quietly_when_stdout_closes();
    let cli = rolo::cli::Cli::parse();
    match rolo::app::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) if rolo::app::stdout_closed(&error) => ExitCode::from(rolo::exit::FAILURE),
        Err(error) => {
            eprintln!("rolo: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(rolo::app::exit_code_for(&error))
        }
    }
}
