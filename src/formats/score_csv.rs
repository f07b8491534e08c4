//! Reads rubric scores from a QA tool's CSV export, in the steps the import
//! screen walks the person through: read the file into a table, guess which
//! column is which, preview what would be imported, and apply it.
//!
//! Every step but the last is pure and changes nothing, so the screen can
//! redo the preview each time the person corrects a column or the scale.
//! QA tools disagree on almost everything (encoding, delimiter, date order,
//! score scale, how N/A is written), so this module guesses where a guess
//! is safe and asks where it is not: an ambiguous date order is left for
//! the person to choose. Rows that cannot be read are listed with their
//! line and the reason instead of failing the file, because one bad row in
//! a thousand should not block the rest. Date parsing is `dates`' job and
//! adding records to a program stays as simple as pushing the previewed
//! ones, so that what is applied is exactly what was shown.

use std::collections::HashSet;

use chrono::{FixedOffset, Offset, Utc};

use super::dates::{self, DayOrder, When};
use super::FormatError;
use crate::domain::rubric::{MAX_LEVEL, MIN_LEVEL};
use crate::domain::{Agent, Call, CriterionScore, Evaluation, Program, Role, Rubric, Team};

/// The evaluator named on imported evaluations when no column says who scored.
pub const DEFAULT_EVALUATOR: &str = "Imported QA";

/// The team given to a new call whose agent has no call in the program yet.
pub const UNASSIGNED_TEAM: &str = "unassigned";

/// How many rows the preview shows as they will be read.
const SAMPLE_ROWS: usize = 5;

/// A CSV file read into cells, before any column has a meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub file_name: String,
    /// "UTF-8", "UTF-16LE", "UTF-16BE" or "Windows-1252".
    pub encoding: &'static str,
    pub delimiter: char,
    pub headers: Vec<String>,
    pub rows: Vec<TableRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The 1-based line in the file where the row starts; a quoted cell
    /// can span lines, so this is not the row's index plus two.
    pub line: usize,
    /// The cells as written; a row can have more or fewer than the header.
    pub cells: Vec<String>,
}

/// Reads a CSV export into a table. The encoding is UTF-8 (with or without
/// a byte-order mark), UTF-16 when a byte-order mark says so, and otherwise
/// Windows-1252, which is what Excel on Windows writes by default. The
/// delimiter is the one of comma, semicolon and tab that the header line
/// uses most.
/// The 1-based line a record starts on. With CRLF line ends, which is how
/// Excel writes, the csv crate counts lines one short and reports a
/// record's start at the previous line's end, so the line is counted here
/// from the first byte of the record's own text.
fn line_at(text: &str, byte: u64) -> usize {
    let bytes = text.as_bytes();
    let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
    while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
        start += 1;
    }
    1 + bytes[..start].iter().filter(|b| **b == b'\n').count()
}

pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Table, FormatError> {
    let invalid = |line: usize, message: String| FormatError::Invalid {
        file: file_name.to_string(),
        path: format!("line {line}"),
        message,
    };
    let (text, encoding) = decode_text(bytes);
    let delimiter = sniff_delimiter(&text);

    // The header is read as an ordinary record so that every record goes
    // through the same flexible reader and a short header is not an error.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter as u8)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(&text, p.byte()));
            invalid(
                line,
                format!("the CSV cannot be read ({e}); save it again as CSV"),
            )
        })?;
        let line = record.position().map_or(0, |p| line_at(&text, p.byte()));
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        records.push(TableRow { line, cells });
    }
    let mut records = records.into_iter();
    let header = records.next().ok_or_else(|| {
        invalid(
            1,
            "the file is empty; export the scores with a header row of column names".into(),
        )
    })?;
    let headers: Vec<String> = header.cells.iter().map(|h| h.trim().to_string()).collect();
    if headers.iter().all(String::is_empty) {
        return Err(invalid(
            header.line,
            "the first row has no column names; export the scores with a header row".into(),
        ));
    }

    Ok(Table {
        file_name: file_name.to_string(),
        encoding,
        delimiter,
        headers,
        rows: records.collect(),
    })
}

/// The file's text and the name of the encoding it was read with.
fn decode_text(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // A byte-order mark promises UTF-8; should the rest break that
        // promise, invalid bytes show as a replacement character in the
        // preview rather than turning the whole file into mojibake.
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    // Excel's "Unicode text" export is UTF-16 with a byte-order mark.
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return (text.into_owned(), "UTF-16LE");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return (text.into_owned(), "UTF-16BE");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        // Text that is not UTF-8 is almost always Windows-1252 in a call
        // centre export; every byte decodes, so this step cannot fail.
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// The delimiter the header line uses most, counted outside quotes so that
/// a column named "Score; 1-5" does not decide it. A tie or a header of one
/// column falls back to the comma, the format's own default.
fn sniff_delimiter(text: &str) -> char {
    const CANDIDATES: [char; 3] = [',', ';', '\t'];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&d| d == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..CANDIDATES.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    CANDIDATES[best]
}

/// The scale a QA tool scores on, and how it becomes a rubric level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScoreScale {
    OneToFive,
    ZeroToTen,
    Percent,
}

impl ScoreScale {
    pub const ALL: [ScoreScale; 3] = [
        ScoreScale::OneToFive,
        ScoreScale::ZeroToTen,
        ScoreScale::Percent,
    ];

    pub fn label(&self) -> &'static str {
        match self {
            ScoreScale::OneToFive => "1–5",
            ScoreScale::ZeroToTen => "0–10",
            ScoreScale::Percent => "percent",
        }
    }

    /// The conversion as the import screen states it, so the person can
    /// check it against their QA tool before importing.
    pub fn rule(&self) -> &'static str {
        match self {
            ScoreScale::OneToFive => "1–5 as given (a half such as 4.5 rounds up)",
            ScoreScale::ZeroToTen => {
                "0–10: level = 1 + 0.4 × score, rounded to the nearest whole level"
            }
            ScoreScale::Percent => "percent: level = 1 + 0.04 × score, rounded",
        }
    }

    fn bounds(&self) -> (f64, f64) {
        match self {
            ScoreScale::OneToFive => (1.0, 5.0),
            ScoreScale::ZeroToTen => (0.0, 10.0),
            ScoreScale::Percent => (0.0, 100.0),
        }
    }

    /// The rubric level (1-5) for `value`, or `None` outside the scale.
    pub fn to_level(&self, value: f64) -> Option<u8> {
        let (low, high) = self.bounds();
        if !value.is_finite() || value < low || value > high {
            return None;
        }
        // Multiplying by 4 before dividing by the range keeps halves exact
        // (50% is 3.0, 12.5% is 1.5), so they round the same way every time;
        // 0.04 × score would land a hair either side of the half.
        let level = match self {
            ScoreScale::OneToFive => value,
            ScoreScale::ZeroToTen => 1.0 + value * 4.0 / 10.0,
            ScoreScale::Percent => 1.0 + value * 4.0 / 100.0,
        };
        Some(level.round() as u8)
    }

    /// The narrowest scale that holds every value, or `None` when some
    /// value fits none of them.
    fn narrowest_for(values: &[f64]) -> Option<ScoreScale> {
        ScoreScale::ALL.into_iter().find(|scale| {
            let (low, high) = scale.bounds();
            values.iter().all(|v| (low..=high).contains(v))
        })
    }
}

