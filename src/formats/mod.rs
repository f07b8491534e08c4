//! What enters and leaves Peercoach as text: the program file a trainer
//! exports and imports, and the call-analytics exports calls come from.
//!
//! Each format has its own serde types, kept apart from the domain types so
//! that a file's shape can be versioned without touching the logic. Parsing
//! happens in two steps: serde reads the text into those types, then a
//! conversion checks what serde cannot (dates, ranges, references) and
//! builds domain values. Every failure becomes a `FormatError` that names
//! the file, the place in it and what is wrong, because the person reading
//! it has the file open and needs to find the spot.

pub mod dates;
pub mod program_json;
pub mod score_csv;
pub mod transcripts;
pub mod travel_calls;

use serde::de::DeserializeOwned;
use thiserror::Error;

pub use program_json::{
    export_program, meta_to_json, parse_program, program_from_parts, record_from_json,
    record_to_json, Record, SCHEMA_VERSION,
};
pub use travel_calls::{parse_travel_call, ImportedCall};

// The strict readers moved to `dates` with the lenient one; the other
// formats still reach them from here.
pub(crate) use dates::{parse_date, parse_date_time};

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    /// The text is not JSON, or serde found a value of the wrong type, a
    /// missing field or an unknown one. `path` is `None` at the top level.
    #[error("{file}: {}", json_place(path.as_deref(), *line, *column, message))]
    Json {
        file: String,
        path: Option<String>,
        line: usize,
        column: usize,
        message: String,
    },

    #[error(
        "{file} is not a Peercoach program file (expected \"format\": \"{}\")",
        program_json::FORMAT
    )]
    NotAProgram { file: String },

    #[error(
        "{file} was written by a newer Peercoach (schema {found}); this version reads schema {}",
        SCHEMA_VERSION
    )]
    NewerSchema { file: String, found: u32 },

    /// A required value is absent; `why` says what it is needed for.
    #[error("{file}: {path} is missing; {why}")]
    Missing {
        file: String,
        path: String,
        why: String,
    },

    /// The value is there and of the right type but breaks a rule.
    #[error("{file}: {path}: {message}")]
    Invalid {
        file: String,
        path: String,
        message: String,
    },
}

fn json_place(path: Option<&str>, line: usize, column: usize, message: &str) -> String {
    match path {
        Some(path) => format!("at {path} (line {line}, column {column}): {message}"),
        None => format!("line {line}, column {column}: {message}"),
    }
}

/// A rule broken inside a record, found before the file name is known:
/// record conversions return it and the caller adds the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
        }
    }

    pub fn in_file(self, file: &str) -> FormatError {
        FormatError::Invalid {
            file: file.to_string(),
            path: self.path,
            message: self.message,
        }
    }
}

/// Joins a record's place (`program.calls[3]`) and a field within it.
pub(crate) fn at(base: &str, field: &str) -> String {
    if base.is_empty() {
        field.to_string()
    } else {
        format!("{base}.{field}")
    }
}

/// Reads `text` as a `T`, tracking the path serde had reached so that an
/// error can point into the file. `base` is prefixed to that path when the
/// text is one record of a larger whole.
pub(crate) fn decode<T: DeserializeOwned>(
    file: &str,
    base: &str,
    text: &str,
) -> Result<T, FormatError> {
    // A byte-order mark is what Windows tools often put in front of JSON;
    // it is not part of the data, so it should not make the file unreadable.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let inner_path = e.path().to_string();
        json_error(file, base, &inner_path, &e.into_inner())
    })?;
    // Text after the value means the file was glued to another or edited.
    de.end().map_err(|e| json_error(file, base, ".", &e))?;
    Ok(value)
}

fn json_error(file: &str, base: &str, inner_path: &str, error: &serde_json::Error) -> FormatError {
    let path = match (base.is_empty(), inner_path == ".") {
        (true, true) => None,
        (false, true) => Some(base.to_string()),
        (_, false) => Some(at(base, inner_path)),
    };
    FormatError::Json {
        file: file.to_string(),
        path,
        line: error.line(),
        column: error.column(),
        message: json_message(error),
    }
}

/// serde_json's message without its own " at line L column C" suffix, which
/// `FormatError` already shows, and with a hint for the errors a person
/// can fix without knowing JSON.
fn json_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let suffix = format!(" at line {} column {}", error.line(), error.column());
    let bare = full.strip_suffix(&suffix).unwrap_or(&full);
    match error.classify() {
        serde_json::error::Category::Eof => {
            format!("the text ends too early ({bare}); the file may have been cut short")
        }
        serde_json::error::Category::Syntax => format!("not valid JSON ({bare})"),
        _ => bare.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Pair {
        a: u8,
        b: String,
    }

    #[test]
    fn a_type_error_names_the_file_the_path_and_the_position() {
        let err = decode::<Vec<Pair>>("x.json", "", "[{\"a\": 1, \"b\": \"\"}, {\"a\": \"two\"}]")
            .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("x.json: at [1].a (line 1, column"),
            "{text}"
        );
        assert!(text.contains("invalid type"), "{text}");
    }

    #[test]
    fn text_that_is_not_json_is_reported_by_line_and_column() {
        let err = decode::<Pair>("x.json", "", "a,b\n1,2").unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.json: line 1, column 1: not valid JSON (expected value)",
            "{err:?}"
        );
    }

    #[test]
    fn a_record_path_is_prefixed_with_its_place_in_the_whole() {
        let err = decode::<Pair>("saved", "calls[2]", "{\"a\": 1}").unwrap_err();
        assert!(
            err.to_string().starts_with("saved: at calls[2] (line 1"),
            "{err}"
        );
        assert!(err.to_string().contains("missing field `b`"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_does_not_make_a_file_unreadable() {
        let pair: Pair = decode("x.json", "", "\u{feff}{\"a\": 1, \"b\": \"ok\"}").unwrap();
        assert_eq!(pair.a, 1);
    }
}
