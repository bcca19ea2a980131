//! Long lists handed to templates without converting them first.
//!
//! minijinja converts a serialisable context into its own values in one go. For the overdue
//! report of a large vault that is a second copy of 75,000 rows, made before the template
//! starts and held until it ends (at 100,000 contacts, 76 MB for the overdue report and 45 MB
//! for the audit at the peak of `rolo report all`). A [`Table`] instead hands the template
//! each row as an object whose fields are converted when, and only when, the template reads
//! them, and freed as soon as it moves on. Templates see the same names and values either way
//! (`views::tests` compares every field with what serde would give).

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::Arc;

/// A struct whose fields a template can read one at a time.
pub trait Fields: fmt::Debug + Send + Sync + Sized + 'static {
    /// The field names, in the order serde would give them.
    const NAMES: &'static [&'static str];

    /// The named field of the row `at` points to, or `None` when there is no such field.
    fn field(at: At<'_, Self>, name: &str) -> Option<Value>;
}

/// One row of a [`Table`], as [`Fields::field`] reads it: the row itself (through `Deref`),
/// and the means to hand out lists inside it without copying them.
pub struct At<'a, T> {
    rows: &'a Arc<Vec<T>>,
    index: usize,
}

impl<T> std::ops::Deref for At<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.rows[self.index]
    }
}

impl<T: Fields> At<'_, T> {
    /// A list of texts in this row, read item by item: a template that only asks whether it is
    /// empty, how long it is or what its first item is converts nothing else.
    pub fn texts(&self, list: fn(&T) -> &[String]) -> Value {
        self.list(list, |item| text(item))
    }

    /// A list of anything serialisable in this row, read item by item like [`At::texts`].
    pub fn serialized_items<U: Serialize + fmt::Debug + Send + Sync + 'static>(&self, list: fn(&T) -> &[U]) -> Value {
        self.list(list, serialized)
    }

    fn list<U: fmt::Debug + Send + Sync + 'static>(&self, list: fn(&T) -> &[U], convert: fn(&U) -> Value) -> Value {
        Value::from_object(Items { rows: Arc::clone(self.rows), index: self.index, list, convert })
    }
}

/// A list of rows for a template: a sequence whose items are converted as they are read.
/// Serialised into a template's context, it stays one object; serialised anywhere else, it is
/// a list of maps, as a `Vec` of the same rows would be.
pub struct Table<T: Fields>(Arc<Vec<T>>);

impl<T: Fields> Table<T> {
    /// A table of these rows.
    pub fn new(rows: Vec<T>) -> Table<T> {
        Table(Arc::new(rows))
    }

    fn value(&self) -> Value {
        Value::from_object(Rows(Arc::clone(&self.0)))
    }
}

impl<T: Fields> fmt::Debug for Table<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.0.iter()).finish()
    }
}

impl<T: Fields> Serialize for Table<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value().serialize(serializer)
    }
}

/// The sequence object behind a [`Table`].
struct Rows<T: Fields>(Arc<Vec<T>>);

impl<T: Fields> fmt::Debug for Rows<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} rows>", self.0.len())
    }
}

impl<T: Fields> Object for Rows<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        let index = key.as_usize()?;
        (index < self.0.len()).then(|| Value::from_object(Row { rows: Arc::clone(&self.0), index }))
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

/// One row of a [`Table`], read field by field.
struct Row<T: Fields> {
    rows: Arc<Vec<T>>,
    index: usize,
}

impl<T: Fields> Row<T> {
    fn field(&self, name: &str) -> Option<Value> {
        T::field(At { rows: &self.rows, index: self.index }, name)
    }
}

impl<T: Fields> fmt::Debug for Row<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.rows[self.index].fmt(f)
    }
}

impl<T: Fields> Object for Row<T> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.field(key.as_str()?)
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.field(key)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Str(T::NAMES)
    }
}

/// A list inside one row of a [`Table`] (see [`At::texts`]).
struct Items<T, U: 'static> {
    rows: Arc<Vec<T>>,
    index: usize,
    list: fn(&T) -> &[U],
    convert: fn(&U) -> Value,
}

impl<T, U> Items<T, U> {
    fn items(&self) -> &[U] {
        (self.list)(&self.rows[self.index])
    }
}

impl<T, U: fmt::Debug> fmt::Debug for Items<T, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items().fmt(f)
    }
}

impl<T: Send + Sync + 'static, U: fmt::Debug + Send + Sync + 'static> Object for Items<T, U> {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.items().get(key.as_usize()?).map(self.convert)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.items().len())
    }
}

/// A text field's value.
pub fn text(text: &str) -> Value {
    Value::from(text)
}

/// An optional field's value: none, or the value.
pub fn optional<T>(value: Option<T>, convert: impl FnOnce(T) -> Value) -> Value {
    value.map(convert).unwrap_or(Value::from(()))
}

