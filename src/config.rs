//! `.rolo.toml`: where contacts and reports live, the circles and their cadences, and the
//! thresholds the analyses use. Missing file means defaults; a bad key or value is an error
//! that names the file, line and key.

use crate::diagnostic::{line_col, Diagnostic};
use crate::model::cadence::Cadence;
use crate::model::daily_format::DailyFormat;
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use toml::Spanned;

/// The name of the config file at the vault root.
pub const CONFIG_FILE: &str = ".rolo.toml";
/// Obsidian's Daily notes settings, relative to the vault: rolo takes their `format` when
/// `.rolo.toml` sets no `daily_format`.
pub const OBSIDIAN_DAILY_NOTES: &str = ".obsidian/daily-notes.json";
/// The Periodic Notes plugin's settings, relative to the vault: their daily format, when
/// daily notes are on, wins over [`OBSIDIAN_DAILY_NOTES`].
pub const OBSIDIAN_PERIODIC_NOTES: &str = ".obsidian/plugins/periodic-notes/data.json";
/// Obsidian's Templates settings, relative to the vault: rolo takes their `folder` when
/// `.rolo.toml` sets no `templates_folder`.
pub const OBSIDIAN_TEMPLATES: &str = ".obsidian/templates.json";

/// A problem with the configuration: rolo cannot run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The config file exists but could not be read. The I/O error is part of the message
    /// rather than a separate cause, so it is printed once.
    #[error(
        "{path}: cannot read the config file: {error}. Make it a readable UTF-8 text file, or remove it to use the defaults"
    )]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        error: std::io::Error,
    },
    /// A syntax error, an unknown key or a bad value.
    #[error("{path}:{line}:{column}: error: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong and what to do.
        message: String,
    },
}

/// One circle (bucket) of contacts and how often to reach out to its members.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Circle {
    /// The default cadence of the circle's members, if any.
    pub cadence: Option<Cadence>,
}

/// Thresholds for the periodic audit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditSettings {
    /// Contacts met within this many days are "new".
    pub new_days: u32,
    /// Active contacts with no contact in this many days are "dormant".
    pub dormant_days: u32,
    /// Last contact more than this many cadences ago is "drifting".
    pub drift_factor: u32,
    /// This many outgoing interactions in a row with no reply is "non-reciprocal".
    pub non_reciprocal: usize,
    /// Promises others made you that are this many days old get a gentle nudge.
    pub owed_days: u32,
    /// The period, in days, over which interactions are counted for the balance.
    pub period_days: u32,
}

impl Default for AuditSettings {
    fn default() -> Self {
        AuditSettings {
            new_days: 180,
            dormant_days: 365,
            drift_factor: 3,
            non_reciprocal: 3,
            owed_days: 60,
            period_days: 180,
        }
    }
}

/// The resolved configuration every command works from.
#[derive(Debug, Clone)]
pub struct Config {
    /// The vault's root folder.
    pub vault: PathBuf,
    /// The config file, when there is one.
    pub config_path: Option<PathBuf>,
    /// Vault-relative folders whose notes are contacts (with `/`, no trailing slash).
    pub people: Vec<String>,
    /// Vault-relative folder for generated reports.
    pub reports_dir: String,
    /// Glob patterns of vault-relative paths to skip.
    pub exclude: Vec<String>,
    exclude_set: GlobSet,
    /// Circles by name.
    pub circles: BTreeMap<String, Circle>,
    /// Whether daily notes count mentions as interactions.
    pub daily_notes: bool,
    /// How daily notes are named: `daily_format`, else Obsidian's Periodic Notes or Daily
    /// notes settings; None when none says. Notes named `YYYY-MM-DD` are daily notes whatever the format.
    pub daily_format: Option<DailyFormat>,
    /// Warnings about the settings rolo read that are not its own (Obsidian's), shown with
    /// the notes' diagnostics.
    pub notices: Vec<Diagnostic>,
    /// Obsidian's templates folder: its notes never count as contact.
    pub templates_folder: String,
    /// `.rolo.toml` names the templates folder: Obsidian's setting is not read.
    templates_folder_given: bool,
    /// Notes larger than this are skipped with a warning.
    pub max_note_bytes: u64,
    /// Audit thresholds.
    pub audit: AuditSettings,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    people: Option<Spanned<Vec<String>>>,
    reports_dir: Option<Spanned<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    circles: BTreeMap<String, RawCircle>,
    daily_notes: Option<bool>,
    daily_format: Option<Spanned<String>>,
    templates_folder: Option<Spanned<String>>,
    max_note_size_mb: Option<Spanned<u64>>,
    audit: Option<RawAudit>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, expecting = "a table such as { cadence = \"30d\" }")]
