//! Results to Markdown through minijinja templates. The defaults in `templates/` are embedded
//! in the binary; a file of the same name in the vault's `.rolo/templates/` overrides one.
//! Templates get serialisable data (long lists as [`lazy::Table`]s, converted row by row),
//! run with strict undefined and a fuel limit, and cannot read files or run commands.

pub mod checklist;
pub mod lazy;
pub mod mermaid;
pub mod views;

use crate::index::ContactLinks;
use minijinja::value::{Kwargs, Value, ValueKind};
use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where user overrides live, relative to the vault.
pub const OVERRIDE_DIR: &str = ".rolo/templates";

/// The embedded default templates, by name.
pub const DEFAULTS: [(&str, &str); 5] = [
    ("overdue.md.j2", include_str!("../../templates/overdue.md.j2")),
    ("audit.md.j2", include_str!("../../templates/audit.md.j2")),
    ("intros.md.j2", include_str!("../../templates/intros.md.j2")),
    ("contact.md.j2", include_str!("../../templates/contact.md.j2")),
    ("graph.md.j2", include_str!("../../templates/graph.md.j2")),
];

/// Enough for any real report; stops a template that loops forever.
const FUEL: u64 = 50_000_000;

/// A template could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
#[error("template {name}{location}: {message}. Fix the template{hint}")]
pub struct RenderError {
    /// The template's name.
    pub name: String,
    /// ` (line N)` or empty.
    pub location: String,
    /// What went wrong.
    pub message: String,
    /// Where the template lives, when it is the user's.
    pub hint: String,
}

/// The template environment of one vault.
pub struct Renderer {
    env: Environment<'static>,
    overrides: PathBuf,
}

