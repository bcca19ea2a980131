//! `rolo graph`: a Mermaid picture of who knows whom, as a Markdown note.

use super::{Refused, Session};
use crate::analysis::graph::{network, Selection};
use crate::cli::GraphArgs;
use crate::exit;
use crate::render::{views::GraphReport, Renderer};
use crate::write::{self, Outcome, WriteError};
use anyhow::{bail, Context, Result};
use std::path::{Component, Path, PathBuf};

/// Above this many people an unfiltered graph is unreadable: ask for --circle or --around.
const MAX_UNFILTERED: usize = 60;

/// How many steps from `--around` the graph reaches when `--depth` is not given.
const DEFAULT_DEPTH: usize = 2;

/// Runs `rolo graph`.
pub fn graph(session: &Session, args: &GraphArgs) -> Result<u8> {
    let index = session.index();
    let (selection, title) = match (&args.around, &args.circle) {
        (Some(name), _) => {
            let id = session.resolve(&index, name)?;
            (Selection::Around(id, args.depth.unwrap_or(DEFAULT_DEPTH)), format!("Around {}", index.contact(id).name))
        }
        (None, Some(circle)) => (Selection::Circle(circle.clone()), format!("Circle: {circle}")),
        (None, None) if index.contacts.len() > MAX_UNFILTERED => bail!(Refused(format!(
            "{} contacts are too many for one picture: use --circle NAME or --around NAME",
            index.contacts.len()
        ))),
        (None, None) => (Selection::All, "Network".to_string()),
    };
    let network = network(&index, &selection);
    if network.people.is_empty() {
        bail!(Refused(match &args.circle {
            Some(circle) =>
                format!("nobody matches: no contact is in the circle {circle:?}; check its name with `rolo list`"),
            None => "the vault has no contacts to draw yet: add one with `rolo add \"NAME\"`".to_string(),
        }));
    }
    let renderer = Renderer::new(&session.config.vault).with_links(index.contact_links());
    let note = renderer.render("graph.md.j2", GraphReport { title, network: &network })?;
    match &args.out {
        None => print!("{note}"),
        Some(out) => {
            let path = inside_vault(&session.config.vault, out)?;
            if path.is_dir() {
                bail!(Refused(format!(
                    "--out {} is a folder; give a file name, e.g. {}/Network.md",
                    out.display(),
                    out.display()
                )));
            }
            match write::write_generated_note(&session.config.vault, &path, "graph", &note) {
                Ok(Outcome::Written) => session.say(format!("wrote {}", out.display())),
                Ok(_) => {}
                // Refusals the user can act on: pick another --out.
                Err(WriteError::NotGenerated { .. }) => bail!(Refused(format!(
                    "--out {} already exists and is not a graph rolo generated (its front matter lacks `generated_by: rolo` and `report: graph`); nothing was written. Choose another path, e.g. Reports/Network.md, or delete or rename that file first",
                    out.display()
                ))),
                Err(WriteError::FileOutsideVault { target, .. }) => bail!(Refused(format!(
                    "--out {} leads outside the vault ({}) through a symbolic link; nothing was written. Give a path inside the vault, e.g. Reports/Network.md",
                    out.display(),
                    target.display()
                ))),
                Err(e) => return Err(e).with_context(|| format!("cannot write {}", out.display())),
            }
        }
    }
    Ok(exit::SUCCESS)
}

/// Resolves `--out` against the vault and refuses paths that leave it.
fn inside_vault(vault: &Path, out: &Path) -> Result<PathBuf> {
    let relative = if out.is_absolute() { relative_to_vault(vault, out) } else { out };
    if relative.is_absolute() || relative.components().any(|c| matches!(c, Component::ParentDir)) {
        bail!(Refused(format!(
            "--out {} is outside the vault; give a path inside it, e.g. Reports/Network.md",
            out.display()
        )));
    }
    Ok(vault.join(relative))
}

/// An absolute `--out` as a path inside the vault, whichever way the vault was named: as given
/// (possibly relative to the current folder), made absolute, or with symbolic links resolved.
/// Returns `out` itself when it lies in none of them.
fn relative_to_vault<'a>(vault: &Path, out: &'a Path) -> &'a Path {
    let spellings = [Some(vault.to_path_buf()), std::path::absolute(vault).ok(), vault.canonicalize().ok()];
    spellings.into_iter().flatten().find_map(|root| out.strip_prefix(root).ok()).unwrap_or(out)
}
