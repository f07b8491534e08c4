//! Reads call transcripts in the forms transcription and analytics tools
//! write them: WebVTT and SRT captions, plain text with speaker labels, and
//! CSV exports with one row per utterance. Each becomes lines of a call,
//! timed in seconds from its start and said by the agent or the customer.
//!
//! A transcript carries no agent id, team or outcome, so attaching it to a
//! call, or making a call of it, is left to the caller. What this module
//! does insist on is the speaker: coaching quotes what the agent said, so a
//! line whose speaker cannot be told from a label, a voice tag or a role is
//! refused with its line number rather than given to whoever spoke last.
//! Customers' names are never kept, for the same reason `travel_calls`
//! skips the caller's number: nothing in Peercoach needs to know them.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset};

use super::dates::{self, DayOrder, When};
use super::{FormatError, Problem};
use crate::domain::{Line, Speaker};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranscriptFormat {
    WebVtt,
    Srt,
    PlainText,
    UtteranceCsv,
}

impl TranscriptFormat {
    pub fn label(self) -> &'static str {
        match self {
            TranscriptFormat::WebVtt => "WebVTT",
            TranscriptFormat::Srt => "SRT",
            TranscriptFormat::PlainText => "plain text",
            TranscriptFormat::UtteranceCsv => "utterance CSV",
        }
    }
}

/// Everything read from one transcript file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedTranscript {
    pub format: TranscriptFormat,
    /// One for captions and plain text; one per conversation id for a CSV.
    pub conversations: Vec<TranscriptConversation>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TranscriptConversation {
    /// The conversation or call id a CSV gives; `None` for other formats.
    pub id: Option<String>,
    /// The agent's name, when a label or voice gives one (`Agent (Maria):`).
    /// The first one found is kept.
    pub agent_name: Option<String>,
    /// The moment the offsets count from, when the file gives clock times
    /// (or a call start was passed in); `None` when it gives only offsets.
    pub started_at: Option<DateTime<FixedOffset>>,
    /// In the order spoken.
    pub lines: Vec<Line>,
}

/// What the file itself cannot say. `Default` detects the format, reads
/// clock times without a zone as UTC, guesses the day order from the file
/// and counts offsets from each conversation's first utterance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TranscriptOptions {
    /// Skips detection, for a file whose name and content do not tell.
    pub format: Option<TranscriptFormat>,
    /// The zone clock times without one were written in.
    pub zone: FixedOffset,
    /// How slash dates that read both ways are read; `None` lets the file's
    /// own dates decide, and US order is used when none of them does.
    pub day_order: Option<DayOrder>,
    /// When a CSV gives clock times, offsets count from this instead of the
    /// first utterance. Meant for a file of one call whose start is known
    /// from elsewhere; utterances before it are put at 0:00.
    pub call_start: Option<DateTime<FixedOffset>>,
}

impl Default for TranscriptOptions {
    fn default() -> TranscriptOptions {
        TranscriptOptions {
            format: None,
            zone: FixedOffset::east_opt(0).expect("UTC is a valid offset"),
            day_order: None,
            call_start: None,
        }
    }
}

/// The format of a transcript file: by its extension when that is one
/// only transcripts use (`.vtt`, `.srt`, `.csv`, `.tsv`), else by its
/// content. A `.txt` is checked for caption or CSV content first, since
/// people save all of those as text, and is plain text otherwise.
pub fn detect_format(file_name: &str, text: &str) -> Option<TranscriptFormat> {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "vtt" => return Some(TranscriptFormat::WebVtt),
        "srt" => return Some(TranscriptFormat::Srt),
        "csv" | "tsv" => return Some(TranscriptFormat::UtteranceCsv),
        _ => {}
    }
    let by_content = detect_by_content(text);
    if by_content.is_none() && extension == "txt" {
        return Some(TranscriptFormat::PlainText);
    }
    by_content
}

/// Reads a transcript with the default options.
pub fn parse_transcript(file_name: &str, text: &str) -> Result<ParsedTranscript, FormatError> {
    parse_transcript_with(file_name, text, &TranscriptOptions::default())
}

/// Reads a transcript; every error names `file_name` and the line.
pub fn parse_transcript_with(
    file_name: &str,
    text: &str,
    options: &TranscriptOptions,
) -> Result<ParsedTranscript, FormatError> {
    let format = options
        .format
        .or_else(|| detect_format(file_name, text))
        .ok_or_else(|| {
            Problem::new(
                WHOLE_FILE,
                "not a transcript Peercoach reads (expected WebVTT (.vtt), SRT (.srt), plain \
                 text (.txt) with Agent: and Customer: labels, or a CSV with one row per utterance)",
            )
            .in_file(file_name)
        })?;

    // A byte-order mark is what Windows tools put in front of text; it is
    // not part of the first line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let conversations = match format {
        TranscriptFormat::WebVtt => read_cues(text, Captions::WebVtt).map(|c| vec![c.into()]),
        TranscriptFormat::Srt => read_cues(text, Captions::Srt).map(|c| vec![c.into()]),
        TranscriptFormat::PlainText => read_plain_text(text).map(|c| vec![c.into()]),
        TranscriptFormat::UtteranceCsv => read_utterances(text, options),
    }
    .map_err(|p| p.in_file(file_name))?
    .into_iter()
    .filter(|c| !c.lines.is_empty())
    .collect::<Vec<_>>();

    if conversations.is_empty() {
        return Err(Problem::new(
            WHOLE_FILE,
            format!(
                "no line has both a speaker and text (read as {})",
                format.label()
            ),
        )
        .in_file(file_name));
    }
    Ok(ParsedTranscript {
        format,
        conversations,
    })
}

/// The place named by an error that is about the file as a whole.
const WHOLE_FILE: &str = "whole file";

fn at_line(line: usize, message: impl Into<String>) -> Problem {
    Problem::new(format!("line {line}"), message)
}

// Speakers ---------------------------------------------------------------

/// The roles each speaker goes by, lower case.
const AGENT_ROLES: [&str; 5] = ["agent", "rep", "representative", "advisor", "adviser"];
const CUSTOMER_ROLES: [&str; 3] = ["customer", "caller", "client"];

const LABELS_ACCEPTED: &str = "labels accepted: Agent, Rep, Representative or Advisor for the \
                               agent; Customer, Caller or Client for the customer";

fn role(word: &str) -> Option<Speaker> {
    let word = word.to_lowercase();
    if AGENT_ROLES.contains(&word.as_str()) {
        Some(Speaker::Agent)
    } else if CUSTOMER_ROLES.contains(&word.as_str()) {
        Some(Speaker::Customer)
    } else {
        None
    }
}

/// Who said a line, with the agent's name when it was given.
#[derive(Debug, Clone, PartialEq)]
struct Who {
    speaker: Speaker,
    name: Option<String>,
}

impl Who {
    fn new(speaker: Speaker, name: &str) -> Who {
        let name = name.trim();
        Who {
            speaker,
            // The customer's name is dropped here, so it goes no further.
            name: (speaker == Speaker::Agent && !name.is_empty()).then(|| name.to_string()),
        }
    }
}

/// Splits a role word from what follows it, at the first character that
/// is not a letter.
fn role_word(text: &str) -> (&str, &str) {
    let end = text
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(text.len());
    text.split_at(end)
}

