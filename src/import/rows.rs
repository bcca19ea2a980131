//! The data rows of a CSV export (LinkedIn, Google, mapped CSV), each with its line, for
//! every importer that reads CSV.
//!
//! The `csv` crate does not complain about a quote that is never closed: it reads on to the
//! end of the file (or to the next stray quote) as one value, and every row after the
//! broken one silently disappears into it. [`Rows`] spots such a record, reports its line,
//! and starts reading again at the next physical line, so only the broken line is lost.

use csv::StringRecord;

use super::person::Skipped;
use super::ImportError;

/// One row that was read: its 1-based line and its fields.
pub(crate) type Row = (usize, StringRecord);

/// Reads the header of `text` (whose first line is line `first_line` of the input) and
/// returns its trimmed column names and the rows after it.
pub(crate) fn read_table(text: &str, first_line: usize) -> Result<(Vec<String>, Rows<'_>), ImportError> {
    let mut reader = builder(true).from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| ImportError::Csv { line: first_line, message: e.to_string() })?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let width = headers.len();
    let rows = Rows { text, base: 0, reader, lines: LineCounter::new(text, first_line), width };
    Ok((headers, rows))
}

/// The flexible reader every importer uses (a wrong field count is ours to report).
fn builder(has_headers: bool) -> csv::ReaderBuilder {
    let mut builder = csv::ReaderBuilder::new();
    builder.flexible(true).has_headers(has_headers);
    builder
}

/// The data rows of a CSV text, in order: each a [`Row`], or a [`Skipped`] that says
/// why the row was dropped (wrong field count, a quote left open, unreadable CSV).
pub(crate) struct Rows<'a> {
    /// The whole text, header included.
    text: &'a str,
    /// Where in `text` the current reader started.
    base: usize,
    /// Reads `text[base..]`.
    reader: csv::Reader<&'a [u8]>,
    /// Lines of `text[base..]`.
    lines: LineCounter<'a>,
    /// The header's field count.
    width: usize,
}

impl Iterator for Rows<'_> {
    type Item = Result<Row, Skipped>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut record = StringRecord::new();
        let read = self.reader.read_record(&mut record);
        let start = record.position().map_or(0, |p| p.byte());
        let line = self.lines.line_at(start);
        match read {
            Ok(false) => return None,
            Ok(true) => {}
            Err(e) => {
                let reason = format!("row could not be read as CSV ({e}); check its quotes");
                self.restart_after(start, line);
                return Some(Err(Skipped { line, reason }));
            }
        }
        let end = self.reader.position().byte();
        let raw = self.raw(start, end);
        let quotes = quotes(raw);
        let spans_lines = raw.trim_end_matches(['\r', '\n']).contains('\n');
        if quotes.open || (spans_lines && (quotes.stray || record.len() != self.width)) {
            self.restart_after(start, line);
            return Some(Err(Skipped { line, reason: unclosed_quote_reason(quotes.open) }));
        }
        if record.len() != self.width {
            let reason = format!(
                "row has {} field(s) but the header has {}; quote values that contain commas",
                record.len(),
                self.width
            );
            return Some(Err(Skipped { line, reason }));
        }
        Some(Ok((line, record)))
    }
}

impl<'a> Rows<'a> {
    /// The bytes of the current reader's input from `start` to `end`, without the line
    /// breaks the reader counts as the record's start.
    fn raw(&self, start: u64, end: u64) -> &'a str {
        let text: &'a str = self.text;
        text.get(self.absolute(start)..self.absolute(end)).unwrap_or_default().trim_start_matches(['\r', '\n'])
    }

    /// Where byte `offset` of the current reader's input lies in the whole text.
    fn absolute(&self, offset: u64) -> usize {
        self.base.saturating_add(byte_index(offset))
    }

    /// Starts a fresh reader at the physical line after `line`, the line of the record that
    /// begins at byte `start` of the current reader's input.
    fn restart_after(&mut self, start: u64, line: usize) {
        let text: &'a str = self.text;
        let from = self.absolute(start).min(text.len());
        let rest = text.get(from..).unwrap_or_default();
        let record_start = rest.len().saturating_sub(rest.trim_start_matches(['\r', '\n']).len());
        let next = rest
            .get(record_start..)
            .and_then(|r| r.find('\n'))
            .map_or(text.len(), |i| from.saturating_add(record_start).saturating_add(i).saturating_add(1));
        let remaining = text.get(next..).unwrap_or_default();
        self.base = next;
        self.reader = builder(false).from_reader(remaining.as_bytes());
        self.lines = LineCounter::new(remaining, line.saturating_add(1));
    }
}

