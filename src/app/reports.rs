//! The three analyses in the terminal (`overdue`, `next`, `audit`, `intros`) and written into
//! the vault (`report`).

use super::output::{cell, print_json, table};
use super::{actions, Session, Verbosity};
use crate::analysis::{audit::Audit, overdue::OverdueRow};
use crate::cli::{IntrosArgs, OverdueArgs, ReportArgs, ReportKind};
use crate::config::Config;
use crate::index::Index;
use crate::note::tasks::Direction;
use crate::render::views::{AuditReport, Graph, IntrosReport, OverdueReport, PromisedIntro};
use crate::render::{checklist, lazy::Table, Renderer};
use crate::vault::CacheMode;
use crate::write::{self, Outcome};
use crate::{analysis, exit};
use anyhow::Result;
use chrono::NaiveDate;
use std::collections::HashSet;
use std::time::{Duration, Instant};

/// `rolo overdue`.
pub fn overdue(session: &Session, args: &OverdueArgs) -> Result<u8> {
    let index = session.index();
    session.report_problems(&index.diagnostics);
    let mut rows = analysis::overdue::overdue(&index, &session.config, session.today, args.within);
    if let Some(limit) = args.limit {
        rows.truncate(limit);
    }
    if args.json {
        print_json(&rows)?;
        return Ok(exit::SUCCESS);
    }
    if rows.is_empty() {
        match args.within {
            0 => println!("Nobody is due as of {}.", session.today),
            days => println!("Nobody is due as of {} or within {days} days after.", session.today),
        }
        return Ok(exit::SUCCESS);
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                cell(r.circle.as_ref()),
                r.cadence.clone(),
                cell(r.last_contact),
                late(r),
                cell(r.suggested_channel.as_ref()),
                r.reasons.first().cloned().unwrap_or_default(),
            ]
        })
        .collect();
    print!("{}", table(&["NAME", "CIRCLE", "CADENCE", "LAST CONTACT", "LATE", "TRY", "WHY NOW"], &cells));
    Ok(exit::SUCCESS)
}

fn late(row: &OverdueRow) -> String {
    if row.days_overdue >= 0 {
        format!("{} d", row.days_overdue)
    } else {
        format!("in {} d", -row.days_overdue)
    }
}

/// `rolo next N`: short lines for a shell greeting.
pub fn next(session: &Session, count: usize) -> Result<u8> {
    let index = session.index();
    let rows = analysis::overdue::overdue(&index, &session.config, session.today, 0);
    for r in rows.iter().take(count) {
        let how = r.suggested_channel.as_deref().map(|c| format!(" via {c}")).unwrap_or_default();
        let why = r.reasons.first().map(|w| format!(": {w}")).unwrap_or_default();
        println!("{} ({} late){how}{why}", r.name, late(r));
    }
    Ok(exit::SUCCESS)
}

/// `rolo audit`.
pub fn audit(session: &Session, json: bool) -> Result<u8> {
    let index = session.index();
    session.report_problems(&index.diagnostics);
    let audit = analysis::audit::audit(&index, &session.config, session.today);
    if json {
        print_json(&audit)?;
    } else {
        print!("{}", audit_text(&audit));
    }
    Ok(exit::SUCCESS)
}

fn audit_text(audit: &Audit) -> String {
    let sections = [
        ("Invalid notes", &audit.invalid),
        ("Unsorted", &audit.unsorted),
        ("New", &audit.new),
        ("Dormant", &audit.dormant),
        ("Drifting", &audit.drifting),
        ("One-sided", &audit.non_reciprocal),
        ("Possible duplicates", &audit.duplicates),
        ("Broken links", &audit.broken_links),
        ("Owed to you", &audit.owed_to_you),
        ("Who should be added", &audit.to_add),
    ];
    let mut out = String::new();
    for (title, items) in sections {
        out.push_str(&format!("{title} ({})\n", items.len()));
        for i in items {
            let at = i.line.map(|line| format!(" ({}:{line})", i.path)).unwrap_or_default();
            out.push_str(&format!("  {}: {}{at}\n", i.name, i.fact));
        }
    }
    out.push_str("Balance (active contacts, interactions in the period)\n");
    for b in &audit.balance {
        out.push_str(&format!("  {}: {}, {}\n", b.name, b.contacts, b.interactions));
    }
    out
}