/// A voice tag's annotation or a CSV speaker cell: a role, optionally
/// followed by a name, bare or in brackets (`Agent`, `Agent Maria Lopez`,
/// `customer (Jane)`).
fn who_from_role(text: &str) -> Option<Who> {
    let (word, after) = role_word(text.trim());
    let speaker = role(word)?;
    if !(after.is_empty() || after.starts_with([' ', '\t', '('])) {
        return None;
    }
    let after = after.trim();
    let name = after
        .strip_prefix('(')
        .and_then(|a| a.strip_suffix(')'))
        .unwrap_or(after);
    Some(Who::new(speaker, name))
}

/// What starts a line of text, as far as speakers go.
#[derive(Debug, PartialEq)]
enum Label<'a> {
    /// `Agent:` or `Agent (Maria):`, with the text after the colon.
    Known(Who, &'a str),
    /// Something written as a label, but not a role Peercoach knows.
    Unknown(&'a str),
    Absent,
}

/// A label in running text is only `Role:` or `Role (Name):`, stricter than
/// `who_from_role`, because "Customer said: ..." must not become a line of
/// the customer's.
fn split_label(text: &str) -> Label<'_> {
    let Some((head, rest)) = text.split_once(':') else {
        return Label::Absent;
    };
    let head = head.trim();
    let (word, after) = role_word(head);
    let after = after.trim();
    let name = if after.is_empty() {
        Some("")
    } else {
        after.strip_prefix('(').and_then(|a| a.strip_suffix(')'))
    };
    if let (Some(speaker), Some(name)) = (role(word), name) {
        return Label::Known(Who::new(speaker, name), rest.trim_start());
    }
    // Only something shaped like a name or a role is worth calling an
    // unknown label; "Well, at 10:30" is just text without one.
    let label_like = !head.is_empty()
        && head.len() <= 30
        && head.starts_with(char::is_alphabetic)
        && head
            .chars()
            .all(|c| c.is_alphanumeric() || " ()._-'#".contains(c));
    if label_like && !rest.starts_with("//") {
        Label::Unknown(head)
    } else {
        Label::Absent
    }
}

/// The error for text whose speaker cannot be told.
fn no_speaker(line: usize, text: &str) -> Problem {
    match split_label(text) {
        Label::Unknown(label) => at_line(
            line,
            format!("{label:?} is not a speaker Peercoach knows ({LABELS_ACCEPTED})"),
        ),
        _ => at_line(
            line,
            format!(
                "no speaker is given; start the text with a label such as Agent:, \
                 Agent (Maria): or Customer: ({LABELS_ACCEPTED})"
            ),
        ),
    }
}

/// Text as one line with single spaces, which is how a call screen shows it.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lines as they are read, with the agent's name once one is given.
#[derive(Default)]
struct Collected {
    lines: Vec<Line>,
    agent_name: Option<String>,
}

impl Collected {
    fn push(&mut self, who: Who, offset_secs: u32, text: &str) {
        if self.agent_name.is_none() {
            self.agent_name = who.name;
        }
        let text = tidy(text);
        if !text.is_empty() {
            self.lines.push(Line {
                speaker: who.speaker,
                offset_secs,
                text,
            });
        }
    }
}

impl From<Collected> for TranscriptConversation {
    fn from(collected: Collected) -> TranscriptConversation {
        TranscriptConversation {
            id: None,
            agent_name: collected.agent_name,
            started_at: None,
            lines: collected.lines,
        }
    }
}

// Times ------------------------------------------------------------------

/// Milliseconds from a clock reading: `h:mm:ss` or `m:ss`, either with an
/// optional fraction after a point or a comma (SRT writes a comma).
/// Minutes run past 59 only when there is no hour, as some tools write
/// `75:30` for an hour and a quarter.
fn clock_millis(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(':').collect();
    let (hours, minutes, seconds) = match parts.as_slice() {
        [h, m, s] if m.len() == 2 => (*h, *m, *s),
        [m, s] => ("0", *m, *s),
        _ => return None,
    };
    let (whole, fraction) = match seconds.split_once(['.', ',']) {
        Some((whole, fraction)) => (whole, fraction),
        None => (seconds, "0"),
    };
    let number = |digits: &str, max_len: usize| -> Option<u64> {
        let valid = !digits.is_empty()
            && digits.len() <= max_len
            && digits.bytes().all(|b| b.is_ascii_digit());
        valid.then(|| digits.parse().ok()).flatten()
    };
    let (h, m, s) = (number(hours, 4)?, number(minutes, 4)?, number(whole, 2)?);
    let fraction_valid =
        !fraction.is_empty() && fraction.len() <= 9 && fraction.bytes().all(|b| b.is_ascii_digit());
    if whole.len() != 2 || s > 59 || (parts.len() == 3 && m > 59) || !fraction_valid {
        return None;
    }
    let millis: u64 = format!("{fraction:0<3}")[..3].parse().ok()?;
    Some(((h * 60 + m) * 60 + s) * 1000 + millis)
}

fn whole_seconds(millis: u64) -> u32 {
    u32::try_from(millis / 1000).unwrap_or(u32::MAX)
}

// Captions: WebVTT and SRT ------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq)]
enum Captions {
    WebVtt,
    Srt,
}

impl Captions {
    fn example_time(self) -> &'static str {
        match self {
            Captions::WebVtt => "00:01:02.500",
            Captions::Srt => "00:01:02,500",
        }
    }
}

/// The file's lines, numbered from 1, in blocks separated by blank lines.
fn blocks(text: &str) -> Vec<Vec<(usize, &str)>> {
    let mut blocks = vec![Vec::new()];
    for (index, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if let Some(block) = blocks.last_mut() {
            block.push((index + 1, line));
        }
    }
    blocks.retain(|b| !b.is_empty());
    blocks
}

fn read_cues(text: &str, kind: Captions) -> Result<Collected, Problem> {
    let mut collected = Collected::default();
    for (index, block) in blocks(text).iter().enumerate() {
        let first = block[0].1.trim();
        let is_block = |word: &str| {
            first
                .strip_prefix(word)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        };
        // The header, comments, styles and regions say nothing about who
        // spoke when.
        if kind == Captions::WebVtt
            && ((index == 0 && is_block("WEBVTT"))
                || is_block("NOTE")
                || is_block("STYLE")
                || is_block("REGION"))
        {
            continue;
        }

        // A cue may open with an identifier (SRT's is its number).
        let timing = block
            .iter()
            .take(2)
            .position(|(_, line)| line.contains("-->"))
            .ok_or_else(|| {
                at_line(
                    block[0].0,
                    format!(
                        "expected a cue time line such as {0} --> {0} before the text",
                        kind.example_time()
                    ),
                )
            })?;
        let (line, timing_line) = block[timing];
        let start = cue_start(timing_line, line, kind)?;
        read_cue_text(
            &block[timing + 1..],
            whole_seconds(start),
            kind,
            &mut collected,
        )?;
    }
    Ok(collected)
}

/// The start of a cue, in milliseconds; the end is checked too, because a
/// broken end usually means the start was misread as well.
fn cue_start(timing: &str, line: usize, kind: Captions) -> Result<u64, Problem> {
    let (start, rest) = timing.split_once("-->").unwrap_or((timing, ""));
    let end = rest.split_whitespace().next().unwrap_or("");
    let read = |text: &str| {
        clock_millis(text.trim()).ok_or_else(|| {
            at_line(
                line,
                format!(
                    "{:?} is not a cue time (expected {})",
                    text.trim(),
                    kind.example_time()
                ),
            )
        })
    };
    let start = read(start)?;
    read(end)?;
    Ok(start)
}