struct RawCircle {
    /// A cadence string, or a number of days.
    cadence: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAudit {
    new_days: Option<Spanned<u32>>,
    dormant_days: Option<Spanned<u32>>,
    drift_factor: Option<Spanned<u32>>,
    non_reciprocal: Option<Spanned<u32>>,
    owed_days: Option<Spanned<u32>>,
    period_days: Option<Spanned<u32>>,
}

/// The longest span of days an audit setting may name: a hundred years, like the longest
/// cadence.
const MAX_AUDIT_DAYS: u32 = 36_500;
/// The largest count (`drift_factor`, `non_reciprocal`) an audit setting may name.
const MAX_AUDIT_COUNT: u32 = 100;

impl Config {
    /// The configuration of a vault with no `.rolo.toml`.
    pub fn defaults(vault: PathBuf) -> Config {
        Config {
            vault,
            config_path: None,
            people: vec!["People".to_string()],
            reports_dir: "Reports".to_string(),
            exclude: Vec::new(),
            exclude_set: GlobSet::empty(),
            circles: BTreeMap::new(),
            daily_notes: true,
            daily_format: None,
            notices: Vec::new(),
            templates_folder: "Templates".to_string(),
            templates_folder_given: false,
            max_note_bytes: 10 * 1024 * 1024,
            audit: AuditSettings::default(),
        }
    }

    /// Reads `.rolo.toml` from the vault root, or returns the defaults when there is none.
    pub fn load(vault: &Path) -> Result<Config, ConfigError> {
        let path = vault.join(CONFIG_FILE);
        let mut config = match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse(vault.to_path_buf(), &path, &text)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Config::defaults(vault.to_path_buf()),
            Err(error) => return Err(ConfigError::Read { path, error }),
        };
        if config.daily_format.is_none() {
            config.read_obsidian_daily_format();
        }
        if !config.templates_folder_given {
            if let Some(folder) = obsidian_templates_folder(vault) {
                config.templates_folder = folder;
            }
        }
        Ok(config)
    }

    /// Takes the daily-note format from Obsidian's settings: the Periodic Notes plugin's when
    /// it has daily notes on (it replaces the core plugin), else the core Daily notes
    /// plugin's. A format rolo cannot read is a warning: the settings are Obsidian's.
    fn read_obsidian_daily_format(&mut self) {
        let sources: [(&str, FormatIn); 2] = [
            (OBSIDIAN_PERIODIC_NOTES, |settings| {
                let daily = settings.get("daily")?;
                daily.get("enabled")?.as_bool()?.then(|| format_of(daily))
            }),
            (OBSIDIAN_DAILY_NOTES, |settings| Some(format_of(settings))),
        ];
        for (file, format_in) in sources {
            let Ok(text) = std::fs::read_to_string(self.vault.join(file)) else { continue };
            let settings = match serde_json::from_str::<serde_json::Value>(&text) {
                Ok(settings) => settings,
                Err(e) => {
                    // The line and column are the diagnostic's own; serde_json's message repeats them.
                    let said = e.to_string();
                    let what = said.split(" at line ").next().unwrap_or(&said);
                    let message = format!("not valid JSON ({what}), so rolo does not read the daily note format in it; set `daily_format` in .rolo.toml to choose");
                    self.notices.push(Diagnostic::warning(file, e.line(), e.column(), message));
                    continue;
                }
            };
            let Some(format) = format_in(&settings).map(str::trim) else { continue };
            // Obsidian writes an empty format for its default, YYYY-MM-DD, which rolo reads
            // without one: a plugin that names daily notes so leaves no say to the next.
            if format.is_empty() {
                return;
            }
            match DailyFormat::parse(format) {
                Ok(format) => self.daily_format = Some(format),
                Err(why) => self.notices.push(Diagnostic::warning(
                    file,
                    1,
                    1,
                    format!("the daily note format {format:?} cannot be read back as a date ({why}), so rolo reads daily notes as YYYY-MM-DD; set `daily_format` in .rolo.toml to choose"),
                )),
            }
            return;
        }
    }