/// `rolo intros`.
pub fn intros(session: &Session, args: &IntrosArgs) -> Result<u8> {
    let index = session.index();
    session.report_problems(&index.diagnostics);
    let intros = analysis::intros::intros(&index, &session.config, session.today, args.limit);
    if args.json {
        print_json(&intros)?;
    } else if intros.is_empty() {
        println!("No introductions to suggest: add needs, offers and interests to your contacts.");
    } else {
        for i in &intros {
            println!("{} + {}  ({})", i.a, i.b, i.score);
            for r in i.reasons.iter().chain(&i.familiarity) {
                println!("    {r}");
            }
        }
    }
    Ok(exit::SUCCESS)
}

fn promised_intros(index: &Index) -> Vec<PromisedIntro> {
    let mut promised: Vec<PromisedIntro> = index
        .contacts
        .iter()
        .flat_map(|c| {
            index.promises[c.id]
                .iter()
                .filter(|p| {
                    !p.done
                        && p.direction == Direction::IOwe
                        && crate::text::words(&p.text)
                            .iter()
                            .any(|w| matches!(w.as_str(), "intro" | "introduce" | "introduction"))
                })
                .map(|p| PromisedIntro {
                    name: c.name.clone(),
                    contact_path: c.path.clone(),
                    text: p.text.clone(),
                    due: p.due,
                    path: p.path.to_string(),
                    line: p.line,
                })
        })
        .collect();
    promised.sort_by(|a, b| (a.due.is_none(), a.due, &a.name).cmp(&(b.due.is_none(), b.due, &b.name)));
    promised
}

/// The number of introductions the report suggests.
const REPORT_INTROS: usize = 15;

/// One report, rendered.
pub struct Rendered {
    /// Its file name in the reports folder.
    pub file: &'static str,
    /// Its full text.
    pub content: String,
    /// How long analysing and rendering it took (shown with `--verbose`).
    pub took: Duration,
}

/// Renders the chosen reports. The three analyses are independent, so they run side by side.
/// `old_audit` is the `Audit.md` now on disk, whose ticks and notes the new one keeps, but for
/// the ticks of the `settled` items, carried out since it was read.
pub fn render_reports(
    session: &Session,
    index: &Index,
    kind: ReportKind,
    old_audit: Option<&str>,
    settled: &HashSet<String>,
) -> Result<Vec<Rendered>> {
    let renderer = Renderer::new(&session.config.vault).with_links(index.contact_links());
    let (config, today) = (&session.config, session.today);
    let wants = |k: ReportKind| kind == k || kind == ReportKind::All;
    let timed = |file: &'static str, make: &(dyn Fn() -> Result<String> + Sync)| {
        let started = Instant::now();
        make().map(|content| Rendered { file, content, took: started.elapsed() })
    };
    // Every report sorts by name: ranked once, here, before the reports run side by side
    // (see Index::name_ranks).
    index.name_ranks();
    // The audit takes longest: started first, the two others run beside it.
    let (audit, (overdue, intros)) = rayon::join(
        || {
            wants(ReportKind::Audit)
                .then(|| timed("Audit.md", &|| audit_report(config, today, index, &renderer, old_audit, settled)))
        },
        || {
            rayon::join(
                || {
                    wants(ReportKind::Overdue)
                        .then(|| timed("Overdue.md", &|| overdue_report(config, today, index, &renderer)))
                },
                || {
                    wants(ReportKind::Intros)
                        .then(|| timed("Introductions.md", &|| intros_report(config, today, index, &renderer)))
                },
            )
        },
    );
    [overdue, audit, intros].into_iter().flatten().collect()
}

fn overdue_report(config: &Config, today: NaiveDate, index: &Index, renderer: &Renderer) -> Result<String> {
    let rows = Table::new(analysis::overdue::overdue(index, config, today, 0));
    Ok(renderer.render("overdue.md.j2", OverdueReport { today, rows })?)
}