/// Which column holds what, and how to read the values; chosen by the
/// person on the import screen, starting from `suggest_mapping`.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub call_id: usize,
    pub agent: usize,
    pub date_time: usize,
    pub evaluator: Option<usize>,
    pub outcome: Option<usize>,
    /// Criterion id and the column its scores are in.
    pub criteria: Vec<(String, usize)>,
    pub scale: ScoreScale,
    pub day_order: DayOrder,
    /// The offset a date-time without one is read in.
    pub zone: FixedOffset,
    pub role: Role,
    /// The rubric the criteria columns belong to (its newest version); the
    /// default rubric when the program has no rubric of this id.
    pub rubric_id: String,
}

impl Mapping {
    fn rubric<'a>(&self, program: &'a Program) -> &'a Rubric {
        program.current_rubric_or_default(&self.rubric_id)
    }
}

/// What `suggest_mapping` could tell from the file; `None` is a question
/// for the person.
#[derive(Debug, Clone, PartialEq)]
pub struct MappingSuggestion {
    pub call_id: Option<usize>,
    pub agent: Option<usize>,
    pub date_time: Option<usize>,
    pub evaluator: Option<usize>,
    pub outcome: Option<usize>,
    pub criteria: Vec<(String, usize)>,
    /// Ids of the rubric's criteria no column was found for; they import
    /// as N/A unless the person picks a column.
    pub unmatched_criteria: Vec<String>,
    pub scale: Option<ScoreScale>,
    pub day_order: Option<DayOrder>,
    /// Whether the day order changes how any date in the file reads. ISO
    /// dates and Excel day numbers read the same either way, and then the
    /// person is not asked.
    pub day_order_matters: bool,
}

impl MappingSuggestion {
    /// The mapping, when nothing is left to ask; otherwise one sentence per
    /// choice the person still has to make.
    pub fn mapping(
        &self,
        zone: FixedOffset,
        role: Role,
        rubric_id: &str,
    ) -> Result<Mapping, Vec<String>> {
        let mut questions = Vec::new();
        let mut ask = |missing: bool, question: &str| {
            if missing {
                questions.push(question.to_string());
            }
        };
        ask(self.call_id.is_none(), "Which column holds the call id?");
        ask(
            self.agent.is_none(),
            "Which column holds the agent's name or id?",
        );
        ask(self.date_time.is_none(), "Which column holds the date?");
        ask(
            self.criteria.is_empty(),
            "Which columns hold the rubric scores?",
        );
        ask(
            self.scale.is_none(),
            "Which scale are the scores on: 1–5, 0–10 or percent?",
        );
        ask(
            self.day_order.is_none() && self.day_order_matters,
            "Are dates written day first (13/06/2024) or month first (06/13/2024)?",
        );
        // When the order does not matter either choice reads the same.
        let day_order = self.day_order.unwrap_or(DayOrder::DayFirst);
        match (self.call_id, self.agent, self.date_time, self.scale) {
            (Some(call_id), Some(agent), Some(date_time), Some(scale)) if questions.is_empty() => {
                Ok(Mapping {
                    call_id,
                    agent,
                    date_time,
                    evaluator: self.evaluator,
                    outcome: self.outcome,
                    criteria: self.criteria.clone(),
                    scale,
                    day_order,
                    zone,
                    role,
                    rubric_id: rubric_id.to_string(),
                })
            }
            _ => Err(questions),
        }
    }
}

// Header names as QA tools write them, already normalised; the first name
// in a list that a header matches wins, so an id column beats a name column.
const CALL_ID_NAMES: &[&str] = &[
    "callid",
    "interactionid",
    "conversationid",
    "contactid",
    "call",
    "interaction",
    "conversation",
];
const AGENT_NAMES: &[&str] = &[
    "agentid",
    "agent",
    "agentname",
    "employeeid",
    "employee",
    "representative",
];
const DATE_NAMES: &[&str] = &[
    "calldate",
    "date",
    "datetime",
    "calltime",
    "starttime",
    "evaluatedat",
    "evaluationdate",
    "scoredon",
    "scoredat",
    "timestamp",
];
const EVALUATOR_NAMES: &[&str] = &[
    "evaluator",
    "evaluatorname",
    "scoredby",
    "evaluatedby",
    "reviewer",
    "qa",
    "qaanalyst",
    "qaname",
];
const OUTCOME_NAMES: &[&str] = &[
    "outcome",
    "fcr",
    "firstcallresolution",
    "resolved",
    "resolutionstatus",
];

/// A header or a criterion name reduced to lower-case letters and digits,
/// so "Call ID", "call_id" and "CallId" compare equal.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Guesses the mapping from the header names and the values: columns by
/// name, the scale from the largest score, the day order from the dates.
pub fn suggest_mapping(table: &Table, rubric: &Rubric) -> MappingSuggestion {
    let headers: Vec<String> = table.headers.iter().map(|h| normalise(h)).collect();
    let mut taken: HashSet<usize> = HashSet::new();
    let mut pick = |names: &[&str]| {
        let found = names.iter().find_map(|name| {
            (0..headers.len()).find(|i| !taken.contains(i) && headers[*i] == *name)
        });
        if let Some(i) = found {
            taken.insert(i);
        }
        found
    };
    let call_id = pick(CALL_ID_NAMES);
    let agent = pick(AGENT_NAMES);
    let date_time = pick(DATE_NAMES);
    let evaluator = pick(EVALUATOR_NAMES);
    // Criteria go before the outcome: a column named after a criterion or
    // its dimension holds scores, even when a rubric names one "Resolved".
    let (criteria, unmatched_criteria) = match_criteria(&headers, rubric, &mut taken);
    let outcome = (0..headers.len())
        .find(|i| !taken.contains(i) && OUTCOME_NAMES.contains(&headers[*i].as_str()));
    let well_formed: Vec<&TableRow> = table
        .rows
        .iter()
        .filter(|r| r.cells.len() == table.headers.len())
        .collect();
    let values: Vec<f64> = well_formed
        .iter()
        .flat_map(|row| {
            criteria
                .iter()
                .map(move |(_, col)| row.cells[*col].as_str())
        })
        .filter_map(|cell| parse_score(cell).ok().flatten())
        .collect();
    // A "%" on any score says the scale outright, whatever the values.
    let has_percent_sign = well_formed
        .iter()
        .flat_map(|row| criteria.iter().map(move |(_, col)| row.cells[*col].trim()))
        .any(|cell| cell.ends_with('%'));
    let scale = if has_percent_sign {
        Some(ScoreScale::Percent)
    } else if values.is_empty() {
        None
    } else {
        ScoreScale::narrowest_for(&values)
    };
    let samples: Vec<&str> = date_time.map_or_else(Vec::new, |col| {
        well_formed
            .iter()
            .map(|row| row.cells[col].trim())
            .filter(|cell| !cell.is_empty())
            .collect()
    });
    let day_order = dates::guess_day_order(&samples);
    let utc = Utc.fix();
    let day_order_matters = date_time.is_none()
        || samples.iter().any(|sample| {
            dates::parse_when(sample, utc, DayOrder::MonthFirst)
                != dates::parse_when(sample, utc, DayOrder::DayFirst)
        });

    MappingSuggestion {
        call_id,
        agent,
        date_time,
        evaluator,
        outcome,
        criteria,
        unmatched_criteria,
        scale,
        day_order,
        day_order_matters,
    }
}