impl Renderer {
    /// An environment that looks in `vault/.rolo/templates/` before the embedded defaults.
    pub fn new(vault: &Path) -> Renderer {
        let overrides = vault.join(OVERRIDE_DIR);
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_fuel(Some(FUEL));
        if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder().keep_trailing_newline(true).build() {
            env.set_syntax(syntax);
        }
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        // `Cow` borrows string arguments (and formats any other value, as `String` would):
        // these filters run several times per row of reports with tens of thousands of rows.
        add_link_filter(&mut env, Arc::default());
        env.add_filter("esc", |s: Cow<'_, str>| crate::text::escape_markdown_inline(&s));
        env.add_filter("esc_text", |s: Cow<'_, str>| escape_keeping_links(&s));
        env.add_filter("mermaid_label", |s: Cow<'_, str>| mermaid::label(&s));
        let dir = overrides.clone();
        env.set_loader(move |name| load(&dir, name));
        Renderer { env, overrides }
    }

    /// The same environment, whose `link` filter writes the links of `links` (see
    /// [`crate::index::Index::contact_links`]), so that Obsidian opens each contact's note
    /// even when its name is not its file's name, or another note has that file name.
    #[must_use]
    pub fn with_links(mut self, links: ContactLinks) -> Renderer {
        add_link_filter(&mut self.env, Arc::new(links));
        self
    }

    /// Renders a template with the given data.
    pub fn render<S: Serialize>(&self, name: &str, data: S) -> Result<String, RenderError> {
        let fail = |e: minijinja::Error| {
            let user_file = self.overrides.join(name);
            RenderError {
                name: e.name().unwrap_or(name).to_string(),
                location: e.line().map(|l| format!(" (line {l})")).unwrap_or_default(),
                message: e.detail().map(str::to_string).unwrap_or_else(|| e.kind().to_string()),
                hint: if user_file.is_file() {
                    format!(" at {}, or delete it to use the default", user_file.display())
                } else {
                    String::new()
                },
            }
        };
        let template = self.env.get_template(name).map_err(fail)?;
        template.render(minijinja::value::Serde(&data)).map(|out| tidy(&out)).map_err(fail)
    }
}

/// `link`: a contact as a wikilink, given its name (`name | link`), or a row with the
/// contact's `name` and the path of its note, `contact_path` or else `path` (`r | link`),
/// which tells apart two contacts of one name; `link(path=...)` gives that path beside a name, `link(in_table=true)` fits
/// the link in a table cell. An undefined value or path, or a row without a `name`, is an
/// error, as strict undefined makes any other use of a misspelt field.
fn add_link_filter(env: &mut Environment<'static>, links: Arc<ContactLinks>) {
    env.add_filter("link", move |contact: Value, kwargs: Kwargs| -> Result<String, minijinja::Error> {
        // Only the arguments given are read: reading one that is absent costs a string and a
        // hashed insertion, in reports that call `link` tens of thousands of times.
        let (mut in_table, mut path): (Option<bool>, Option<Value>) = (None, None);
        for key in kwargs.args() {
            match key {
                "in_table" => in_table = kwargs.get("in_table")?,
                // Read as a `Value`: an `Option` would take an undefined path for no path.
                "path" => path = Some(kwargs.get("path")?),
                _ => {}
            }
        }
        kwargs.assert_all_used()?;
        // Strict undefined does not reach a filter's `Value` arguments: a misspelt field
        // would otherwise become an empty link, or a path silently ignored.
        if path.as_ref().is_some_and(Value::is_undefined) {
            return Err(template_error("the `path` given to `link` is undefined, perhaps a misspelt field"));
        }
        let path = path.filter(|p| !p.is_none());
        let (name, path) = match row_name(&contact)? {
            Some(name) => {
                // The row's path is read only when some contact is linked by it: most vaults
                // have none, and reading it is a string copy per row of a long report.
                let path = path.or_else(|| (!links.by_path.is_empty()).then(|| contact_path(&contact)));
                (name, path)
            }
            None => (contact, path),
        };
        let name = name.as_str().map_or_else(|| Cow::Owned(name.to_string()), Cow::Borrowed);
        let path = path.as_ref().and_then(Value::as_str);
        let link = known_link(&links, &name, path).unwrap_or_else(|| crate::text::wikilink(&name));
        Ok(if in_table == Some(true) { crate::text::in_table_cell(link) } else { link })
    });
}

/// The note of the contact a row is about: its `contact_path` when it has one (its `path`
/// is then another note, such as the daily note holding a promise), else its `path`.
fn contact_path(row: &Value) -> Value {
    Some(attribute(row, "contact_path"))
        .filter(|p| !p.is_undefined() && !p.is_none())
        .unwrap_or_else(|| attribute(row, "path"))
}

/// A field of a row, or undefined.
fn attribute(row: &Value, name: &str) -> Value {
    row.get_attr(name).unwrap_or_default()
}

/// The `name` of a row given to `link`; `None` for a name itself (or any other plain value).
/// An error for an undefined value, or a row without a `name`: a mistake in the template.
fn row_name(value: &Value) -> Result<Option<Value>, minijinja::Error> {
    if value.is_undefined() {
        return Err(template_error("the value given to `link` is undefined, perhaps a misspelt field"));
    }
    if value.kind() != ValueKind::Map {
        return Ok(None);
    }
    let name = attribute(value, "name");
    if name.is_undefined() || name.is_none() {
        return Err(template_error(
            "`link` was given a row without a `name`; give it a contact's name, or a row that has one",
        ));
    }
    Ok(Some(name))
}

/// An error in how a template uses a filter, reported with the template's name and line.
fn template_error(message: &str) -> minijinja::Error {
    minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, message.to_string())
}

/// The link of the contact of this name whose note is at `path`, else of the one contact
/// of this name, when it is not `[[name]]`. A path that is not that contact's note (a
/// promise written in another note) is passed over.
fn known_link(links: &ContactLinks, name: &str, path: Option<&str>) -> Option<String> {
    // Most vaults have no name to link differently: skip hashing every row's name and path.
    if links.by_path.is_empty() {
        return None;
    }
    let by_path = path.and_then(|p| links.by_path.get(p)).filter(|(of, _)| of == name).map(|(_, link)| link);
    by_path.or_else(|| links.by_name.get(name)).cloned()
}

/// Free text from notes for a table cell or list item: escaped like [`crate::text::escape_markdown_inline`],
/// but well-formed wikilinks stay links (a `|` inside one is escaped so tables hold).
pub fn escape_keeping_links(text: &str) -> String {
    use crate::text::escape_markdown_inline_into as escape_into;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_pair(rest, b"[[") {
        let Some(len) = find_pair(&rest[start + 2..], b"]]") else { break };
        let inner = &rest[start + 2..start + 2 + len];
        if inner.is_empty() || inner.contains(['[', '\n']) {
            escape_into(&rest[..start + 2], &mut out);
            rest = &rest[start + 2..];
            continue;
        }
        escape_into(&rest[..start], &mut out);
        let clean: String = crate::text::escape_markdown_inline(inner).replace("\\[", "[").replace("\\]", "]");
        out.push_str("[[");
        out.push_str(&clean.replace("\\|", "|").replace('|', "\\|"));
        out.push_str("]]");
        rest = &rest[start + 2 + len + 2..];
    }
    escape_into(rest, &mut out);
    out
}

/// Where `pair` (two ASCII bytes) first occurs in `text`: a plain scan, cheaper than a
/// substring searcher on the short cells of a report.
fn find_pair(text: &str, pair: &[u8; 2]) -> Option<usize> {
    text.as_bytes().windows(2).position(|w| w == pair)
}

/// Collapses runs of blank lines (outside fenced blocks) and ends the text with one newline.
pub fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 1);
    let mut blank_run = 0;
    let mut in_fence = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        if line.trim().is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn load(overrides: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    // Names come from rolo itself, never from notes; still refuse anything path-like.
    if name.contains(['/', '\\']) || name.starts_with('.') {
        return Ok(None);
    }
    let user = overrides.join(name);
    match std::fs::read_to_string(&user) {
        Ok(text) => return Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(minijinja::Error::new(
                minijinja::ErrorKind::TemplateNotFound,
                format!("cannot read {}: {e}", user.display()),
            ))
        }
    }
    Ok(DEFAULTS.iter().find(|(n, _)| *n == name).map(|(_, text)| text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A vault whose `.rolo/templates/` holds `text` as the template `name`.
    fn vault_with_template(name: &str, text: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(OVERRIDE_DIR)).unwrap();
        std::fs::write(dir.path().join(OVERRIDE_DIR).join(name), text).unwrap();
        dir
    }

    #[test]
    fn user_templates_override_the_defaults() {
        let dir = vault_with_template("overdue.md.j2", "mine {{ x }}");
        let r = Renderer::new(dir.path());
        assert_eq!(r.render("overdue.md.j2", std::collections::BTreeMap::from([("x", 1)])).unwrap(), "mine 1\n");
    }

    #[test]
    fn a_broken_template_names_itself_and_its_line() {
        let dir = vault_with_template("audit.md.j2", "ok\n{% for x in %}");
        let err = Renderer::new(dir.path()).render("audit.md.j2", ()).unwrap_err().to_string();
        assert!(err.starts_with("template audit.md.j2 (line 2):"), "{err}");
        assert!(err.contains("delete it to use the default"), "{err}");
    }

    #[test]
    fn the_link_filter_tells_two_contacts_of_one_name_apart_by_their_path() {
        let mut links = ContactLinks::default();
        for folder in ["Clients", "People"] {
            let link = format!("[[{folder}/Ana Ruiz]]");
            links.by_path.insert(format!("{folder}/Ana Ruiz.md"), ("Ana Ruiz".to_string(), link));
        }
        let template = "{{ 'Ana Ruiz' | link(path='People/Ana Ruiz.md') }} {{ 'Ana Ruiz' | link(path='Clients/Ana Ruiz.md') }} \
                        {{ 'Ana Ruiz' | link(path='Daily/2026-11-20.md') }} {{ 'Ben' | link(path='Clients/Ana Ruiz.md') }} \
                        {{ row | link }} {{ row | link(in_table=true) }} {{ 'Ana Ruiz' | link }}";
        let dir = vault_with_template("graph.md.j2", template);
        let row = std::collections::BTreeMap::from([("name", "Ana Ruiz"), ("path", "Clients/Ana Ruiz.md")]);
        let data = std::collections::BTreeMap::from([("row", row)]);
        let out = Renderer::new(dir.path()).with_links(links).render("graph.md.j2", data).unwrap();
        assert_eq!(
            out,
            "[[People/Ana Ruiz]] [[Clients/Ana Ruiz]] [[Ana Ruiz]] [[Ben]] [[Clients/Ana Ruiz]] [[Clients/Ana Ruiz]] [[Ana Ruiz]]\n",
            "a row links the contact of its name and path; a name alone two contacts share stays plain"
        );
    }

    #[test]
    fn the_link_filter_refuses_a_keyword_it_does_not_know() {
        let dir = vault_with_template("graph.md.j2", "{{ 'Ana' | link(in_tabel=true) }}");
        let err = Renderer::new(dir.path()).render("graph.md.j2", ()).unwrap_err().to_string();
        assert!(err.contains("in_tabel"), "{err}");
    }

    #[test]
    fn links_in_free_text_stay_links_and_pipes_are_escaped() {
        assert_eq!(escape_keeping_links("call [[Ana|A]] | now"), "call [[Ana\\|A]] \\| now");
        assert_eq!(escape_keeping_links("# [[x"), "\\# \\[\\[x");
    }

    #[test]
    fn tidy_collapses_blank_lines_and_ends_with_one_newline() {
        assert_eq!(tidy("a\n\n\n\nb  \n\n"), "a\n\nb\n");
        assert_eq!(tidy("```\n\n\n```"), "```\n\n\n```\n");
    }

    #[test]
    fn undefined_variables_are_errors() {
        let dir = vault_with_template("intros.md.j2", "{{ nope.x }}");
        assert!(Renderer::new(dir.path()).render("intros.md.j2", ()).is_err());
    }

    #[test]
    fn endless_loops_run_out_of_fuel() {
        let forever = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}";
        let dir = vault_with_template("intros.md.j2", forever);
        let err = Renderer::new(dir.path()).render("intros.md.j2", ()).unwrap_err().to_string();
        assert!(err.contains("fuel"), "{err}");
    }
}