/// Text of one speaker within a cue, before its speaker is settled.
struct Piece {
    line: usize,
    who: Option<PieceWho>,
    text: String,
}

enum PieceWho {
    Voice(String),
    Label(Who),
}

/// A cue's text, split where a voice tag or a label at the start of a line
/// hands over to another speaker, so that a cue holding both sides of an
/// exchange becomes two lines.
fn read_cue_text(
    payload: &[(usize, &str)],
    offset_secs: u32,
    kind: Captions,
    out: &mut Collected,
) -> Result<(), Problem> {
    let mut pieces: Vec<Piece> = Vec::new();
    for &(line, raw) in payload {
        let mut at_line_start = true;
        if let Some(piece) = pieces.last_mut() {
            piece.text.push(' ');
        }
        for token in markup(raw, kind) {
            match token {
                Token::Voice(voice) => pieces.push(Piece {
                    line,
                    who: Some(PieceWho::Voice(voice)),
                    text: String::new(),
                }),
                Token::Text(text) => {
                    let starts_line = at_line_start && !text.trim().is_empty();
                    at_line_start &= text.trim().is_empty();
                    if starts_line {
                        if let Label::Known(who, rest) = split_label(text.trim_start()) {
                            match pieces.last_mut() {
                                // A label right after a voice tag names the
                                // same turn more plainly; it wins.
                                Some(piece) if piece.text.trim().is_empty() => {
                                    piece.who = Some(PieceWho::Label(who));
                                    piece.text = rest.to_string();
                                }
                                _ => pieces.push(Piece {
                                    line,
                                    who: Some(PieceWho::Label(who)),
                                    text: rest.to_string(),
                                }),
                            }
                            continue;
                        }
                    }
                    match pieces.last_mut() {
                        Some(piece) => piece.text.push_str(&text),
                        None => pieces.push(Piece {
                            line,
                            who: None,
                            text,
                        }),
                    }
                }
            }
        }
    }

    for piece in pieces {
        let who = match piece.who {
            Some(PieceWho::Label(who)) => who,
            Some(PieceWho::Voice(voice)) => who_from_role(&voice).ok_or_else(|| {
                at_line(
                    piece.line,
                    format!(
                        "the voice {:?} is not a speaker Peercoach knows; start it with a role, \
                         e.g. <v Agent Maria> or <v Customer> ({LABELS_ACCEPTED})",
                        voice.trim()
                    ),
                )
            })?,
            None if piece.text.trim().is_empty() => continue,
            None => return Err(no_speaker(piece.line, piece.text.trim())),
        };
        out.push(who, offset_secs, &piece.text);
    }
    Ok(())
}

#[derive(Debug, PartialEq)]
enum Token {
    /// A `<v ...>` tag's annotation: who speaks from here on.
    Voice(String),
    Text(String),
}

/// Cue text without its markup. Only the tags captions use are removed
/// (`<i>`, `<c.loud>`, `<00:01:02.000>`, SRT's `<font>` and `{\an8}`);
/// anything else that looks like a tag, "press <Enter>" or "2 < 3", is
/// what was said and stays. WebVTT escapes `<` and `&` as entities, which
/// are decoded after the tags are gone so that `&lt;b&gt;` stays text.
fn markup(line: &str, kind: Captions) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = line;
    while let Some(open) = rest.find(['<', '{']) {
        text.push_str(&rest[..open]);
        let tail = &rest[open..];
        match caption_tag(tail) {
            Some((length, voice)) => {
                if let Some(voice) = voice {
                    tokens.push(Token::Text(std::mem::take(&mut text)));
                    tokens.push(Token::Voice(voice));
                }
                rest = &tail[length..];
            }
            None => {
                text.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    text.push_str(rest);
    tokens.push(Token::Text(text));

    tokens
        .into_iter()
        .filter(|t| !matches!(t, Token::Text(text) if text.is_empty()))
        .map(|t| match t {
            Token::Text(text) if kind == Captions::WebVtt => Token::Text(decode_entities(&text)),
            other => other,
        })
        .collect()
}

/// The length of a caption tag at the start of `tail`, with the voice it
/// opens if it is one; `None` when `tail` does not start with a tag.
fn caption_tag(tail: &str) -> Option<(usize, Option<String>)> {
    if tail.starts_with('{') {
        // Only `{\...}`, an SSA override that SRT files carry over, is markup.
        return tail
            .starts_with("{\\")
            .then(|| tail.find('}').map(|close| (close + 1, None)))
            .flatten();
    }
    let close = tail.find('>')?;
    let inner = &tail[1..close];
    if inner.contains('<') {
        return None;
    }
    let closing = inner.starts_with('/');
    let body = inner.trim_start_matches('/');
    let name_end = body.find(['.', ' ', '\t']).unwrap_or(body.len());
    let name = &body[..name_end];
    if !closing && name.eq_ignore_ascii_case("v") {
        // `<v.loud Agent Maria>`: classes first, then the annotation.
        let annotation = body[name_end..]
            .split_once([' ', '\t'])
            .map_or("", |(_, a)| a);
        return Some((close + 1, Some(annotation.trim().to_string())));
    }
    const TAGS: [&str; 9] = ["b", "i", "u", "c", "v", "ruby", "rt", "lang", "font"];
    let known = TAGS.iter().any(|t| name.eq_ignore_ascii_case(t));
    let timestamp = !closing && clock_millis(inner).is_some();
    (known || timestamp).then_some((close + 1, None))
}

/// Decodes the character references WebVTT uses; an `&` that starts none
/// of them is kept as it is.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let decoded = tail
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((entity(&tail[1..end])?, end + 1)));
        match decoded {
            Some((replacement, length)) => {
                out.push_str(&replacement);
                rest = &tail[length..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<String> {
    let text = match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => " ",
        // Direction marks have no place in plain text.
        "lrm" | "rlm" => "",
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            return char::from_u32(code).map(String::from);
        }
    };
    Some(text.to_string())
}

// Plain text --------------------------------------------------------------

/// A label with nothing after it, waiting for its text on the lines below.
struct Open {
    who: Who,
    offset_secs: u32,
    text: String,
}

fn close(open: &mut Option<Open>, collected: &mut Collected) {
    if let Some(open) = open.take() {
        collected.push(open.who, open.offset_secs, &open.text);
    }
}

fn read_plain_text(text: &str) -> Result<Collected, Problem> {
    let mut collected = Collected::default();
    let mut offset_secs = 0;
    let mut open: Option<Open> = None;

    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            close(&mut open, &mut collected);
            continue;
        }

        let (time, rest) = leading_time(trimmed, line)?;
        // A line without a time was said at the last time given; lines
        // before any time are put at the start of the call.
        if let Some(time) = time {
            offset_secs = time;
        }
        let rest = strip_separator(rest);
        match split_label(rest) {
            _ if rest.is_empty() => close(&mut open, &mut collected),
            Label::Known(who, said) => {
                close(&mut open, &mut collected);
                if said.trim().is_empty() {
                    open = Some(Open {
                        who,
                        offset_secs,
                        text: String::new(),
                    });
                } else {
                    collected.push(who, offset_secs, said);
                }
            }
            // Text under a label of its own, until a blank line, is that
            // label's; anywhere else a line needs a label.
            _ => match open.as_mut() {
                Some(open) if time.is_none() => {
                    open.text.push(' ');
                    open.text.push_str(rest);
                }
                _ => return Err(no_speaker(line, rest)),
            },
        }
    }
    close(&mut open, &mut collected);
    Ok(collected)
}