/// Columns for the rubric's criteria: by id or name first, then by
/// dimension, which only counts when the dimension has a single criterion
/// (a column "Empathy" says nothing about which of two empathy criteria).
/// A trailing "score" on the header is ignored ("Empathy score").
fn match_criteria(
    headers: &[String],
    rubric: &Rubric,
    taken: &mut HashSet<usize>,
) -> (Vec<(String, usize)>, Vec<String>) {
    let bare: Vec<&str> = headers
        .iter()
        .map(|h| match h.strip_suffix("score") {
            Some(rest) if !rest.is_empty() => rest,
            _ => h.as_str(),
        })
        .collect();
    let criteria = rubric.criteria();
    let mut found: Vec<Option<usize>> = vec![None; criteria.len()];
    let mut claim = |index: usize, names: &[String]| {
        if found[index].is_some() {
            return;
        }
        let column = (0..headers.len()).find(|i| {
            !taken.contains(i) && names.iter().any(|n| headers[*i] == *n || bare[*i] == n)
        });
        if let Some(i) = column {
            taken.insert(i);
            found[index] = Some(i);
        }
    };
    for (index, c) in criteria.iter().enumerate() {
        claim(index, &[normalise(&c.id), normalise(&c.name)]);
    }
    for (index, c) in criteria.iter().enumerate() {
        if rubric.criteria_in(&c.dimension).count() == 1 {
            claim(index, &[normalise(&c.dimension)]);
        }
    }

    let mut matched = Vec::new();
    let mut unmatched = Vec::new();
    for (c, column) in criteria.iter().zip(found) {
        match column {
            Some(column) => matched.push((c.id.clone(), column)),
            None => unmatched.push(c.id.clone()),
        }
    }
    (matched, unmatched)
}

/// A score cell as a number; `Ok(None)` is N/A.
///
/// A decimal comma ("4,5") is read as a decimal point. In a comma-delimited
/// file a cell can only hold a comma when it was quoted, so this is safe
/// whatever the delimiter. A trailing "%" is allowed, as percent exports
/// often carry one.
fn parse_score(cell: &str) -> Result<Option<f64>, String> {
    let text = cell.trim();
    if is_not_applicable(text) {
        return Ok(None);
    }
    let number = text.strip_suffix('%').unwrap_or(text).trim();
    let number = if number.contains('.') {
        number.to_string()
    } else {
        number.replacen(',', ".", 1)
    };
    match number.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(Some(value)),
        _ => Err(format!("{cell:?} is not a number")),
    }
}

fn is_not_applicable(text: &str) -> bool {
    text.is_empty() || ["n/a", "na", "-", "–"].contains(&text.to_lowercase().as_str())
}

/// First-call resolution as QA tools write it; `Ok(None)` when blank.
fn parse_outcome(cell: &str) -> Result<Option<bool>, String> {
    let text = cell.trim().to_lowercase();
    match text.as_str() {
        "yes" | "y" | "true" | "1" | "resolved" => Ok(Some(true)),
        "no" | "n" | "false" | "0" | "unresolved" => Ok(Some(false)),
        t if is_not_applicable(t) => Ok(None),
        _ => Err(format!(
            "{cell:?} is not an outcome (accepted: yes, no, true, false, 1, 0, resolved, \
             unresolved, or empty)"
        )),
    }
}

/// One row that cannot be imported, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    pub line: usize,
    pub reason: String,
}

/// One criterion's cell as it will be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewScore {
    pub criterion_id: String,
    pub raw: String,
    /// The level it becomes; `None` for N/A or for a value that is rejected.
    pub level: Option<u8>,
}

/// One of the first rows of the file as it will be read, so the person can
/// check the mapping on real values before importing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewRow {
    pub line: usize,
    pub call_id: String,
    /// The matched agent's name, or the cell as written when none matched.
    pub agent: String,
    /// The date as read (`2024-06-13` or `2024-06-13 14:05 +02:00`), or the
    /// cell as written when it is not a date.
    pub date: String,
    pub scores: Vec<PreviewScore>,
    /// Why the row will not be imported, if it will not.
    pub rejected: Option<String>,
}

/// What importing the table with a mapping would do, computed without
/// changing the program.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScorePreview {
    pub evaluations: Vec<Evaluation>,
    /// Calls the program does not have yet, one per unknown call id, made
    /// from the rows (without a transcript).
    pub new_calls: Vec<Call>,
    /// The "unassigned" team, when a new call needs it and the program
    /// lacks it; a call must name a team the program has.
    pub new_teams: Vec<Team>,
    pub rejected: Vec<RejectedRow>,
    /// Lines of rows that repeat an earlier row or an evaluation the
    /// program already has; they are not imported again.
    pub duplicates: Vec<usize>,
    /// Sentences about agent cells matched by name despite differences in
    /// case or spacing, so a near-miss is seen rather than silently taken.
    pub name_matches: Vec<String>,
    pub sample: Vec<PreviewRow>,
}

/// A row read through the mapping, each part kept separately so that the
/// sample can show what was read even when the row is rejected.
struct ReadRow<'a> {
    line: usize,
    call_id: String,
    agent_cell: String,
    /// The matched agent, and whether the cell named them exactly.
    agent: Result<(&'a Agent, bool), String>,
    date_cell: String,
    when: Result<When, String>,
    evaluator: String,
    outcome: Result<Option<bool>, String>,
    scores: Vec<(PreviewScore, Result<Option<u8>, String>)>,
    length_problem: Option<String>,
}

/// The values of a row that reads, ready to become records.
struct Accepted<'a> {
    agent: &'a Agent,
    when: When,
    resolved: Option<bool>,
}

impl<'a> ReadRow<'a> {
    /// The row's values when it reads, or every problem in one sentence.
    fn accepted(&self) -> Result<Accepted<'a>, String> {
        if let Some(problem) = &self.length_problem {
            return Err(problem.clone());
        }
        let mut problems = Vec::new();
        if self.call_id.is_empty() {
            problems.push("the call id is empty".to_string());
        }
        let mut note = |result: Result<(), &String>| {
            if let Err(e) = result {
                problems.push(e.clone());
            }
        };
        note(self.agent.as_ref().map(|_| ()));
        note(self.when.as_ref().map(|_| ()));
        note(self.outcome.as_ref().map(|_| ()));
        for (_, read) in &self.scores {
            note(read.as_ref().map(|_| ()));
        }
        match (&self.agent, &self.when, &self.outcome) {
            (Ok((agent, _)), Ok(when), Ok(resolved)) if problems.is_empty() => Ok(Accepted {
                agent,
                when: *when,
                resolved: *resolved,
            }),
            _ => Err(problems.join("; ")),
        }
    }

    fn preview(&self) -> PreviewRow {
        let agent = match &self.agent {
            Ok((agent, _)) => agent.name.clone(),
            Err(_) => self.agent_cell.clone(),
        };
        PreviewRow {
            line: self.line,
            call_id: self.call_id.clone(),
            agent,
            date: match &self.when {
                Ok(When::At(at)) => at.format("%Y-%m-%d %H:%M %:z").to_string(),
                Ok(When::Day(day)) => day.format("%Y-%m-%d").to_string(),
                Err(_) => self.date_cell.clone(),
            },
            scores: self.scores.iter().map(|(s, _)| s.clone()).collect(),
            rejected: self.accepted().err(),
        }
    }
}