    /// The date of the daily note at this vault-relative path: its name is `YYYY-MM-DD`, or
    /// follows [`Config::daily_format`].
    pub fn daily_date(&self, rel: &str) -> Option<chrono::NaiveDate> {
        crate::note::stem_date(crate::note::file_stem(rel)).or_else(|| self.other_daily_format()?.date_of(rel))
    }

    /// [`Config::daily_format`] when it is not `YYYY-MM-DD`, which needs no format to read.
    pub fn other_daily_format(&self) -> Option<&DailyFormat> {
        self.daily_format.as_ref().filter(|f| !f.is_iso())
    }

    /// Parses config text; `path` is only used in error messages.
    pub fn parse(vault: PathBuf, path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |offset: usize, message: String| {
            let (line, column) = line_col(text, offset);
            ConfigError::Invalid { path: path.to_path_buf(), line, column, message }
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            let message = e.message().trim();
            match key_at(text, offset) {
                Some(key) if message.starts_with("invalid ") => invalid(
                    offset,
                    format!("`{key}`: {message}: fix the value (the README's `.rolo.toml` section lists each setting)"),
                ),
                _ => invalid(offset, message.to_string()),
            }
        })?;
        let mut config = Config::defaults(vault);
        config.config_path = Some(path.to_path_buf());
        if let Some(people) = raw.people {
            let span = people.span();
            let folders = people.into_inner();
            if folders.is_empty() {
                return Err(invalid(
                    span.start,
                    "`people` lists no folder: name at least one, e.g. people = [\"People\"]".into(),
                ));
            }
            config.people = folders
                .iter()
                .map(|f| relative_folder(f).map_err(|m| invalid(span.start, format!("`people`: {m}"))))
                .collect::<Result<_, _>>()?;
        }
        if let Some(reports) = raw.reports_dir {
            let span = reports.span();
            config.reports_dir =
                relative_folder(reports.get_ref()).map_err(|m| invalid(span.start, format!("`reports_dir`: {m}")))?;
            // rolo never reads the reports folder: one shared with contacts would hide them.
            if let Some(people) =
                config.people.iter().find(|p| is_under(p, &config.reports_dir) || is_under(&config.reports_dir, p))
            {
                return Err(invalid(
                    span.start,
                    format!("`reports_dir` {:?} overlaps the people folder {people:?}, whose contacts rolo would then never read: choose a folder of its own, e.g. reports_dir = \"Reports\"", config.reports_dir),
                ));
            }
        }
        if let Some(templates) = raw.templates_folder {
            let span = templates.span();
            config.templates_folder = relative_folder(templates.get_ref())
                .map_err(|m| invalid(span.start, format!("`templates_folder`: {m}")))?;
            config.templates_folder_given = true;
        }
        let mut builder = GlobSetBuilder::new();
        for pattern in raw.exclude.unwrap_or_default() {
            let glob = Glob::new(pattern.get_ref()).map_err(|e| {
                invalid(pattern.span().start, format!("`exclude`: bad glob {:?}: {e}", pattern.get_ref()))
            })?;
            builder.add(glob);
            config.exclude.push(pattern.into_inner());
        }
        config.exclude_set = builder.build().map_err(|e| invalid(0, format!("`exclude`: {e}")))?;
        for (name, circle) in raw.circles {
            let cadence = match circle.cadence {
                None => None,
                Some(c) => {
                    let cadence = match c.get_ref() {
                        toml::Value::String(text) => text.parse::<Cadence>().map_err(|e| e.to_string()),
                        toml::Value::Integer(days) => Cadence::from_days(*days).map_err(|e| e.to_string()),
                        other => Err(format!(
                            "expected a cadence such as \"30d\" or a number of days, found {}",
                            other.type_str()
                        )),
                    };
                    Some(cadence.map_err(|e| invalid(c.span().start, format!("`circles.{name}.cadence`: {e}")))?)
                }
            };
            config.circles.insert(name, Circle { cadence });
        }
        if let Some(daily) = raw.daily_notes {
            config.daily_notes = daily;
        }
        if let Some(format) = raw.daily_format {
            let parsed = DailyFormat::parse(format.get_ref())
                .map_err(|why| invalid(format.span().start, format!("`daily_format` {:?}: {why}", format.get_ref())))?;
            config.daily_format = Some(parsed);
        }
        if let Some(mb) = raw.max_note_size_mb {
            if *mb.get_ref() == 0 {
                return Err(invalid(mb.span().start, "`max_note_size_mb` must be at least 1".into()));
            }
            config.max_note_bytes = mb.get_ref().saturating_mul(1024 * 1024);
        }
        if let Some(audit) = raw.audit {
            apply_audit(&mut config.audit, audit).map_err(|(offset, message)| invalid(offset, message))?;
        }
        Ok(config)
    }

    /// Whether a vault-relative path matches one of the `exclude` globs.
    pub fn is_excluded(&self, rel: &str) -> bool {
        self.exclude_set.is_match(rel)
    }

    /// Whether a vault-relative path lies inside one of the `people` folders.
    pub fn is_in_people_folder(&self, rel: &str) -> bool {
        self.people.iter().any(|folder| is_under(rel, folder))
    }

    /// Whether a vault-relative path lies inside the reports folder.
    pub fn is_in_reports(&self, rel: &str) -> bool {
        is_under(rel, &self.reports_dir)
    }

    /// Whether a vault-relative path lies inside Obsidian's templates folder.
    pub fn is_in_templates(&self, rel: &str) -> bool {
        is_under(rel, &self.templates_folder)
    }

    /// The reports folder as an absolute path.
    pub fn reports_path(&self) -> PathBuf {
        self.vault.join(&self.reports_dir)
    }

    /// The cadence a circle gives its members, if the circle exists and has one.
    pub fn circle_cadence(&self, circle: &str) -> Option<Cadence> {
        self.circles.get(circle).and_then(|c| c.cadence)
    }
}