/// A time at the start of a line, `[00:01:02]`, `(01:02)` or `00:01:02`,
/// as seconds, and the rest of the line. Something that starts like a time
/// but is not one is an error rather than text, since it is far more often
/// a typo than speech.
fn leading_time(line: &str, line_no: usize) -> Result<(Option<u32>, &str), Problem> {
    let (candidate, rest) = match line.chars().next() {
        Some(open @ ('[' | '(')) => {
            let close = if open == '[' { ']' } else { ')' };
            match line.find(close) {
                Some(end) => (line[1..end].trim(), &line[end + 1..]),
                None => return Ok((None, line)),
            }
        }
        _ => line.split_at(line.find(char::is_whitespace).unwrap_or(line.len())),
    };
    let looks_like_time = candidate.starts_with(|c: char| c.is_ascii_digit())
        && candidate.contains(':')
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":.,".contains(c));
    if !looks_like_time {
        return Ok((None, line));
    }
    match clock_millis(candidate) {
        Some(millis) => Ok((Some(whole_seconds(millis)), rest.trim_start())),
        None => Err(at_line(
            line_no,
            format!("{candidate:?} is not a time (expected e.g. [00:01:02] or 01:02)"),
        )),
    }
}

/// Drops a dash or bar some tools put between the time and the speaker.
fn strip_separator(text: &str) -> &str {
    let text = text.trim();
    for separator in ["-", "–", "—", "|"] {
        if let Some(rest) = text.strip_prefix(separator) {
            if rest.starts_with(char::is_whitespace) {
                return rest.trim_start();
            }
        }
    }
    text
}

// Utterance CSV -------------------------------------------------------------

/// Header names each column goes by, lower case without spaces or
/// punctuation, in the order they are preferred when a file has several.
const ID_HEADERS: [&str; 6] = [
    "conversationid",
    "callid",
    "contactid",
    "interactionid",
    "conversation",
    "call",
];
const TIME_HEADERS: [&str; 6] = [
    "time",
    "timestamp",
    "offset",
    "start",
    "starttime",
    "begintime",
];
const SPEAKER_HEADERS: [&str; 6] = [
    "speaker",
    "role",
    "participant",
    "speakerrole",
    "participantrole",
    "participanttype",
];
const TEXT_HEADERS: [&str; 6] = [
    "text",
    "utterance",
    "transcript",
    "content",
    "message",
    "utterancetext",
];

fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A column the reader uses: where it is, and its name as the file writes
/// it, for errors.
#[derive(Debug, Clone)]
struct Column {
    index: usize,
    name: String,
}

struct Columns {
    id: Option<Column>,
    time: Column,
    speaker: Column,
    text: Column,
}

impl Columns {
    fn find(headers: &[&str]) -> Result<Columns, String> {
        let find = |names: &[&str]| {
            names.iter().find_map(|wanted| {
                let index = headers.iter().position(|h| header_key(h) == *wanted)?;
                Some(Column {
                    index,
                    name: headers[index].trim().to_string(),
                })
            })
        };
        let (time, speaker, text) = (
            find(&TIME_HEADERS),
            find(&SPEAKER_HEADERS),
            find(&TEXT_HEADERS),
        );
        let missing: Vec<&str> = [
            (time.is_none(), "a time (time, timestamp, offset or start)"),
            (
                speaker.is_none(),
                "a speaker (speaker, role or participant)",
            ),
            (
                text.is_none(),
                "the text (text, utterance, transcript or content)",
            ),
        ]
        .into_iter()
        .filter_map(|(absent, what)| absent.then_some(what))
        .collect();
        match (time, speaker, text) {
            (Some(time), Some(speaker), Some(text)) => Ok(Columns {
                id: find(&ID_HEADERS),
                time,
                speaker,
                text,
            }),
            _ => Err(format!(
                "the header has no column for {}; each row needs a time, a speaker and the text, \
                 and may name its conversation (conversation_id or call_id)",
                missing.join(", nor for ")
            )),
        }
    }
}

/// The delimiter a header line uses: whichever of comma, semicolon (what
/// Excel writes where the comma is a decimal point) and tab it holds most
/// of outside quotes; a comma when it holds none.
fn sniff_delimiter(header: &str) -> u8 {
    let mut counts = [(b',', 0), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in header.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
                entry.1 += 1;
            }
        }
    }
    let mut best = counts[0];
    for entry in counts {
        if entry.1 > best.1 {
            best = entry;
        }
    }
    best.0
}

/// The columns of a header line, when it is one this reader can use.
fn csv_header_columns(header: &str) -> Option<Columns> {
    let delimiter = char::from(sniff_delimiter(header));
    let names: Vec<&str> = header
        .split(delimiter)
        .map(|h| h.trim().trim_matches('"'))
        .collect();
    (names.len() > 2)
        .then(|| Columns::find(&names).ok())
        .flatten()
}

/// One utterance row, as written.
struct Row {
    line: usize,
    id: Option<String>,
    time: String,
    who: Who,
    text: String,
}

/// How a time column is written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stamp {
    /// `62.5` (a decimal comma is read too).
    Seconds(f64),
    /// `01:02` or `00:01:02.500`.
    Clock(u64),
    /// Anything else, which must then be a date and time.
    Written,
}

fn stamp(cell: &str) -> Stamp {
    let is_number = !cell.is_empty()
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        && cell.starts_with(|c: char| c.is_ascii_digit());
    if is_number {
        if let Ok(seconds) = cell.replace(',', ".").parse::<f64>() {
            return Stamp::Seconds(seconds);
        }
    }
    match clock_millis(cell) {
        Some(millis) => Stamp::Clock(millis),
        None => Stamp::Written,
    }
}