/// A byte offset the CSV reader gives, as an index (past any text when it does not fit).
fn byte_index(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

/// What to say about a record whose quote is not closed where it should be: `open` when it
/// ran to the end of the file, else it ran on until a later stray quote.
fn unclosed_quote_reason(open: bool) -> String {
    let what = if open {
        "a quote opened here is never closed, so the rest of the file was read as one value"
    } else {
        "a quote opened here is not closed on this line, so the following lines were read as one value"
    };
    format!(
        "{what}; close the quote (write a quote inside a value as \"\") or remove it, then import again; \
         reading went on at the next line"
    )
}

/// How the quotes of one record's raw text went.
#[derive(Debug, Default, PartialEq)]
struct Quotes {
    /// The text ends inside a quoted value.
    open: bool,
    /// A quoted value's closing quote is followed by something other than a comma or a
    /// line break (the sign of a quote that closed a value it did not open).
    stray: bool,
}

/// Follows the `csv` crate's rules over a record's raw text: a quote opens a value only at
/// its start, and `""` inside one is a literal quote.
fn quotes(raw: &str) -> Quotes {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let mut stray = false;
    for byte in raw.bytes() {
        state = match (state, byte) {
            (State::FieldStart, b'"') | (State::QuoteInQuoted, b'"') => State::Quoted,
            (State::Quoted, b'"') => State::QuoteInQuoted,
            (State::Quoted, _) => State::Quoted,
            (_, b',' | b'\n' | b'\r') => State::FieldStart,
            (State::QuoteInQuoted, _) => {
                stray = true;
                State::Unquoted
            }
            _ => State::Unquoted,
        };
    }
    Quotes { open: state == State::Quoted, stray }
}

/// Turns byte offsets into 1-based line numbers, counting `\n` only.
///
/// Offsets must be asked in increasing order (as CSV records come); an
/// earlier offset restarts the count from the beginning.
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    first_line: usize,
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    /// Counts lines in `text`, whose first line is line `first_line` of the input.
    pub(crate) fn new(text: &'a str, first_line: usize) -> Self {
        Self { text, first_line, byte: 0, line: first_line }
    }

    /// The 1-based input line of the record the CSV reader says starts at
    /// byte `offset` of `text`. Line breaks at the offset are skipped: the
    /// reader reports a CRLF record as starting at the `\n` before it, and
    /// blank lines before a record belong to no record.
    pub(crate) fn line_at(&mut self, offset: u64) -> usize {
        let bytes = self.text.as_bytes();
        let mut offset = byte_index(offset).min(bytes.len());
        while matches!(bytes.get(offset), Some(b'\r' | b'\n')) {
            offset = offset.saturating_add(1);
        }
        if offset < self.byte {
            self.byte = 0;
            self.line = self.first_line;
        }
        let newlines = bytes.get(self.byte..offset).map_or(0, |s| s.iter().filter(|b| **b == b'\n').count());
        self.line = self.line.saturating_add(newlines);
        self.byte = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, text) pairs.
    type Lines = Vec<(usize, String)>;

    /// (line, first field) of each row read, and (line, reason) of each skipped one.
    fn read(text: &str, first_line: usize) -> (Lines, Lines) {
        let (_, rows) = read_table(text, first_line).unwrap();
        let mut kept = Vec::new();
        let mut skipped = Vec::new();
        for row in rows {
            match row {
                Ok((line, record)) => kept.push((line, record.get(0).unwrap_or_default().to_string())),
                Err(s) => skipped.push((s.line, s.reason)),
            }
        }
        (kept, skipped)
    }

    #[test]
    fn a_quote_open_to_the_end_loses_only_its_line() {
        let text = "A,B,C\nAl,1,2\nBo,\"Two,3\nCy,4,5\nDi,6,7\n";
        let (kept, skipped) = read(text, 1);
        assert_eq!(kept, vec![(2, "Al".into()), (4, "Cy".into()), (5, "Di".into())]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].0, 3);
        assert!(skipped[0].1.starts_with("a quote opened here is never closed"), "{}", skipped[0].1);
    }

    #[test]
    fn a_quote_closed_by_a_later_stray_quote_loses_only_its_line() {
        let text = "A,B,C\r\nBo,\"Two,3\r\nCy,4,5\r\nDi,\"x\",7\r\nEd,8,9\r\n";
        let (kept, skipped) = read(text, 10);
        assert_eq!(kept, vec![(12, "Cy".into()), (13, "Di".into()), (14, "Ed".into())]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].0, 11);
        assert!(skipped[0].1.contains("not closed on this line"), "{}", skipped[0].1);
    }

    #[test]
    fn a_quote_open_on_the_last_line_is_reported() {
        let (kept, skipped) = read("A,B\nAl,1\nBo,\"2\n", 1);
        assert_eq!(kept, vec![(2, "Al".into())]);
        assert_eq!(skipped.iter().map(|s| s.0).collect::<Vec<_>>(), vec![3]);
    }

    #[test]
    fn a_quoted_value_over_several_lines_is_kept() {
        let (kept, skipped) = read("A,B\n\"Al\",\"met at PyCon,\r\nlikes \"\"Rust\"\"\"\nBo,2\n", 1);
        assert_eq!(kept, vec![(2, "Al".into()), (4, "Bo".into())]);
        assert!(skipped.is_empty());
    }

    #[test]
    fn a_one_line_row_with_a_wrong_count_is_skipped_alone() {
        let (kept, skipped) = read("A,B\nAl,1,extra\nBo,2\n", 1);
        assert_eq!(kept, vec![(3, "Bo".into())]);
        assert_eq!(skipped[0].0, 2);
        assert!(skipped[0].1.contains("row has 3 field(s) but the header has 2"));
    }

    #[test]
    fn quote_state_follows_the_csv_rules() {
        let open = Quotes { open: true, stray: false };
        assert_eq!(quotes("a,\"b"), open);
        assert_eq!(quotes("a,b\"c"), Quotes::default());
        assert_eq!(quotes("a,\"b\"\"c\""), Quotes::default());
        assert_eq!(quotes("a,\"b\"\"c"), open);
        assert_eq!(quotes("\"a\nb\",c\n"), Quotes::default());
        assert_eq!(quotes("a,\"b\"c,d"), Quotes { open: false, stray: true });
    }
}