fn audit_report(
    config: &Config,
    today: NaiveDate,
    index: &Index,
    renderer: &Renderer,
    old_audit: Option<&str>,
    settled: &HashSet<String>,
) -> Result<String> {
    let audit = analysis::audit::audit(index, config, today);
    let data = |audit: Audit| AuditReport {
        today,
        audit: audit.map_sections(Table::new),
        period_days: config.audit.period_days,
        new_days: config.audit.new_days,
    };
    let fresh = renderer.render("audit.md.j2", data(audit))?;
    let Some(old) = old_audit else { return Ok(fresh) };
    // Every fixed line the template can write: with an item in every section, and with none.
    let mut known = renderer.render("audit.md.j2", data(Audit::placeholder()))?;
    known.push_str(&renderer.render("audit.md.j2", data(Audit::default()))?);
    Ok(checklist::carry_over(old, &fresh, &known, settled))
}

fn intros_report(config: &Config, today: NaiveDate, index: &Index, renderer: &Renderer) -> Result<String> {
    let intros = analysis::intros::intros(index, config, today, REPORT_INTROS);
    let view =
        IntrosReport { today, intros: &intros, graph: Graph::of_intros(&intros), promised: promised_intros(index) };
    Ok(renderer.render("intros.md.j2", view)?)
}

/// Carries out the items ticked in `old_audit` (see [`actions`]), once the chosen reports
/// rendered without error: a broken template stops the run before any note is edited.
/// Shared by `rolo report` and `rolo watch`.
pub fn act_on_ticks(
    session: &Session,
    kind: ReportKind,
    old_audit: Option<&str>,
    dry_run: bool,
) -> Result<actions::Applied> {
    let ticked = old_audit.map(actions::ticked).unwrap_or_default();
    if ticked.is_empty() {
        return Ok(actions::Applied::default());
    }
    let index = session.index_with(if dry_run { CacheMode::Read } else { CacheMode::ReadWrite });
    render_reports(session, &index, kind, old_audit, &HashSet::new())?;
    Ok(actions::apply_all(session, &index, &ticked, dry_run))
}

/// `rolo report`: act on ticked audit items, then write the reports that changed. Exit code 1
/// when a ticked item was refused (the reports are written all the same).
pub fn report(session: &Session, args: &ReportArgs) -> Result<u8> {
    let _lock = if args.dry_run { None } else { Some(super::lock::ReportLock::acquire(&session.config)?) };
    let mode = if args.dry_run { CacheMode::Read } else { CacheMode::ReadWrite };
    // Read once: for its ticked items here, and for what the new audit keeps of it below
    // (ticked actions change notes, never the report itself).
    let old_audit = match args.kind {
        ReportKind::Audit | ReportKind::All => write::current(&session.config, "Audit.md"),
        _ => None,
    };
    // Ticked actions change notes, so the reports are computed from a second, fresh index.
    let applied = act_on_ticks(session, args.kind, old_audit.as_deref(), args.dry_run)?;
    let index = session.index_with(mode);
    session.report_problems(&index.diagnostics);
    for report in render_reports(session, &index, args.kind, old_audit.as_deref(), &applied.settled)? {
        let shown = format!("{}/{}", session.config.reports_dir, report.file);
        let took = report.took.as_millis();
        match write::write_report(&session.config, report.file, &report.content, args.dry_run)? {
            Outcome::Unchanged if session.verbosity == Verbosity::Verbose => {
                eprintln!("rolo: {shown} unchanged (computed in {took} ms)")
            }
            Outcome::Unchanged => {}
            Outcome::Written if session.verbosity == Verbosity::Verbose => {
                eprintln!("rolo: wrote {shown} (computed in {took} ms)")
            }
            Outcome::Written => session.say(format!("wrote {shown}")),
            Outcome::WouldChange(diff) => print!("{diff}"),
        }
    }
    session.save_cache();
    Ok(if applied.refused > 0 { exit::PROBLEMS } else { exit::SUCCESS })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn promised_intros_are_the_open_promises_you_owe_that_mention_an_introduction() {
        let text = "## Promises\n- [ ] an intro to Cy\n- [ ] introduce her to Dee\n- [ ] an introduction to Eve\n\
                    - [ ] Introductions to the board\n- [ ] owes me: an intro\n- [x] intro to Fay\n- [ ] the deck\n";
        let index = crate::index::index_of_files(&[("People/Ana.md", text)]);
        let texts: Vec<String> = super::promised_intros(&index).into_iter().map(|p| p.text).collect();
        assert_eq!(
            texts,
            ["an intro to Cy", "introduce her to Dee", "an introduction to Eve", "Introductions to the board"]
        );
    }
}