/// The folder Obsidian's core Templates plugin uses, from `.obsidian/templates.json`, written
/// as rolo writes folders (`./Templates/` is `Templates`): only a folder below the vault (not
/// the vault itself, nothing with `..`). Obsidian writes it with or without a leading `/`.
pub fn obsidian_templates_folder(vault: &Path) -> Option<String> {
    let text = std::fs::read_to_string(vault.join(OBSIDIAN_TEMPLATES)).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    relative_folder(value.get("folder")?.as_str()?.trim().trim_start_matches('/')).ok()
}

/// Where a plugin's settings keep the daily-note format: `None` when the plugin does not
/// name daily notes (its daily notes are off), empty for its default, `YYYY-MM-DD`.
type FormatIn = fn(&serde_json::Value) -> Option<&str>;

/// The `format` of a plugin's daily-note settings; empty, as Obsidian writes its default,
/// when there is none.
fn format_of(settings: &serde_json::Value) -> &str {
    settings.get("format").and_then(serde_json::Value::as_str).unwrap_or_default()
}

/// Applies the `[audit]` table, refusing values out of range with their offset in the text.
fn apply_audit(settings: &mut AuditSettings, raw: RawAudit) -> Result<(), (usize, String)> {
    let RawAudit { new_days, dormant_days, drift_factor, non_reciprocal, owed_days, period_days } = raw;
    let days = |key, value| bounded(key, value, 0, MAX_AUDIT_DAYS);
    let count = |key, value| bounded(key, value, 1, MAX_AUDIT_COUNT);
    if let Some(n) = days("new_days", new_days)? {
        settings.new_days = n;
    }
    if let Some(n) = days("dormant_days", dormant_days)? {
        settings.dormant_days = n;
    }
    if let Some(n) = days("owed_days", owed_days)? {
        settings.owed_days = n;
    }
    if let Some(n) = days("period_days", period_days)? {
        settings.period_days = n;
    }
    if let Some(n) = count("drift_factor", drift_factor)? {
        settings.drift_factor = n;
    }
    if let Some(n) = count("non_reciprocal", non_reciprocal)? {
        settings.non_reciprocal = n as usize;
    }
    Ok(())
}