fn read_utterances(
    text: &str,
    options: &TranscriptOptions,
) -> Result<Vec<TranscriptConversation>, Problem> {
    let header = text.lines().next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(header))
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(csv_problem)?.clone();
    let names: Vec<&str> = headers.iter().collect();
    let columns = Columns::find(&names).map_err(|message| at_line(1, message))?;

    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(csv_problem)?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let cell = |column: &Column| record.get(column.index).unwrap_or_default();
        // A row without words is a pause or a system event: nothing to quote.
        if cell(&columns.text).is_empty() {
            continue;
        }
        let id = match &columns.id {
            Some(column) if cell(column).is_empty() => {
                return Err(place(line, column)
                    .problem("is empty; each row needs the conversation it belongs to".into()))
            }
            Some(column) => Some(cell(column).to_string()),
            None => None,
        };
        let speaker = cell(&columns.speaker);
        let who = who_from_role(speaker).ok_or_else(|| {
            place(line, &columns.speaker).problem(format!(
                "{speaker:?} is not a speaker Peercoach knows ({LABELS_ACCEPTED})"
            ))
        })?;
        let time = cell(&columns.time);
        if time.is_empty() {
            return Err(place(line, &columns.time)
                .problem("is empty; each utterance needs its time".into()));
        }
        rows.push(Row {
            line,
            id,
            time: time.to_string(),
            who,
            text: cell(&columns.text).to_string(),
        });
    }

    let times = row_times(&rows, &columns.time, options)?;
    // Conversations in the order they first appear, each with its rows.
    let mut groups: Vec<(Option<String>, Vec<TimedRow>)> = Vec::new();
    let mut by_id: HashMap<Option<String>, usize> = HashMap::new();
    for (row, time) in rows.into_iter().zip(times) {
        let index = *by_id.entry(row.id.clone()).or_insert_with(|| {
            groups.push((row.id.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[index].1.push((row, time));
    }
    Ok(groups
        .into_iter()
        .map(|(id, rows)| conversation(id, rows, options))
        .collect())
}

type TimedRow = (Row, RowTime);

/// A cell's place in a CSV, for errors: `line 5, speaker`.
struct Place(String);

impl Place {
    fn problem(self, message: String) -> Problem {
        Problem::new(self.0, message)
    }
}

fn place(line: usize, column: &Column) -> Place {
    Place(format!("line {line}, {}", column.name))
}

/// When an utterance was said, as the time column gives it.
#[derive(Debug, Clone, Copy)]
enum RowTime {
    /// Milliseconds from the start of the call.
    Offset(u64),
    At(DateTime<FixedOffset>),
}

/// Each row's time. A column holds either offsets or dates and times,
/// never both, so one date in it makes every cell a date.
fn row_times(
    rows: &[Row],
    column: &Column,
    options: &TranscriptOptions,
) -> Result<Vec<RowTime>, Problem> {
    let stamps: Vec<Stamp> = rows.iter().map(|r| stamp(&r.time)).collect();
    // Offsets from the start of a call never reach 20,000 seconds (five
    // and a half hours), so a column of numbers that all do holds Excel's
    // day numbers.
    let excel = !rows.is_empty()
        && stamps
            .iter()
            .all(|s| matches!(s, Stamp::Seconds(n) if *n >= 20_000.0));
    if !excel && !stamps.contains(&Stamp::Written) {
        return Ok(stamps
            .iter()
            .map(|s| match *s {
                Stamp::Seconds(seconds) => RowTime::Offset((seconds * 1000.0) as u64),
                Stamp::Clock(millis) => RowTime::Offset(millis),
                Stamp::Written => RowTime::Offset(0),
            })
            .collect());
    }

    let first_date = rows
        .iter()
        .zip(&stamps)
        .find(|(_, s)| **s == Stamp::Written)
        .map(|(row, _)| row.line);
    let samples: Vec<&str> = rows.iter().map(|r| r.time.as_str()).collect();
    let day_order = options
        .day_order
        .or_else(|| dates::guess_day_order(&samples))
        .unwrap_or(DayOrder::MonthFirst);
    rows.iter()
        .zip(&stamps)
        .map(|(row, stamp)| {
            let problem = |message: String| place(row.line, column).problem(message);
            if let (Some(date_line), Stamp::Seconds(_) | Stamp::Clock(_)) = (first_date, stamp) {
                return Err(problem(format!(
                    "{:?} is an offset from the call's start, but line {date_line} gives a date \
                     and time; the column must hold one or the other",
                    row.time
                )));
            }
            // A decimal comma is only a comma in a number, never in a date.
            let text = if excel {
                row.time.replace(',', ".")
            } else {
                row.time.clone()
            };
            match dates::parse_when(&text, options.zone, day_order).map_err(problem)? {
                When::At(time) => Ok(RowTime::At(time)),
                When::Day(_) => Err(problem(format!(
                    "{:?} is a day without a time; each utterance needs its time, as an offset \
                     (62.5 or 01:02) or a date and time (2024-06-02 16:39:13)",
                    row.time
                ))),
            }
        })
        .collect()
}

/// One conversation's lines in the order spoken. Clock times count from
/// the call start given, else from the conversation's first utterance.
fn conversation(
    id: Option<String>,
    rows: Vec<TimedRow>,
    options: &TranscriptOptions,
) -> TranscriptConversation {
    let first = rows
        .iter()
        .filter_map(|(_, time)| match time {
            RowTime::At(time) => Some(*time),
            RowTime::Offset(_) => None,
        })
        .min();
    let start = options.call_start.or(first);
    let agent_name = rows.iter().find_map(|(row, _)| row.who.name.clone());
    let mut lines: Vec<Line> = rows
        .into_iter()
        .map(|(row, time)| Line {
            speaker: row.who.speaker,
            offset_secs: match (time, start) {
                (RowTime::Offset(millis), _) => whole_seconds(millis),
                (RowTime::At(time), Some(start)) => seconds_after(start, time),
                (RowTime::At(_), None) => 0,
            },
            text: tidy(&row.text),
        })
        .collect();
    // Exports are often ordered by speaker or by utterance id rather than
    // by time; a call screen reads top to bottom.
    lines.sort_by_key(|l| l.offset_secs);
    TranscriptConversation {
        id,
        agent_name,
        started_at: start,
        lines,
    }
}

/// Whole seconds from `start` to `time`; a time before the start is a
/// clock difference between systems and is put at 0:00.
fn seconds_after(start: DateTime<FixedOffset>, time: DateTime<FixedOffset>) -> u32 {
    u32::try_from((time - start).num_seconds().max(0)).unwrap_or(u32::MAX)
}

fn csv_problem(error: csv::Error) -> Problem {
    let line = error.position().map_or(1, |p| p.line() as usize);
    at_line(line, format!("the CSV cannot be read ({error})"))
}

// Detection ---------------------------------------------------------------

fn detect_by_content(text: &str) -> Option<TranscriptFormat> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    if first.starts_with("WEBVTT") {
        return Some(TranscriptFormat::WebVtt);
    }
    // A cue time line is among the first three; SRT writes it with a comma.
    let timing = text.lines().take(3).find_map(|line| {
        let (start, _) = line.split_once("-->")?;
        clock_millis(start.trim()).map(|_| start)
    });
    if let Some(start) = timing {
        return Some(if start.contains(',') {
            TranscriptFormat::Srt
        } else {
            TranscriptFormat::WebVtt
        });
    }
    if csv_header_columns(first).is_some() {
        return Some(TranscriptFormat::UtteranceCsv);
    }
    let (time, rest) = leading_time(first, 1).ok()?;
    let labelled = matches!(split_label(strip_separator(rest)), Label::Known(..));
    (time.is_some() || labelled).then_some(TranscriptFormat::PlainText)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::Speaker::{Agent, Customer};

    type Said = (Speaker, u32, String);

    fn said(speaker: Speaker, offset_secs: u32, text: &str) -> Said {
        (speaker, offset_secs, text.to_string())
    }

    fn read(file_name: &str, text: &str) -> ParsedTranscript {
        parse_transcript(file_name, text).unwrap_or_else(|e| panic!("{file_name} should read: {e}"))
    }

    fn lines_of(conversation: &TranscriptConversation) -> Vec<Said> {
        conversation
            .lines
            .iter()
            .map(|l| (l.speaker, l.offset_secs, l.text.clone()))
            .collect()
    }

    /// The lines of a file that holds one conversation.
    fn lines(file_name: &str, text: &str) -> Vec<Said> {
        let parsed = read(file_name, text);
        assert_eq!(parsed.conversations.len(), 1, "{parsed:?}");
        lines_of(&parsed.conversations[0])
    }

    fn refused(file_name: &str, text: &str) -> String {
        parse_transcript(file_name, text)
            .expect_err("should be refused")
            .to_string()
    }

    fn with(options: TranscriptOptions, file_name: &str, text: &str) -> TranscriptConversation {
        let mut parsed = parse_transcript_with(file_name, text, &options)
            .unwrap_or_else(|e| panic!("{file_name} should read: {e}"));
        assert_eq!(parsed.conversations.len(), 1, "{parsed:?}");
        parsed.conversations.remove(0)
    }

    fn time(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    // Detection

    #[test]
    fn caption_and_csv_extensions_decide_the_format() {
        assert_eq!(
            detect_format("call.VTT", ""),
            Some(TranscriptFormat::WebVtt)
        );
        assert_eq!(detect_format("call.srt", ""), Some(TranscriptFormat::Srt));
        assert_eq!(
            detect_format("calls.csv", ""),
            Some(TranscriptFormat::UtteranceCsv)
        );
        assert_eq!(
            detect_format("calls.tsv", ""),
            Some(TranscriptFormat::UtteranceCsv)
        );
    }

    #[test]
    fn other_names_and_text_files_are_told_by_their_content() {
        let detect = |name, text| detect_format(name, text);
        assert_eq!(
            detect(
                "call.txt",
                "\u{feff}WEBVTT\n\n00:01.000 --> 00:02.000\nAgent: Hi"
            ),
            Some(TranscriptFormat::WebVtt)
        );
        assert_eq!(
            detect("call", "1\n00:00:01,000 --> 00:00:02,000\nAgent: Hi"),
            Some(TranscriptFormat::Srt)
        );
        assert_eq!(
            detect("call", "00:00:01.000 --> 00:00:02.000\nAgent: Hi"),
            Some(TranscriptFormat::WebVtt)
        );
        assert_eq!(
            detect("export", "call_id;time;speaker;text\nc1;1;Agent;Hi"),
            Some(TranscriptFormat::UtteranceCsv)
        );
        assert_eq!(
            detect("notes.md", "[00:00:01] Agent: Hi"),
            Some(TranscriptFormat::PlainText)
        );
        assert_eq!(
            detect("notes", "Caller: Hi"),
            Some(TranscriptFormat::PlainText)
        );
        assert_eq!(
            detect("notes.txt", "Dear Sir"),
            Some(TranscriptFormat::PlainText)
        );
        assert_eq!(detect("notes.doc", "Dear Sir"), None);
        assert_eq!(
            detect("notes", "Agent: go to Settings --> Privacy"),
            Some(TranscriptFormat::PlainText),
            "an arrow in speech is not a cue time"
        );
    }

    #[test]
    fn a_file_of_no_known_format_is_refused_with_the_formats_read() {
        assert_eq!(
            refused("notes.doc", "Dear Sir"),
            "notes.doc: whole file: not a transcript Peercoach reads (expected WebVTT (.vtt), \
             SRT (.srt), plain text (.txt) with Agent: and Customer: labels, or a CSV with one \
             row per utterance)"
        );
    }

    #[test]
    fn a_transcript_without_a_single_line_is_refused() {
        assert_eq!(
            refused("call.vtt", "WEBVTT\n\nNOTE nothing was said\n"),
            "call.vtt: whole file: no line has both a speaker and text (read as WebVTT)"
        );
    }

    #[test]
    fn a_format_can_be_chosen_when_the_file_does_not_tell() {
        let options = TranscriptOptions {
            format: Some(TranscriptFormat::PlainText),
            ..TranscriptOptions::default()
        };
        let conversation = with(options, "notes.doc", "Agent: Hi");
        assert_eq!(lines_of(&conversation), [said(Agent, 0, "Hi")]);
    }

    // WebVTT

    const VTT: &str = "WEBVTT - call 7
Kind: captions

NOTE written by the
transcription tool

STYLE
::cue { color: yellow }

1
00:00:01.500 --> 00:00:04.000
<v Agent Maria>Thanks for calling,
how can I help?</v>

01:05.000 --> 01:07.000 align:start
<v Customer Jane Doe>I need <b>a refund</b>.

cue-3
00:01:10.000 --> 00:01:12.000
Agent (Maria): <i>Of course</i>.
";

    #[test]
    fn webvtt_reads_voices_labels_and_both_time_forms() {
        let parsed = read("call.vtt", VTT);
        assert_eq!(parsed.format, TranscriptFormat::WebVtt);
        let conversation = &parsed.conversations[0];
        assert_eq!(
            lines_of(conversation),
            [
                said(Agent, 1, "Thanks for calling, how can I help?"),
                said(Customer, 65, "I need a refund."),
                said(Agent, 70, "Of course."),
            ]
        );
        assert_eq!(conversation.agent_name.as_deref(), Some("Maria"));
        assert_eq!(conversation.id, None);
        assert_eq!(conversation.started_at, None);
        assert!(
            !format!("{parsed:?}").contains("Jane"),
            "the customer's name is not kept"
        );
    }

    #[test]
    fn webvtt_markup_is_stripped_to_plain_text() {
        let text = "WEBVTT\n\n00:00:02.000 --> 00:00:05.000\n<v.loud Agent>Your <c.yellow>booking\
                    </c> is <00:00:03.000>confirmed, <lang en>fully</lang> <u>paid</u> \
                    <i><b>today</b></i>.</v>\n";
        assert_eq!(
            lines("call.vtt", text),
            [said(
                Agent,
                2,
                "Your booking is confirmed, fully paid today."
            )]
        );
    }

    #[test]
    fn webvtt_text_that_only_looks_like_markup_stays_text() {
        let text = "WEBVTT\n\n00:00:02.000 --> 00:00:05.000\nAgent: Press <Enter>, \
                    then 2 < 3 &amp; 5 > 4, and type &lt;b&gt;yes&lt;/b&gt; &copy;\n";
        assert_eq!(
            lines("call.vtt", text),
            [said(
                Agent,
                2,
                "Press <Enter>, then 2 < 3 & 5 > 4, and type <b>yes</b> &copy;"
            )]
        );
    }

    #[test]
    fn a_cue_holding_both_sides_becomes_two_lines() {
        let text = "WEBVTT\r\n\r\n00:00:01.000 --> 00:00:03.000\r\nAgent: Hello.\r\n\
                    customer: Hi.\r\n\r\n00:00:04.000 --> 00:00:06.000\r\n\
                    <v Agent>Ready?</v> <v Caller>Yes.</v>\r\n";
        assert_eq!(
            lines("call.vtt", text),
            [
                said(Agent, 1, "Hello."),
                said(Customer, 1, "Hi."),
                said(Agent, 4, "Ready?"),
                said(Customer, 4, "Yes."),
            ]
        );
    }

    #[test]
    fn a_bad_cue_time_names_the_line_and_the_form_expected() {
        let text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAgent: Hi\n\n\
                    00:01:xx --> 00:01:05.000\nAgent: Bye\n";
        assert_eq!(
            refused("call.vtt", text),
            "call.vtt: line 6: \"00:01:xx\" is not a cue time (expected 00:01:02.500)"
        );
        let text = "WEBVTT\n\n00:00:01.000 --> 00:00:61.000\nAgent: Hi\n";
        assert_eq!(
            refused("call.vtt", text),
            "call.vtt: line 3: \"00:00:61.000\" is not a cue time (expected 00:01:02.500)"
        );
    }

    #[test]
    fn a_cue_without_a_time_line_is_refused() {
        let text = "WEBVTT\n\nAgent: Hi\n";
        assert_eq!(
            refused("call.vtt", text),
            "call.vtt: line 3: expected a cue time line such as 00:01:02.500 --> 00:01:02.500 \
             before the text"
        );
    }

    #[test]
    fn a_cue_whose_speaker_cannot_be_told_is_refused_with_the_labels_accepted() {
        let cue = |text: &str| format!("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{text}\n");
        assert_eq!(
            refused("call.vtt", &cue("Hello there.")),
            "call.vtt: line 4: no speaker is given; start the text with a label such as Agent:, \
             Agent (Maria): or Customer: (labels accepted: Agent, Rep, Representative or \
             Advisor for the agent; Customer, Caller or Client for the customer)"
        );
        assert_eq!(
            refused("call.vtt", &cue("Supervisor: Hello.")),
            "call.vtt: line 4: \"Supervisor\" is not a speaker Peercoach knows (labels accepted: \
             Agent, Rep, Representative or Advisor for the agent; Customer, Caller or Client for \
             the customer)"
        );
        let message = refused("call.vtt", &cue("<v Maria>Hello."));
        assert!(
            message.starts_with(
                "call.vtt: line 4: the voice \"Maria\" is not a speaker Peercoach knows; start \
                 it with a role, e.g. <v Agent Maria> or <v Customer>"
            ),
            "{message}"
        );
    }

    // SRT

    #[test]
    fn srt_reads_numbered_cues_with_comma_times_and_labels() {
        let text = "1\r\n00:00:01,000 --> 00:00:03,500\r\nAgent (Sam): <i>Hello</i> {b>,\r\n\
                    welcome.\r\n\r\n2\r\n00:01:02,500 --> 00:01:05,000\r\n\
                    {\\an8}CALLER: <font color=\"#ff0\">Hi</font> there &amp; hello\r\n";
        let parsed = read("call.srt", text);
        assert_eq!(parsed.format, TranscriptFormat::Srt);
        assert_eq!(
            lines_of(&parsed.conversations[0]),
            [
                said(Agent, 1, "Hello {b>, welcome."),
                said(Customer, 62, "Hi there &amp; hello"),
            ]
        );
        assert_eq!(parsed.conversations[0].agent_name.as_deref(), Some("Sam"));
    }

    #[test]
    fn srt_errors_name_the_line_and_the_comma_form() {
        assert_eq!(
            refused("call.srt", "1\n00:00:1,000 --> 00:00:02,000\nAgent: Hi\n"),
            "call.srt: line 2: \"00:00:1,000\" is not a cue time (expected 00:01:02,500)"
        );
        assert!(
            refused("call.srt", "1\n00:00:01,000 --> 00:00:02,000\nHi\n")
                .starts_with("call.srt: line 3: no speaker is given")
        );
    }

    // Plain text

    const PLAIN: &str = "Caller: Hello?
[00:00:05] Agent (Maria): Thanks for calling.
00:00:09 Customer: Hi, my card was declined.
CALLER: Twice, actually.
00:01:02
Rep: Let me check.
representative: One moment.
[01:10] - Client: Thanks.
(1:15) Advisor (Maria Lopez): Anything else?
";

    #[test]
    fn plain_text_reads_times_in_every_place_and_every_label() {
        let parsed = read("call.txt", PLAIN);
        assert_eq!(parsed.format, TranscriptFormat::PlainText);
        assert_eq!(
            lines_of(&parsed.conversations[0]),
            [
                said(Customer, 0, "Hello?"),
                said(Agent, 5, "Thanks for calling."),
                said(Customer, 9, "Hi, my card was declined."),
                said(Customer, 9, "Twice, actually."),
                said(Agent, 62, "Let me check."),
                said(Agent, 62, "One moment."),
                said(Customer, 70, "Thanks."),
                said(Agent, 75, "Anything else?"),
            ]
        );
        assert_eq!(
            parsed.conversations[0].agent_name.as_deref(),
            Some("Maria"),
            "the first name given is kept"
        );
    }

    #[test]
    fn labels_without_a_name_leave_the_agent_unnamed() {
        let parsed = read("call.txt", "Agent: Hi.\nCustomer (Jane): Hello.\n");
        assert_eq!(parsed.conversations[0].agent_name, None);
        assert!(!format!("{parsed:?}").contains("Jane"));
    }

    #[test]
    fn a_label_on_its_own_line_takes_the_text_below_it() {
        let text = "[00:00:05] Agent (Maria):\nThanks for calling,\nhow can I help?\n\n\
                    [00:00:09] Customer:\nHi.\n";
        assert_eq!(
            lines("call.txt", text),
            [
                said(Agent, 5, "Thanks for calling, how can I help?"),
                said(Customer, 9, "Hi."),
            ]
        );
    }

    #[test]
    fn a_plain_text_line_without_a_label_is_refused_with_its_number() {
        let message = refused("call.txt", "Agent: Hi.\n\nand then some words\n");
        assert!(
            message.starts_with("call.txt: line 3: no speaker is given; start the text"),
            "{message}"
        );
        let message = refused("call.txt", "Agent: Hi.\n[00:00:03] Supervisor: Hello.\n");
        assert!(
            message.starts_with("call.txt: line 2: \"Supervisor\" is not a speaker"),
            "{message}"
        );
    }

    #[test]
    fn labels_are_only_a_role_or_a_role_with_a_name_in_brackets() {
        let message = refused("call.txt", "Customer said: it broke.\n");
        assert!(
            message.starts_with("call.txt: line 1: \"Customer said\" is not a speaker"),
            "{message}"
        );
    }

    #[test]
    fn a_bad_time_in_plain_text_names_the_line() {
        assert_eq!(
            refused("call.txt", "Agent: Hi.\n[00:01:xx] Agent: Bye.\n"),
            "call.txt: line 2: \"00:01:xx\" is not a time (expected e.g. [00:01:02] or 01:02)"
        );
        assert_eq!(
            refused("call.txt", "00:61 Agent: Bye.\n"),
            "call.txt: line 1: \"00:61\" is not a time (expected e.g. [00:01:02] or 01:02)"
        );
    }

    // Utterance CSV

    #[test]
    fn csv_rows_are_grouped_per_conversation_in_the_order_spoken() {
        let text = "ConversationId,Offset,Role,Utterance
c1,0.5,Agent,Hello
c2,3,customer,Hi there
c1,62.5,CUSTOMER,\"Yes, please\"
c1,4,Agent (Maria),How can I help?
c2,5,Agent,
";
        let parsed = read("calls.csv", text);
        assert_eq!(parsed.format, TranscriptFormat::UtteranceCsv);
        let ids: Vec<Option<&str>> = parsed
            .conversations
            .iter()
            .map(|c| c.id.as_deref())
            .collect();
        assert_eq!(ids, [Some("c1"), Some("c2")]);
        assert_eq!(
            lines_of(&parsed.conversations[0]),
            [
                said(Agent, 0, "Hello"),
                said(Agent, 4, "How can I help?"),
                said(Customer, 62, "Yes, please"),
            ]
        );
        assert_eq!(parsed.conversations[0].agent_name.as_deref(), Some("Maria"));
        assert_eq!(parsed.conversations[0].started_at, None);
        assert_eq!(
            lines_of(&parsed.conversations[1]),
            [said(Customer, 3, "Hi there")],
            "a row without text is skipped"
        );
    }

    #[test]
    fn a_csv_with_a_bom_semicolons_and_clock_offsets_reads() {
        let text = "\u{feff}call_id;start;speaker;text\nA;00:01:02;Agent;Hello\n\
                    A;1:05;Caller;\"Hi; there\"\nA;70,5;Rep;OK\n";
        assert_eq!(
            lines("export.csv", text),
            [
                said(Agent, 62, "Hello"),
                said(Customer, 65, "Hi; there"),
                said(Agent, 70, "OK"),
            ]
        );
    }

    #[test]
    fn a_tab_separated_file_with_clock_times_counts_from_its_first_utterance() {
        let text = "Conversation ID\tTimestamp\tParticipant\tTranscript\n\
                    x\t2024-06-02T16:40:15-07:00\tCustomer\tHi\n\
                    x\t2024-06-02T16:39:13.2574769-07:00\tAgent\tHello\n";
        let parsed = read("calls.tsv", text);
        let conversation = &parsed.conversations[0];
        assert_eq!(
            lines_of(conversation),
            [said(Agent, 0, "Hello"), said(Customer, 61, "Hi")]
        );
        assert_eq!(
            conversation.started_at,
            Some(time("2024-06-02T16:39:13.2574769-07:00"))
        );
        assert_eq!(
            conversation.started_at.unwrap().offset().local_minus_utc(),
            -7 * 3600,
            "the start keeps the offset it was written with"
        );
    }

    #[test]
    fn a_given_call_start_is_where_offsets_count_from() {
        let options = TranscriptOptions {
            call_start: Some(time("2024-06-02T16:39:00-07:00")),
            ..TranscriptOptions::default()
        };
        let text = "time,speaker,text\n2024-06-02T16:38:00-07:00,Agent,Early\n\
                    2024-06-02T16:39:13-07:00,Agent,Hello\n2024-06-02T16:40:15-07:00,Customer,Hi\n";
        let conversation = with(options, "call.csv", text);
        assert_eq!(
            lines_of(&conversation),
            [
                said(Agent, 0, "Early"),
                said(Agent, 13, "Hello"),
                said(Customer, 75, "Hi")
            ]
        );
        assert_eq!(conversation.id, None);
        assert_eq!(conversation.started_at, options.call_start);
    }

    #[test]
    fn csv_dates_without_a_zone_are_read_in_the_zone_given_and_in_the_files_day_order() {
        let options = TranscriptOptions {
            zone: FixedOffset::east_opt(3600).unwrap(),
            ..TranscriptOptions::default()
        };
        let text = "time,speaker,text\n01/06/2024 16:00:00,Agent,Hello\n\
                    13/06/2024 16:00:30,Customer,Hi\n";
        let conversation = with(options, "call.csv", text);
        assert_eq!(
            conversation.started_at,
            Some(time("2024-06-01T16:00:00+01:00")),
            "13/06 decides that 01/06 is the first of June"
        );
        assert_eq!(conversation.lines[1].offset_secs, 12 * 86_400 + 30);
    }

    #[test]
    fn a_column_of_excel_day_numbers_is_read_as_dates() {
        let text = "time,speaker,text\n45445.5,Agent,Hello\n45445.5001,Customer,Hi\n";
        let conversation = with(TranscriptOptions::default(), "call.csv", text);
        assert_eq!(conversation.started_at, Some(time("2024-06-02T12:00:00Z")));
        assert_eq!(
            lines_of(&conversation),
            [said(Agent, 0, "Hello"), said(Customer, 9, "Hi")]
        );
    }

    #[test]
    fn csv_errors_name_the_line_and_the_column_as_the_file_writes_it() {
        let text = "Call ID,Time,Speaker,Text\nc1,1,Agent,Hi\n\
                    c1,2,\"Bot\",\"Two\nlines\"\nc1,3,Bot,Hello\n";
        assert_eq!(
            refused("calls.csv", text),
            "calls.csv: line 3, Speaker: \"Bot\" is not a speaker Peercoach knows (labels \
             accepted: Agent, Rep, Representative or Advisor for the agent; Customer, Caller or \
             Client for the customer)"
        );
        let text = "time,speaker,text\n1.5,Agent,Hi\n2024-06-02 16:00,Agent,Bye\n";
        assert_eq!(
            refused("calls.csv", text),
            "calls.csv: line 2, time: \"1.5\" is an offset from the call's start, but line 3 \
             gives a date and time; the column must hold one or the other"
        );
        let text = "time,speaker,text\n2024-06-02 16:00,Agent,Hi\n2024-06-02 25:00,Agent,Bye\n";
        assert_eq!(
            refused("calls.csv", text),
            "calls.csv: line 3, time: \"2024-06-02 25:00\" is not a date (expected e.g. \
             2024-06-02T16:39:13-07:00, 2024-06-02 16:39, 6/13/2024 4:03 PM or 45445)"
        );
        let text = "time,speaker,text\n2024-06-02,Agent,Hi\n";
        assert!(refused("calls.csv", text)
            .starts_with("calls.csv: line 2, time: \"2024-06-02\" is a day without a time"));
        let text = "call_id,time,speaker,text\n,1,Agent,Hi\n";
        assert_eq!(
            refused("calls.csv", text),
            "calls.csv: line 2, call_id: is empty; each row needs the conversation it belongs to"
        );
        let text = "time,speaker,text\n,Agent,Hi\n";
        assert_eq!(
            refused("calls.csv", text),
            "calls.csv: line 2, time: is empty; each utterance needs its time"
        );
    }

    #[test]
    fn a_csv_header_without_the_needed_columns_is_refused_naming_them() {
        assert_eq!(
            refused("calls.csv", "call_id,when,who,text\nc1,1,Agent,Hi\n"),
            "calls.csv: line 1: the header has no column for a time (time, timestamp, offset or \
             start), nor for a speaker (speaker, role or participant); each row needs a time, a \
             speaker and the text, and may name its conversation (conversation_id or call_id)"
        );
    }

    // Times

    #[test]
    fn clock_readings_take_hours_minutes_and_fractions() {
        assert_eq!(clock_millis("00:01:02.500"), Some(62_500));
        assert_eq!(clock_millis("01:02,5"), Some(62_500));
        assert_eq!(clock_millis("1:02"), Some(62_000));
        assert_eq!(clock_millis("75:30"), Some(4_530_000));
        assert_eq!(clock_millis("10:00:00.123456789"), Some(36_000_123));
        for bad in ["00:60:00", "1:2", "1:02.", "a:02", "1:02:03:04", "", "12"] {
            assert_eq!(clock_millis(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_cue_time_reads_back_to_its_second(millis in 0u64..100 * 3_600_000, srt: bool) {
            let (h, m, s, ms) = (
                millis / 3_600_000,
                millis / 60_000 % 60,
                millis / 1000 % 60,
                millis % 1000,
            );
            let mark = if srt { ',' } else { '.' };
            let stamp = format!("{h:02}:{m:02}:{s:02}{mark}{ms:03}");
            prop_assert_eq!(clock_millis(&stamp), Some(millis));
            let (name, header) = if srt { ("c.srt", "1") } else { ("c.vtt", "WEBVTT\n") };
            let file = format!("{header}\n{stamp} --> {stamp}\nAgent: Hi\n");
            prop_assert_eq!(lines(name, &file), [said(Agent, (millis / 1000) as u32, "Hi")]);
        }
    }
}