/// A value converted the way serde converts it.
fn serialized<T: Serialize>(value: &T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use minijinja::Environment;

    /// Checks that a row read field by field gives exactly what serde gives: the same names
    /// in the same order, and equal values.
    pub(crate) fn assert_fields_match_serde<T: Fields + Serialize>(row: T) {
        let whole = Value::from(minijinja::value::Serde(&row));
        let rows = Arc::new(vec![row]);
        let field = |name: &str| T::field(At { rows: &rows, index: 0 }, name);
        let names: Vec<String> =
            whole.try_iter().into_iter().flatten().filter_map(|k| k.as_str().map(str::to_string)).collect();
        assert_eq!(names, T::NAMES, "field names differ from serde's");
        for name in T::NAMES {
            let expected = whole.get_attr(name).ok();
            assert_eq!(field(name), expected, "field {name}");
            assert_eq!(
                field(name).map(|v| format!("{v}")),
                expected.map(|v| format!("{v}")),
                "field {name} prints differently"
            );
        }
        assert_eq!(field("no_such_field"), None);
    }

    #[derive(Debug, Serialize)]
    struct Pair {
        key: String,
        value: Option<u32>,
        notes: Vec<String>,
        spans: Vec<(u32, u32)>,
    }

    impl Fields for Pair {
        const NAMES: &'static [&'static str] = &["key", "value", "notes", "spans"];
        fn field(at: At<'_, Self>, name: &str) -> Option<Value> {
            Some(match name {
                "key" => text(&at.key),
                "value" => optional(at.value, Value::from),
                "notes" => at.texts(|pair| &pair.notes),
                "spans" => at.serialized_items(|pair| &pair.spans),
                _ => return None,
            })
        }
    }

    fn pairs() -> Vec<Pair> {
        vec![
            Pair {
                key: "a".into(),
                value: Some(1),
                notes: vec!["x".into(), "y".into(), "z".into()],
                spans: vec![(1, 2), (3, 4)],
            },
            Pair { key: "b".into(), value: None, notes: vec![], spans: vec![] },
        ]
    }

    #[test]
    fn a_test_row_matches_serde() {
        for pair in pairs() {
            assert_fields_match_serde(pair);
        }
    }

    /// Renders `source` once with a [`Table`] and once with the same rows as a plain list.
    fn both_ways(source: &str) -> (String, String) {
        #[derive(Serialize)]
        struct Lazy {
            rows: Table<Pair>,
        }
        #[derive(Serialize)]
        struct Plain {
            rows: Vec<Pair>,
        }
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        let Ok(()) = env.add_template("t", source) else { panic!("template does not compile: {source}") };
        let Ok(template) = env.get_template("t") else { panic!("template not found") };
        let render = |ctx: minijinja::value::Value| template.render(ctx).unwrap_or_else(|e| format!("error: {e}"));
        (
            render(Value::from(minijinja::value::Serde(Lazy { rows: Table::new(pairs()) }))),
            render(Value::from(minijinja::value::Serde(Plain { rows: pairs() }))),
        )
    }

    #[test]
    fn templates_see_a_table_as_they_see_a_list() {
        for source in [
            "{% for r in rows %}{{ loop.index }} {{ r.key }}={{ r.value }};{% endfor %}",
            "{{ rows | length }} {% if rows %}some{% endif %} {{ rows[1].key }} {{ rows | first }} {{ rows[-1].key }}",
            "{{ rows | selectattr('value') | map(attribute='key') | join(',') }}",
            "{% for r in rows if not r.value %}{{ r.key }}{% else %}none{% endfor %}",
            "{{ rows | tojson }} {{ rows[0] | items | list }} {{ rows[5] is undefined }}",
            "{{ rows | reverse | map(attribute='key') | list }} {{ rows | sort(attribute='key', reverse=true) | first }}",
            "{% for r in rows %}{{ r.notes | length }} {{ r.notes | first if r.notes else '-' }} {{ r.notes[1:] | join(';') }} {{ r.notes[-1:] }} {{ r.notes }}|{% endfor %}",
            "{% for r in rows %}{{ r.notes[1] if r.notes }} {{ 'y' in r.notes }} {{ r.notes | map('upper') | list }} {{ r.notes | last if r.notes }}{% endfor %}",
            "{% for r in rows %}{% for s in r.spans %}{{ s[0] }}-{{ s[1] }} {% endfor %}{{ r.spans | length }} {{ r.spans }}{% endfor %} {{ rows | selectattr('spans') | map(attribute='key') | list }}",
        ] {
            let (lazy, plain) = both_ways(source);
            assert_eq!(lazy, plain, "{source}");
            assert!(!lazy.is_empty() && !lazy.starts_with("error"), "{source}: {lazy}");
        }
    }

    #[test]
    fn a_missing_field_is_the_same_error_either_way() {
        let (lazy, plain) = both_ways("{{ rows[0].missing }}");
        assert_eq!(lazy, plain);
        assert!(lazy.starts_with("error: undefined value"), "{lazy}");
    }

    #[test]
    fn outside_a_template_a_table_serialises_as_a_list() {
        let Ok(lazy) = serde_json::to_string(&Table::new(pairs())) else { panic!("serialises") };
        let Ok(plain) = serde_json::to_string(&pairs()) else { panic!("serialises") };
        assert_eq!(lazy, plain);
    }
}