/// An `[audit]` setting's value, if present; an error (offset, message) when it lies outside
/// `min..=max`.
fn bounded(key: &str, value: Option<Spanned<u32>>, min: u32, max: u32) -> Result<Option<u32>, (usize, String)> {
    match value {
        Some(v) if !(min..=max).contains(v.get_ref()) => {
            Err((v.span().start, format!("`audit.{key}` must be between {min} and {max}, not {}", v.get_ref())))
        }
        other => Ok(other.map(Spanned::into_inner)),
    }
}

/// The dotted key whose value starts at `offset` (`audit.new_days`), read from the nearest
/// `key =` line at or above it and the table header above that, for errors that only carry
/// a position.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let mut lines = before.lines().rev();
    let key = lines.by_ref().find_map(|line| {
        let (key, _) = line.split_once('=')?;
        let key = key.trim();
        (!key.is_empty() && !key.starts_with('[') && !key.starts_with('#')).then_some(key)
    })?;
    let table = lines.find_map(|line| {
        let line = line.trim();
        line.strip_prefix('[').map(|header| header.trim_matches(|c| c == '[' || c == ']').trim())
    });
    Some(match table {
        Some(table) if !table.is_empty() => format!("{table}.{key}"),
        _ => key.to_string(),
    })
}

/// Whether `rel` is `folder` or inside it, comparing whole path components.
pub fn is_under(rel: &str, folder: &str) -> bool {
    folder.is_empty()
        || rel == folder
        || (rel.len() > folder.len() && rel.starts_with(folder) && rel.as_bytes()[folder.len()] == b'/')
}