fn read_row<'a>(
    table: &Table,
    mapping: &Mapping,
    program: &'a Program,
    row: &TableRow,
) -> ReadRow<'a> {
    // A short row reads as empty cells, so the sample can still show it.
    let cell = |column: usize| row.cells.get(column).map_or("", String::as_str);
    let header = |column: usize| table.headers.get(column).map_or("", String::as_str);
    let length_problem = (row.cells.len() != table.headers.len()).then(|| {
        format!(
            "the row has {} fields but the header has {}; check it for a stray delimiter or \
             an unclosed quote",
            row.cells.len(),
            table.headers.len()
        )
    });

    let agent_cell = cell(mapping.agent);
    let agent = find_agent(program, agent_cell)
        .map_err(|e| format!("{e} (column {:?})", header(mapping.agent)));
    let date_cell = cell(mapping.date_time);
    let when = if date_cell.trim().is_empty() {
        Err(format!(
            "the date is empty (column {:?})",
            header(mapping.date_time)
        ))
    } else {
        dates::parse_when(date_cell, mapping.zone, mapping.day_order)
            .map_err(|e| format!("{e} (column {:?})", header(mapping.date_time)))
    };
    let evaluator = mapping
        .evaluator
        .map(|c| cell(c).trim())
        .filter(|name| !name.is_empty())
        .unwrap_or(DEFAULT_EVALUATOR)
        .to_string();
    let outcome = match mapping.outcome {
        None => Ok(None),
        Some(c) => parse_outcome(cell(c)).map_err(|e| format!("{e} (column {:?})", header(c))),
    };
    let scores = mapping
        .criteria
        .iter()
        .map(|(criterion_id, column)| {
            let raw = cell(*column);
            let yes_no = mapping
                .rubric(program)
                .criterion(criterion_id)
                .is_some_and(|c| c.scale.is_yes_no());
            let read = if yes_no {
                read_yes_no(raw, header(*column), mapping.scale)
            } else {
                read_score(raw, header(*column), mapping.scale)
            };
            let score = PreviewScore {
                criterion_id: criterion_id.clone(),
                raw: raw.to_string(),
                level: read.clone().ok().flatten(),
            };
            (score, read)
        })
        .collect();

    ReadRow {
        line: row.line,
        call_id: cell(mapping.call_id).trim().to_string(),
        agent_cell: agent_cell.to_string(),
        agent,
        date_cell: date_cell.to_string(),
        when,
        evaluator,
        outcome,
        scores,
        length_problem,
    }
}

fn read_score(raw: &str, column: &str, scale: ScoreScale) -> Result<Option<u8>, String> {
    let value = parse_score(raw).map_err(|e| {
        format!(
            "{e} in column {column:?}; write a number on the {} scale, or leave it empty for N/A",
            scale.label()
        )
    })?;
    match value {
        None => Ok(None),
        Some(value) => scale.to_level(value).map(Some).ok_or_else(|| {
            format!(
                "{} in column {column:?} is outside the {} scale; choose the scale the file uses \
                 or correct the value",
                raw.trim(),
                scale.label()
            )
        }),
    }
}

/// A yes/no criterion's cell: yes/no words as QA tools write them, or a
/// number that converts to the top or bottom level. Anything between would
/// be neither a yes nor a no, so it is refused rather than stored.
fn read_yes_no(raw: &str, column: &str, scale: ScoreScale) -> Result<Option<u8>, String> {
    let word = raw.trim().to_lowercase();
    match word.as_str() {
        "yes" | "y" | "true" | "pass" | "passed" | "met" => return Ok(Some(MAX_LEVEL)),
        "no" | "n" | "false" | "fail" | "failed" | "not met" => return Ok(Some(MIN_LEVEL)),
        _ => {}
    }
    match read_score(raw, column, scale)? {
        None => Ok(None),
        Some(level) if level == MAX_LEVEL || level == MIN_LEVEL => Ok(Some(level)),
        Some(level) => Err(format!(
            "{} in column {column:?} reads as level {level}, but that criterion is yes/no: write Yes or No (or the top or bottom of the scale)",
            raw.trim()
        )),
    }
}