/// Checks that a configured folder stays inside the vault and normalises it to `a/b`.
fn relative_folder(folder: &str) -> Result<String, String> {
    let path = Path::new(folder);
    let mut parts = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => return Err(format!("{folder:?} must be a folder inside the vault, without `..` or a leading `/`")),
        }
    }
    if parts.is_empty() {
        return Err(format!("{folder:?} names no folder"));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(PathBuf::from("/v"), Path::new("/v/.rolo.toml"), text)
    }

    #[test]
    fn defaults_apply_to_an_empty_file() {
        let c = parse("").unwrap();
        assert_eq!(c.people, vec!["People"]);
        assert_eq!(c.reports_dir, "Reports");
        assert!(c.daily_notes);
    }

    #[test]
    fn daily_format_names_how_daily_notes_are_called() {
        let c = parse("daily_format = \"DD.MM.YYYY\"\n").unwrap();
        assert_eq!(c.daily_date("Journal/14.03.2026.md"), "2026-03-14".parse().ok());
        // `YYYY-MM-DD` names stay daily notes.
        assert_eq!(c.daily_date("Journal/2026-03-15.md"), "2026-03-15".parse().ok());
        assert_eq!(c.daily_date("People/Ana.md"), None);
        let err = parse("\ndaily_format = \"YYYY-[W]ww\"\n").unwrap_err().to_string();
        assert!(
            err.starts_with("/v/.rolo.toml:2:16: error: `daily_format` \"YYYY-[W]ww\": `ww` is not a part"),
            "{err}"
        );
    }

    fn vault_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    #[test]
    fn obsidian_daily_notes_settings_give_the_format_unless_rolo_toml_does() {
        let settings = (OBSIDIAN_DAILY_NOTES, r#"{"folder": "Journal", "format": "YYYY-MM-DD dddd"}"#);
        let dir = vault_with(&[settings]);
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.daily_format.as_ref().map(DailyFormat::as_str), Some("YYYY-MM-DD dddd"));
        assert!(c.notices.is_empty());
        let dir = vault_with(&[settings, (CONFIG_FILE, "daily_format = \"YYYY-MM-DD\"\n")]);
        let c = Config::load(dir.path()).unwrap();
        assert_eq!(c.daily_format.as_ref().map(DailyFormat::as_str), Some("YYYY-MM-DD"));
        assert_eq!(c.daily_date("2026-03-14 Saturday.md"), None);
    }

    #[test]
    fn periodic_notes_daily_format_wins_when_it_is_on() {
        let core = (OBSIDIAN_DAILY_NOTES, r#"{"format": "YYYY-MM-DD dddd"}"#);
        let periodic = |enabled: bool| {
            format!(
                r#"{{"daily": {{"enabled": {enabled}, "format": "DD.MM.YYYY"}}, "weekly": {{"format": "gggg-[W]ww"}}}}"#
            )
        };
        let on = periodic(true);
        let c = Config::load(vault_with(&[core, (OBSIDIAN_PERIODIC_NOTES, &on)]).path()).unwrap();
        assert_eq!(c.daily_format.as_ref().map(DailyFormat::as_str), Some("DD.MM.YYYY"));
        let off = periodic(false);
        let c = Config::load(vault_with(&[core, (OBSIDIAN_PERIODIC_NOTES, &off)]).path()).unwrap();
        assert_eq!(c.daily_format.as_ref().map(DailyFormat::as_str), Some("YYYY-MM-DD dddd"));
        assert!(c.notices.is_empty());
    }

    #[test]
    fn periodic_notes_default_format_wins_when_it_is_on_and_names_none() {
        let core = (OBSIDIAN_DAILY_NOTES, r#"{"format": "YYYY-MM-DD dddd"}"#);
        for daily in [r#"{"enabled": true, "format": ""}"#, r#"{"enabled": true}"#] {
            let periodic = format!(r#"{{"daily": {daily}}}"#);
            let c = Config::load(vault_with(&[core, (OBSIDIAN_PERIODIC_NOTES, &periodic)]).path()).unwrap();
            assert_eq!(c.daily_date("Journal/2026-03-14 Saturday.md"), None, "{daily}");
            assert!(c.daily_date("Journal/2026-03-14.md").is_some(), "{daily}");
        }
    }

    #[test]
    fn obsidian_templates_folder_is_the_default_unless_rolo_toml_names_one() {
        let settings = (OBSIDIAN_TEMPLATES, r#"{"folder": "_templates"}"#);
        let c = Config::load(vault_with(&[settings]).path()).unwrap();
        assert!(c.is_in_templates("_templates/Person.md") && !c.is_in_templates("Templates/Person.md"));
        let c = Config::load(vault_with(&[settings, (CONFIG_FILE, "templates_folder = \"T\"\n")]).path()).unwrap();
        assert!(c.is_in_templates("T/Person.md") && !c.is_in_templates("_templates/Person.md"));
        let c = Config::load(vault_with(&[(CONFIG_FILE, "")]).path()).unwrap();
        assert_eq!(c.templates_folder, "Templates");
    }

    #[test]
    fn obsidian_settings_rolo_cannot_use_are_a_warning() {
        for (text, said) in [
            (r#"{"format": "gggg-[W]ww"}"#, "the daily note format \"gggg-[W]ww\" cannot be read back as a date"),
            ("{\"format\": ", "not valid JSON (EOF while parsing a value), so rolo does not read the daily"),
        ] {
            let dir = vault_with(&[(OBSIDIAN_DAILY_NOTES, text)]);
            let c = Config::load(dir.path()).unwrap();
            assert_eq!(c.daily_format, None);
            assert_eq!(c.notices.len(), 1, "{text}");
            let notice = c.notices[0].to_string();
            assert!(notice.starts_with(".obsidian/daily-notes.json:1:"), "{notice}");
            assert!(notice.contains(said) && notice.contains("set `daily_format` in .rolo.toml"), "{notice}");
        }
        // No format, or an empty one, is Obsidian's default.
        let dir = vault_with(&[(OBSIDIAN_DAILY_NOTES, r#"{"format": ""}"#)]);
        let c = Config::load(dir.path()).unwrap();
        assert!(c.daily_format.is_none() && c.notices.is_empty());
    }

    #[test]
    fn unknown_key_names_line_and_key() {
        let err = parse("people = [\"P\"]\nreport_dir = \"R\"\n").unwrap_err().to_string();
        assert!(err.starts_with("/v/.rolo.toml:2:1: error:"), "{err}");
        assert!(err.contains("report_dir"), "{err}");
    }

    #[test]
    fn bad_cadence_names_the_circle_and_line() {
        let err = parse("[circles.clients]\ncadence = \"often\"\n").unwrap_err().to_string();
        assert!(err.starts_with("/v/.rolo.toml:2:11: error: `circles.clients.cadence`"), "{err}");
    }

    #[test]
    fn wrong_types_name_the_key_and_its_table() {
        let err = parse("people = [\"P\"]\ndaily_notes = \"yes\"\n").unwrap_err().to_string();
        assert!(err.starts_with("/v/.rolo.toml:2:15: error: `daily_notes`: invalid type: string \"yes\""), "{err}");
        let err = parse("[audit]\n# how new is new\nnew_days = -3\n").unwrap_err().to_string();
        assert!(err.starts_with("/v/.rolo.toml:3:12: error: `audit.new_days`: invalid value"), "{err}");
        let err = parse("[circles]\nclients = \"30d\"\n").unwrap_err().to_string();
        assert!(
            err.contains("`circles.clients`") && err.contains("expected a table such as { cadence = \"30d\" }"),
            "{err}"
        );
        assert!(!err.contains("RawCircle"), "{err}");
    }

    #[test]
    fn audit_settings_out_of_range_are_refused_not_changed() {
        for (setting, bounds) in [
            ("new_days = 4000000000", "between 0 and 36500, not 4000000000"),
            ("period_days = 36501", "between 0 and 36500"),
            ("drift_factor = 0", "between 1 and 100, not 0"),
            ("non_reciprocal = 0", "between 1 and 100, not 0"),
            ("non_reciprocal = 101", "between 1 and 100, not 101"),
        ] {
            let err = parse(&format!("[audit]\n{setting}\n")).unwrap_err().to_string();
            let key = setting.split(' ').next().unwrap_or_default();
            assert!(err.starts_with("/v/.rolo.toml:2:"), "{err}");
            assert!(err.contains(&format!("`audit.{key}` must be {bounds}")), "{err}");
        }
        let c = parse("[audit]\nnew_days = 0\nperiod_days = 36500\ndrift_factor = 100\nnon_reciprocal = 1\n").unwrap();
        assert_eq!((c.audit.new_days, c.audit.period_days), (0, 36_500));
        assert_eq!((c.audit.drift_factor, c.audit.non_reciprocal), (100, 1));
    }

    #[test]
    fn reports_dir_may_not_share_a_people_folder() {
        for text in [
            "people = [\"People\"]\nreports_dir = \"People\"\n",
            "people = [\"People\"]\nreports_dir = \"People/Reports\"\n",
            "people = [\"Notes/People\"]\nreports_dir = \"Notes\"\n",
            "reports_dir = \"People\"\n",
        ] {
            let err = parse(text).unwrap_err().to_string();
            assert!(err.contains("`reports_dir`") && err.contains("overlaps the people folder"), "{err}");
        }
        assert!(parse("people = [\"People\"]\nreports_dir = \"PeopleReports\"\n").is_ok());
    }

    #[test]
    fn reports_dir_may_not_escape_the_vault() {
        let err = parse("reports_dir = \"../out\"\n").unwrap_err().to_string();
        assert!(err.contains("inside the vault"), "{err}");
    }

    #[test]
    fn circles_carry_their_cadence() {
        let c = parse("[circles.friends]\ncadence = \"60d\"\n").unwrap();
        assert_eq!(c.circle_cadence("friends"), "60d".parse().ok());
        assert_eq!(c.circle_cadence("nobody"), None);
    }

    #[test]
    fn a_circle_cadence_may_be_a_number_of_days() {
        let c = parse("[circles.a]\ncadence = 45\n[circles.b]\ncadence = \"90\"\n").unwrap();
        assert_eq!(c.circle_cadence("a"), Cadence::from_days(45).ok());
        assert_eq!(c.circle_cadence("b"), Cadence::from_days(90).ok());
        for (bad, message) in
            [("0", "not positive"), ("36501", "too long"), ("1.5", "found float"), ("true", "found boolean")]
        {
            let err = parse(&format!("[circles.a]\ncadence = {bad}\n")).unwrap_err().to_string();
            assert!(err.starts_with("/v/.rolo.toml:2:11: error: `circles.a.cadence`"), "{err}");
            assert!(err.contains(message), "{bad}: {err}");
        }
    }

    #[test]
    fn folder_matching_uses_whole_components() {
        let c = parse("people = [\"People\"]\nexclude = [\"Archive/**\"]").unwrap();
        assert!(c.is_in_people_folder("People/Ana.md"));
        assert!(!c.is_in_people_folder("PeopleOld/Ana.md"));
        assert!(c.is_excluded("Archive/x/y.md"));
    }
}