/// The agent a cell names: by id exactly, or by name ignoring case and
/// spacing. The flag says whether the match was exact.
fn find_agent<'a>(program: &'a Program, cell: &str) -> Result<(&'a Agent, bool), String> {
    let text = cell.trim();
    if text.is_empty() {
        return Err("the agent is empty".into());
    }
    if let Some(agent) = program.agent(text) {
        return Ok((agent, true));
    }
    if let Some(agent) = program.agents.iter().find(|a| a.name == cell) {
        return Ok((agent, true));
    }
    let wanted = loose_name(text);
    let found: Vec<&Agent> = program
        .agents
        .iter()
        .filter(|a| loose_name(&a.name) == wanted)
        .collect();
    match found.as_slice() {
        [agent] => Ok((agent, false)),
        [] => Err(format!(
            "no agent in the program is named or has the id {text:?}; import their calls first \
             or correct the name"
        )),
        several => Err(format!(
            "{text:?} could be any of {} agents ({}); use the agent id instead",
            several.len(),
            several
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// A name in lower case with single spaces between words.
fn loose_name(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// An evaluation as duplicates are recognised: call id, evaluator, scores.
type DuplicateKey = (String, String, Vec<(String, u8)>);

/// Scores compared for duplicates: N/A entries left out and sorted by
/// criterion, since an evaluation may list N/A or omit it.
fn score_key(scores: &[CriterionScore]) -> Vec<(String, u8)> {
    let mut key: Vec<(String, u8)> = scores
        .iter()
        .filter_map(|s| s.score.map(|level| (s.criterion_id.clone(), level)))
        .collect();
    key.sort();
    key
}

/// What importing `table` with `mapping` into `program` would add, and
/// which rows would be left out and why. Nothing is changed.
pub fn preview_scores(table: &Table, mapping: &Mapping, program: &Program) -> ScorePreview {
    let mut preview = ScorePreview::default();
    let reads: Vec<ReadRow> = table
        .rows
        .iter()
        .map(|row| read_row(table, mapping, program, row))
        .collect();
    preview.sample = reads
        .iter()
        .take(SAMPLE_ROWS)
        .map(ReadRow::preview)
        .collect();

    let mut known = Known {
        scored: program
            .evaluations
            .iter()
            .map(|e| (e.call_id.clone(), e.evaluator.clone(), score_key(&e.scores)))
            .collect(),
        ids: program.evaluations.iter().map(|e| e.id.clone()).collect(),
    };
    // Loose name matches grouped by the cell as written, in file order.
    let mut loose: Vec<(String, String, Vec<usize>)> = Vec::new();

    for read in &reads {
        if let Ok((agent, false)) = &read.agent {
            match loose.iter_mut().find(|(c, _, _)| *c == read.agent_cell) {
                Some((_, _, lines)) => lines.push(read.line),
                None => loose.push((read.agent_cell.clone(), agent.name.clone(), vec![read.line])),
            }
        }
        let source = table.file_name.as_str();
        let planned = read.accepted().and_then(|accepted| {
            plan_row(
                read,
                &accepted,
                mapping,
                program,
                source,
                &mut preview,
                &mut known,
            )
        });
        if let Err(reason) = planned {
            preview.rejected.push(RejectedRow {
                line: read.line,
                reason,
            });
        }
    }

    preview.name_matches = loose
        .into_iter()
        .map(|(cell, name, lines)| {
            let lines_text = lines.iter().map(usize::to_string).collect::<Vec<_>>();
            let noun = if lines.len() == 1 { "line" } else { "lines" };
            format!(
                "{cell:?} ({noun} {}) matched agent {name}",
                lines_text.join(", ")
            )
        })
        .collect();
    if preview
        .new_calls
        .iter()
        .any(|c| c.team_id == UNASSIGNED_TEAM)
        && program.team(UNASSIGNED_TEAM).is_none()
    {
        preview.new_teams.push(Team {
            id: UNASSIGNED_TEAM.into(),
            name: "Unassigned".into(),
        });
    }
    preview
}

/// What the program and the rows planned so far already hold: evaluations
/// by call, evaluator and scores, to find duplicates, and evaluation ids.
struct Known {
    scored: HashSet<DuplicateKey>,
    ids: HashSet<String>,
}

/// Adds a row that reads to the preview: its evaluation, and its call if
/// the id is new, unless the row repeats one already counted.
fn plan_row(
    read: &ReadRow,
    accepted: &Accepted,
    mapping: &Mapping,
    program: &Program,
    source: &str,
    preview: &mut ScorePreview,
    known: &mut Known,
) -> Result<(), String> {
    let Accepted {
        agent,
        when,
        resolved,
    } = *accepted;

    // A score attached to a call taken by someone else would count for the
    // wrong person in coach choice, so a disagreement stops the row.
    let call_agent = program
        .call(&read.call_id)
        .or_else(|| preview.new_calls.iter().find(|c| c.id == read.call_id))
        .map(|c| c.agent_id.as_str());
    if let Some(call_agent) = call_agent {
        if call_agent != agent.id {
            return Err(format!(
                "call {} is {}'s, but this row names {}; correct the agent or the call id",
                read.call_id,
                program.agent_name(call_agent),
                agent.name
            ));
        }
    }

    let scores: Vec<CriterionScore> = read
        .scores
        .iter()
        .map(|(s, _)| CriterionScore {
            criterion_id: s.criterion_id.clone(),
            score: s.level,
            evidence: Vec::new(),
        })
        .collect();
    let key = (
        read.call_id.clone(),
        read.evaluator.clone(),
        score_key(&scores),
    );
    if !known.scored.insert(key) {
        preview.duplicates.push(read.line);
        return Ok(());
    }

    if call_agent.is_none() {
        preview.new_calls.push(Call {
            id: read.call_id.clone(),
            agent_id: agent.id.clone(),
            team_id: latest_team(program, &agent.id),
            started_at: when.or_start_of_day(mapping.zone),
            resolved,
            reason: String::new(),
            source: source.to_string(),
            lines: Vec::new(),
        });
    }
    // Ids only need to be stable for the same file and unique in the
    // program; a clash (the file edited and imported again) gets a suffix.
    let base = format!("csv-{}-{}", read.call_id, read.line);
    let mut id = base.clone();
    let mut n = 2;
    while !known.ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    preview.evaluations.push(Evaluation {
        id,
        call_id: read.call_id.clone(),
        role: mapping.role,
        evaluator: read.evaluator.clone(),
        scored_on: when.day(),
        // The columns were mapped to the default rubric's criteria.
        rubric_id: mapping.rubric(program).id().to_string(),
        rubric_version: mapping.rubric(program).version(),
        scores,
    });
    Ok(())
}

/// The team of the agent's most recent call, since agents move between
/// teams and the latest is the best guess for a call the program lacks.
fn latest_team(program: &Program, agent_id: &str) -> String {
    program
        .calls
        .iter()
        .filter(|c| c.agent_id == agent_id)
        .max_by_key(|c| c.started_at)
        .map_or_else(|| UNASSIGNED_TEAM.to_string(), |c| c.team_id.clone())
}

/// Adds what the preview found: its new teams, calls and evaluations. The
/// preview was computed on this program; should anything with the same id
/// have arrived since, the program's own record is kept.
pub fn apply_scores(program: &mut Program, preview: ScorePreview) {
    let ScorePreview {
        evaluations,
        new_calls,
        new_teams,
        ..
    } = preview;
    for team in new_teams {
        if program.team(&team.id).is_none() {
            program.teams.push(team);
        }
    }
    for call in new_calls {
        if program.call(&call.id).is_none() {
            program.calls.push(call);
        }
    }
    let taken: HashSet<String> = program.evaluations.iter().map(|e| e.id.clone()).collect();
    program
        .evaluations
        .extend(evaluations.into_iter().filter(|e| !taken.contains(&e.id)));
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate};

    use super::*;
    use crate::domain::merge::add_calls;

    const FILE: &str = "scores.csv";

    fn utc() -> FixedOffset {
        FixedOffset::east_opt(0).unwrap()
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn agent(id: &str, name: &str) -> Agent {
        Agent {
            id: id.into(),
            name: name.into(),
            hired_on: None,
        }
    }

    /// Agents a1 Mason White (one call, c1, on team midwest), a2 Zoé
    /// Martin (no calls), scored with the default rubric.
    fn program() -> Program {
        let mut p = Program::empty("Test");
        p.agents = vec![agent("a1", "Mason White"), agent("a2", "Zoé Martin")];
        p.teams = vec![Team {
            id: "midwest".into(),
            name: "Midwest".into(),
        }];
        p.calls = vec![Call {
            id: "c1".into(),
            agent_id: "a1".into(),
            team_id: "midwest".into(),
            started_at: DateTime::parse_from_rfc3339("2024-06-02T16:36:32-07:00").unwrap(),
            resolved: Some(true),
            reason: "Complaints".into(),
            source: "test".into(),
            lines: Vec::new(),
        }];
        p
    }

    fn table(text: &str) -> Table {
        read_table(FILE, text.as_bytes()).unwrap()
    }

    /// The suggested mapping, day first when the dates leave it open.
    fn mapping(table: &Table, program: &Program) -> Mapping {
        let mut suggestion = suggest_mapping(table, &program.rubric());
        suggestion.day_order.get_or_insert(DayOrder::DayFirst);
        suggestion
            .mapping(utc(), Role::Qa, "default")
            .unwrap_or_else(|questions| panic!("{questions:?}"))
    }

    fn preview_of(program: &Program, text: &str) -> ScorePreview {
        let table = table(text);
        preview_scores(&table, &mapping(&table, program), program)
    }

    fn levels(evaluation: &Evaluation) -> Vec<(&str, Option<u8>)> {
        evaluation
            .scores
            .iter()
            .map(|s| (s.criterion_id.as_str(), s.score))
            .collect()
    }

    fn rejected_lines(preview: &ScorePreview) -> Vec<usize> {
        preview.rejected.iter().map(|r| r.line).collect()
    }

    /// The test program with its opening criterion made a yes/no item.
    fn program_with_yes_no_opening() -> Program {
        let mut p = program();
        let mut criteria = p.rubric().criteria().to_vec();
        criteria[0].scale = crate::domain::rubric::Scale::YesNoAsFiveOrOne;
        criteria[0].critical_at = Some(1);
        p.rubrics = vec![Rubric::new("yes-no", criteria).unwrap()];
        p
    }

    #[test]
    fn a_yes_no_criterion_reads_yes_and_no_words_and_refuses_a_middle_level() {
        // Regression: a 2 on a yes/no item was stored as level 2, shown as
        // "No", and did not fail the call.
        let p = program_with_yes_no_opening();
        let preview = preview_of(
            &p,
            "Call ID,Agent,Date,Opening,Empathy\nc1,a1,2024-06-03,Yes,4\nc1,a1,2024-06-04,no,3\nc1,a1,2024-06-05,2,3\nc1,a1,2024-06-06,1,2\n",
        );
        let openings: Vec<Option<u8>> =
            preview.evaluations.iter().map(|e| levels(e)[0].1).collect();
        assert_eq!(openings, [Some(5), Some(1), Some(1)]);
        assert_eq!(rejected_lines(&preview), [4]);
        assert!(
            preview.rejected[0]
                .reason
                .contains("that criterion is yes/no"),
            "{}",
            preview.rejected[0].reason
        );
    }

    #[test]
    fn scores_are_recorded_under_the_rubric_the_columns_were_mapped_to() {
        let mut p = program();
        let other = Rubric::default_rubric().with_identity("floor", 3);
        p.rubrics.push(other);
        let table = table("Call ID,Agent,Date,Empathy\nc1,a1,2024-06-03,4\n");
        let mut suggestion = suggest_mapping(&table, p.current_rubric("floor").unwrap());
        suggestion.day_order.get_or_insert(DayOrder::DayFirst);
        let mapping = suggestion.mapping(utc(), Role::Qa, "floor").unwrap();

        let preview = preview_scores(&table, &mapping, &p);

        assert_eq!(preview.evaluations[0].rubric_id, "floor");
        assert_eq!(preview.evaluations[0].rubric_version, 3);
    }

    #[test]
    fn a_utf8_byte_order_mark_is_not_part_of_the_first_header() {
        let table = read_table(FILE, "\u{feff}Call ID,Agent\nc1,a1\n".as_bytes()).unwrap();
        assert_eq!(table.encoding, "UTF-8");
        assert_eq!(table.headers, ["Call ID", "Agent"]);
        assert_eq!(table.rows[0].cells, ["c1", "a1"]);
    }

    #[test]
    fn comma_semicolon_and_tab_are_told_apart_by_the_header_line() {
        for delimiter in [',', ';', '\t'] {
            let text =
                format!("Call ID{delimiter}Agent{delimiter}Empathy\nc1{delimiter}a1{delimiter}4\n");
            let table = table(&text);
            assert_eq!(table.delimiter, delimiter, "{text:?}");
            assert_eq!(table.rows[0].cells, ["c1", "a1", "4"], "{text:?}");
        }
    }

    #[test]
    fn a_delimiter_inside_a_quoted_header_does_not_count() {
        let table = table("\"Score; 1-5; QA\",Agent\n3,a1\n");
        assert_eq!(table.delimiter, ',');
        assert_eq!(table.headers, ["Score; 1-5; QA", "Agent"]);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_read_as_windows_1252() {
        let bytes = b"Call ID;Agent;Date;Empathy\nz1;Zo\xe9 Martin;2024-06-03;4\n";
        let table = read_table(FILE, bytes).unwrap();
        assert_eq!(table.encoding, "Windows-1252");
        assert_eq!(table.rows[0].cells[1], "Zoé Martin");

        let p = program();
        let preview = preview_scores(&table, &mapping(&table, &p), &p);
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        assert_eq!(preview.new_calls[0].agent_id, "a2");
        assert!(
            preview.name_matches.is_empty(),
            "{:?}",
            preview.name_matches
        );
    }

    #[test]
    fn a_utf16_file_with_a_byte_order_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Call ID\tAgent\nc1\tZoé\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let table = read_table(FILE, &bytes).unwrap();
        assert_eq!((table.encoding, table.delimiter), ("UTF-16LE", '\t'));
        assert_eq!(table.rows[0].cells, ["c1", "Zoé"]);
    }

    #[test]
    fn an_empty_file_is_an_error_that_names_the_file_and_says_what_to_do() {
        let err = read_table(FILE, b"").unwrap_err().to_string();
        assert!(
            err.starts_with("scores.csv: line 1: the file is empty"),
            "{err}"
        );
        assert!(err.contains("header row"), "{err}");
    }

    #[test]
    fn line_numbers_count_the_lines_of_quoted_multi_line_cells() {
        let text = "Call ID,Agent,Date,Comment,Empathy\n\
                    c1,a1,2024-06-03,\"first line\nsecond line\",4\n\
                    c1,nobody,2024-06-03,short,4\n";
        let table = table(text);
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);

        let preview = preview_scores(&table, &mapping(&table, &program()), &program());
        assert_eq!(rejected_lines(&preview), [4]);
        assert!(
            preview.rejected[0].reason.contains("\"nobody\""),
            "{:?}",
            preview.rejected
        );
    }

    #[test]
    fn line_numbers_stay_right_with_windows_line_ends() {
        // Regression: with CRLF line ends the rows were numbered one short.
        let table =
            table("Call ID;Agent;Date;Empathy\r\nc1;a1;2024-06-03;4\r\nc2;a1;2024-06-03;5\r\n");
        let lines: Vec<usize> = table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    #[test]
    fn a_row_with_the_wrong_number_of_fields_is_rejected_with_its_line() {
        let preview = preview_of(
            &program(),
            "Call ID,Agent,Date,Empathy\nc1,a1,2024-06-03,4\nc1,a1,2024-06-03,4,5\nc1,a1\n",
        );
        assert_eq!(rejected_lines(&preview), [3, 4]);
        assert_eq!(
            preview.rejected[0].reason,
            "the row has 5 fields but the header has 4; check it for a stray delimiter or an \
             unclosed quote"
        );
        assert_eq!(preview.evaluations.len(), 1);
    }

    #[test]
    fn columns_are_found_by_synonyms_whatever_the_case_and_spacing() {
        let p = program();
        let table = table(
            "interaction_id,AGENT NAME,Evaluated at,Scored by,FCR,Acknowledges feelings,\
             opening,Communication,notes\nc1,a1,2024-06-03,Lee,yes,4,3,5,x\n",
        );
        let s = suggest_mapping(&table, &p.rubric());
        assert_eq!(
            (s.call_id, s.agent, s.date_time, s.evaluator, s.outcome),
            (Some(0), Some(1), Some(2), Some(3), Some(4))
        );
        assert_eq!(
            s.criteria,
            [
                ("opening".to_string(), 6),
                ("empathy".to_string(), 5),
                ("clarity".to_string(), 7)
            ]
        );
        assert_eq!(s.unmatched_criteria, ["discovery", "resolution"]);
        assert_eq!(s.scale, Some(ScoreScale::OneToFive));
    }

    #[test]
    fn a_criterion_column_is_not_taken_for_the_outcome() {
        let p = program();
        let table = table("Call ID,Agent,Date,Resolution,Resolved\nc1,a1,2024-06-03,4,yes\n");
        let s = suggest_mapping(&table, &p.rubric());
        assert_eq!(s.criteria, [("resolution".to_string(), 3)]);
        assert_eq!(s.outcome, Some(4));
    }

    #[test]
    fn the_scale_is_the_narrowest_that_holds_every_score() {
        let p = program();
        let scale = |scores: &str| {
            let text = format!("Call ID,Agent,Date,Empathy\nc1,a1,2024-06-03,{scores}\n");
            suggest_mapping(&table(&text), &p.rubric()).scale
        };
        assert_eq!(scale("5"), Some(ScoreScale::OneToFive));
        assert_eq!(scale("0"), Some(ScoreScale::ZeroToTen));
        assert_eq!(scale("7"), Some(ScoreScale::ZeroToTen));
        assert_eq!(scale("85"), Some(ScoreScale::Percent));
        assert_eq!(
            scale("4%"),
            Some(ScoreScale::Percent),
            "a percent sign settles it"
        );
        assert_eq!(scale("150"), None);
        assert_eq!(scale("N/A"), None);
    }

    #[test]
    fn percent_scores_convert_with_both_ends_and_the_middle_on_levels() {
        let to = |v: f64| ScoreScale::Percent.to_level(v);
        assert_eq!((to(0.0), to(50.0), to(100.0)), (Some(1), Some(3), Some(5)));
        assert_eq!((to(12.5), to(12.4), to(87.5)), (Some(2), Some(1), Some(5)));
        assert_eq!((to(-1.0), to(100.1), to(f64::NAN)), (None, None, None));
    }

    #[test]
    fn zero_to_ten_scores_convert_with_both_ends_on_levels() {
        let to = |v: f64| ScoreScale::ZeroToTen.to_level(v);
        assert_eq!((to(0.0), to(5.0), to(10.0)), (Some(1), Some(3), Some(5)));
        assert_eq!((to(1.25), to(7.0)), (Some(2), Some(4)));
        assert_eq!((to(-0.5), to(11.0)), (None, None));
    }

    #[test]
    fn one_to_five_scores_are_taken_as_given() {
        let to = |v: f64| ScoreScale::OneToFive.to_level(v);
        assert_eq!(
            (to(1.0), to(3.0), to(5.0), to(4.5)),
            (Some(1), Some(3), Some(5), Some(5))
        );
        assert_eq!((to(0.0), to(6.0)), (None, None));
        assert!(ScoreScale::ZeroToTen.rule().contains("1 + 0.4 × score"));
    }

    #[test]
    fn decimal_commas_are_read_in_semicolon_files_and_quoted_cells() {
        let p = program();
        let preview = preview_of(&p, "Call ID;Agent;Date;Empathy\nc1;a1;2024-06-03;4,5\n");
        assert_eq!(levels(&preview.evaluations[0]), [("empathy", Some(5))]);

        let preview = preview_of(&p, "Call ID,Agent,Date,Empathy\nc1,a1,2024-06-03,\"4,5\"\n");
        assert_eq!(levels(&preview.evaluations[0]), [("empathy", Some(5))]);
    }

    #[test]
    fn empty_and_not_applicable_cells_are_scored_as_na() {
        let p = program();
        let preview = preview_of(
            &p,
            "Call ID;Agent;Date;Evaluator;Opening;Empathy\n\
             c1;a1;2024-06-03;A;;3\nc1;a1;2024-06-03;B;N/A;3\n\
             c1;a1;2024-06-03;C;na;3\nc1;a1;2024-06-03;D;-;3\n",
        );
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        for evaluation in &preview.evaluations {
            assert_eq!(
                levels(evaluation),
                [("opening", None), ("empathy", Some(3))]
            );
        }
    }

    #[test]
    fn agent_names_that_differ_in_case_or_spacing_match_and_are_reported() {
        let preview = preview_of(
            &program(),
            "Call ID,Agent,Date,Evaluator,Empathy\n\
             c1,mason  WHITE,2024-06-03,A,4\n\
             c1,Mason White,2024-06-03,B,4\n\
             c1, mason white ,2024-06-03,C,4\n\
             c1,mason  WHITE,2024-06-03,D,4\n",
        );
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        assert_eq!(preview.evaluations.len(), 4);
        assert_eq!(
            preview.name_matches,
            [
                "\"mason  WHITE\" (lines 2, 5) matched agent Mason White",
                "\" mason white \" (line 4) matched agent Mason White"
            ]
        );
    }

    #[test]
    fn an_unknown_agent_a_bad_date_and_a_score_off_the_scale_reject_the_row() {
        let p = program();
        let table = table(
            "Call ID,Agent,Date,Empathy\n\
             c1,Nobody,2024-06-03,4\n\
             c1,a1,someday,4\n\
             c1,a1,2024-06-03,7\n\
             c1,a1,2024-06-03,4\n",
        );
        let mut mapping = mapping(&table, &p);
        assert_eq!(
            mapping.scale,
            ScoreScale::ZeroToTen,
            "7 is not on a 1-5 scale"
        );
        mapping.scale = ScoreScale::OneToFive;
        let preview = preview_scores(&table, &mapping, &p);
        assert_eq!(rejected_lines(&preview), [2, 3, 4]);
        let reasons: Vec<&str> = preview.rejected.iter().map(|r| r.reason.as_str()).collect();
        assert!(reasons[0].contains("\"Nobody\""), "{}", reasons[0]);
        assert!(reasons[1].contains("someday"), "{}", reasons[1]);
        assert!(reasons[1].contains("(column \"Date\")"), "{}", reasons[1]);
        assert_eq!(
            reasons[2],
            "7 in column \"Empathy\" is outside the 1–5 scale; choose the scale the file uses or \
             correct the value"
        );
        assert_eq!(preview.evaluations.len(), 1);
    }

    #[test]
    fn a_row_naming_another_agent_than_the_calls_is_rejected() {
        let preview = preview_of(
            &program(),
            "Call ID,Agent,Date,Empathy\nc1,a2,2024-06-03,4\n",
        );
        assert_eq!(
            preview.rejected[0].reason,
            "call c1 is Mason White's, but this row names Zoé Martin; correct the agent or the \
             call id"
        );
    }

    #[test]
    fn repeated_rows_and_scores_the_program_has_are_reported_and_not_doubled() {
        let mut p = program();
        p.evaluations.push(Evaluation {
            id: "e1".into(),
            call_id: "c1".into(),
            role: Role::Qa,
            evaluator: "Lee".into(),
            scored_on: day(2024, 6, 3),
            rubric_id: "default".into(),
            rubric_version: 1,
            scores: vec![CriterionScore {
                criterion_id: "empathy".into(),
                score: Some(2),
                evidence: Vec::new(),
            }],
        });
        let text = "Call ID,Agent,Date,Evaluator,Opening,Empathy\n\
                    c1,a1,2024-06-03,Kim,4,3\n\
                    c1,a1,2024-06-03,Kim,4,3\n\
                    c1,a1,2024-06-04,Lee,,2\n\
                    c1,a1,2024-06-03,Kim,4,4\n";
        let preview = preview_of(&p, text);
        assert_eq!(preview.duplicates, [3, 4]);
        assert_eq!(preview.evaluations.len(), 2);

        apply_scores(&mut p, preview);
        assert_eq!(p.evaluations.len(), 3);
        // Importing the same file again adds nothing.
        let again = preview_of(&p, text);
        assert!(again.evaluations.is_empty(), "{:?}", again.evaluations);
        assert_eq!(again.duplicates, [2, 3, 4, 5]);
    }

    #[test]
    fn an_unknown_call_id_makes_one_new_call_from_its_rows() {
        let mut p = program();
        let table = table(
            "Call ID,Agent,Date,Evaluator,FCR,Empathy\n\
             n1,a1,2024-06-05T09:30:00+02:00,Kim,no,4\n\
             n1,a1,2024-06-05T09:30:00+02:00,Lee,yes,3\n\
             n2,a2,2024-06-06,Kim,,5\n",
        );
        let preview = preview_scores(&table, &mapping(&table, &p), &p);
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        let ids: Vec<&str> = preview.new_calls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["n1", "n2"]);

        let n1 = &preview.new_calls[0];
        assert_eq!(
            (n1.agent_id.as_str(), n1.team_id.as_str()),
            ("a1", "midwest")
        );
        assert_eq!(n1.started_at.to_rfc3339(), "2024-06-05T09:30:00+02:00");
        assert_eq!((n1.resolved, n1.reason.as_str()), (Some(false), ""));
        assert_eq!((n1.source.as_str(), n1.lines.len()), (FILE, 0));
        // Zoé has no call yet, so her new call goes to the unassigned team.
        let n2 = &preview.new_calls[1];
        assert_eq!((n2.team_id.as_str(), n2.resolved), (UNASSIGNED_TEAM, None));
        assert_eq!(n2.day(), day(2024, 6, 6));
        assert_eq!(preview.new_teams.len(), 1);

        let ids: Vec<&str> = preview.evaluations.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["csv-n1-2", "csv-n1-3", "csv-n2-4"]);
        assert_eq!(preview.evaluations[0].evaluator, "Kim");
        assert_eq!(preview.evaluations[0].scored_on, day(2024, 6, 5));

        apply_scores(&mut p, preview);
        assert_eq!((p.calls.len(), p.evaluations.len()), (3, 3));
        assert!(p.team(UNASSIGNED_TEAM).is_some());
    }

    #[test]
    fn without_an_evaluator_column_the_evaluator_is_imported_qa() {
        let preview = preview_of(
            &program(),
            "Call ID,Agent,Date,Empathy\nc1,a1,2024-06-03,4\n",
        );
        assert_eq!(preview.evaluations[0].evaluator, DEFAULT_EVALUATOR);
        assert_eq!(preview.evaluations[0].role, Role::Qa);
    }

    #[test]
    fn excel_serial_dates_are_read_as_days() {
        // Day 45446 of Excel's calendar is 3 June 2024.
        let preview = preview_of(&program(), "Call ID,Agent,Date,Empathy\nn1,a1,45446,4\n");
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        assert_eq!(preview.evaluations[0].scored_on, day(2024, 6, 3));
        assert_eq!(preview.new_calls[0].day(), day(2024, 6, 3));
    }

    #[test]
    fn an_ambiguous_day_order_is_left_to_the_person() {
        let p = program();
        let text = "Call ID,Agent,Date,Empathy\nc1,a1,03/06/2024,4\nc1,a1,04/07/2024,4\n";
        let suggestion = suggest_mapping(&table(text), &p.rubric());
        assert_eq!(suggestion.day_order, None);
        let questions = suggestion.mapping(utc(), Role::Qa, "default").unwrap_err();
        assert_eq!(
            questions,
            ["Are dates written day first (13/06/2024) or month first (06/13/2024)?"]
        );
    }

    #[test]
    fn iso_dates_and_excel_day_numbers_need_no_day_order() {
        let p = program();
        let text = "Call ID,Agent,Date,Empathy\nc1,a1,2024-06-03,4\nc1,a1,45446,4\n";
        let suggestion = suggest_mapping(&table(text), &p.rubric());
        assert_eq!(
            (suggestion.day_order, suggestion.day_order_matters),
            (None, false)
        );
        assert!(suggestion.mapping(utc(), Role::Qa, "default").is_ok());
    }

    #[test]
    fn missing_columns_are_asked_for_one_question_each() {
        let p = program();
        let suggestion = suggest_mapping(&table("Ref,Who,When\nc1,a1,2024-06-03\n"), &p.rubric());
        let questions = suggestion.mapping(utc(), Role::Qa, "default").unwrap_err();
        assert_eq!(questions.len(), 6, "{questions:?}");
        assert_eq!(questions[0], "Which column holds the call id?");
    }

    #[test]
    fn a_day_above_twelve_settles_the_day_order() {
        let p = program();
        let text = "Call ID,Agent,Date,Evaluator,Empathy\n\
                    c1,a1,03/06/2024,A,4\nc1,a1,13/06/2024,B,4\n";
        let table = table(text);
        assert_eq!(
            suggest_mapping(&table, &p.rubric()).day_order,
            Some(DayOrder::DayFirst)
        );
        let preview = preview_scores(&table, &mapping(&table, &p), &p);
        assert_eq!(preview.evaluations[0].scored_on, day(2024, 6, 3));

        let mut month_first = mapping(&table, &p);
        month_first.day_order = DayOrder::MonthFirst;
        // A day above 12 still reads as a day when the order says otherwise.
        let preview = preview_scores(&table, &month_first, &p);
        let days: Vec<NaiveDate> = preview.evaluations.iter().map(|e| e.scored_on).collect();
        assert_eq!(days, [day(2024, 3, 6), day(2024, 6, 13)]);
    }

    #[test]
    fn the_sample_shows_the_first_five_rows_as_they_will_be_read() {
        let mut text = String::from("Call ID;Agent;Date;Empathy\n");
        text.push_str("c1;mason white;2024-06-03;4,5\n");
        text.push_str("c1;Nobody;2024-06-03;N/A\n");
        for n in 0..5 {
            text.push_str(&format!("c1;a1;2024-06-0{};3\n", n + 4));
        }
        let preview = preview_of(&program(), &text);
        assert_eq!(preview.sample.len(), 5);
        let first = &preview.sample[0];
        assert_eq!(
            (
                first.line,
                first.call_id.as_str(),
                first.agent.as_str(),
                first.date.as_str()
            ),
            (2, "c1", "Mason White", "2024-06-03")
        );
        assert_eq!(
            first.scores,
            [PreviewScore {
                criterion_id: "empathy".into(),
                raw: "4,5".into(),
                level: Some(5)
            }]
        );
        assert_eq!(first.rejected, None);
        let second = &preview.sample[1];
        assert_eq!(second.agent, "Nobody");
        assert!(second.rejected.is_some());
    }

    #[test]
    fn scores_for_real_calls_attach_to_those_calls() {
        let folder = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/ms-travel-calls"
        );
        let mut names: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json"))
            .collect();
        names.sort();
        let batch: Vec<(Call, Agent, Team)> = names
            .iter()
            .map(|name| {
                let text = std::fs::read_to_string(format!("{folder}/{name}")).unwrap();
                crate::formats::parse_travel_call(name, &text)
                    .unwrap()
                    .into()
            })
            .collect();
        let mut p = Program::empty("Travel");
        add_calls(&mut p, batch);
        let calls_before = p.calls.len();

        let mut text = String::from("\u{feff}Conversation ID;Agent Name;Call date;Scored by;");
        text.push_str("Opening;Empathy;Discovery;Resolution;Clarity\n");
        let scored: Vec<Call> = p.calls.iter().step_by(7).take(3).cloned().collect();
        for call in &scored {
            // Names in capitals, as some QA tools export them.
            let name = p.agent_name(&call.agent_id).to_uppercase();
            let date = call.started_at.format("%d/%m/%Y");
            text.push_str(&format!(
                "{};{name};{date};QA lead;4;3,5;N/A;5;2\n",
                call.id
            ));
        }
        let table = read_table("qa-export.csv", text.as_bytes()).unwrap();
        assert_eq!((table.encoding, table.delimiter), ("UTF-8", ';'));
        let preview = preview_scores(&table, &mapping(&table, &p), &p);
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        assert!(preview.new_calls.is_empty(), "{:?}", preview.new_calls);

        apply_scores(&mut p, preview);
        assert_eq!(p.calls.len(), calls_before);
        for call in &scored {
            let evaluations: Vec<&Evaluation> = p.evaluations_of_call(&call.id).collect();
            assert_eq!(evaluations.len(), 1, "{}", call.id);
            assert_eq!(evaluations[0].scored_on, call.day(), "{}", call.id);
            assert_eq!(evaluations[0].score_for("empathy").unwrap().score, Some(4));
            assert_eq!(evaluations[0].score_for("discovery").unwrap().score, None);
        }
        assert_eq!(p.evaluations.len(), 3);
    }
}
