//! The program file: what "Export" writes and "Import" reads, and the JSON
//! the browser store keeps each record in.
//!
//! The file is an envelope (`format`, `schema_version`, `exported_at`)
//! around one program. Its types below are version 1 of that file and
//! change only with `SCHEMA_VERSION`; the domain types may change freely as
//! long as the conversions here keep up. Reading checks everything a
//! program relies on (a valid rubric, unique ids, references that resolve,
//! scores on the scale) so that a hand-edited or damaged file is refused
//! with the place to fix, rather than loaded and failing later on a screen.
//!
//! The store saves calls, evaluations and sessions one record at a time,
//! and the rest of the program as one "meta" record, with the same types,
//! so there is a single description of how a program looks as JSON.

use std::collections::HashMap;

use chrono::FixedOffset;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{at, decode, parse_date, parse_date_time, FormatError, Problem};
use crate::domain::rubric::{Scale, DEFAULT_RUBRIC_ID, MAX_LEVEL};
use crate::domain::{
    Agent, Call, Criterion, CriterionScore, Evaluation, Example, Line, Moment, PairRubric, Program,
    Role, Rubric, Session, Speaker, Team,
};

/// The value of `"format"` that marks a Peercoach program file.
pub const FORMAT: &str = "peercoach-program";

/// The newest file layout this version reads and the one it writes.
pub const SCHEMA_VERSION: u32 = 2;
/// The oldest layout still read. Version 1 had one rubric, no versions and
/// no rubric on evaluations; it reads as rubric "default", version 1.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// How errors name records read back from the browser store, which have no
/// file name of their own.
const SAVED: &str = "the saved program";

// ---- The file's types, version 1 ----

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramFile {
    pub format: String,
    pub schema_version: u32,
    pub exported_at: String,
    pub program: ProgramDto,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramDto {
    pub name: String,
    pub as_of: Option<String>,
    pub is_demo: bool,
    /// The offset date-times without a zone are read in ("+01:00"). Files
    /// written before it existed read as UTC.
    #[serde(default = "utc_text")]
    pub time_zone: String,
    /// Schema 1's single rubric; schema 2 writes `rubrics` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<RubricDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubrics: Vec<RubricDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rubric: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pair_rubrics: Vec<PairRubricDto>,
    pub teams: Vec<TeamDto>,
    pub agents: Vec<AgentDto>,
    pub calls: Vec<CallDto>,
    pub evaluations: Vec<EvaluationDto>,
    pub sessions: Vec<SessionDto>,
}

/// Everything in a program except its calls, evaluations and sessions: the
/// part the store saves as a single record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgramMeta {
    pub name: String,
    pub as_of: Option<String>,
    pub is_demo: bool,
    /// The offset date-times without a zone are read in ("+01:00"). Files
    /// written before it existed read as UTC.
    #[serde(default = "utc_text")]
    pub time_zone: String,
    /// Schema 1's single rubric; schema 2 writes `rubrics` instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<RubricDto>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rubrics: Vec<RubricDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_rubric: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pair_rubrics: Vec<PairRubricDto>,
    pub teams: Vec<TeamDto>,
    pub agents: Vec<AgentDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RubricDto {
    #[serde(default = "default_rubric_id")]
    pub id: String,
    #[serde(default = "first_version")]
    pub version: u32,
    pub name: String,
    pub criteria: Vec<CriterionDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PairRubricDto {
    pub coach_id: String,
    pub agent_id: String,
    pub rubric_id: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScaleDto {
    #[default]
    OneToFive,
    YesNo,
    PassFail,
}

fn default_rubric_id() -> String {
    DEFAULT_RUBRIC_ID.to_string()
}

fn first_version() -> u32 {
    1
}

fn yes() -> bool {
    true
}

fn is_default_scale(scale: &ScaleDto) -> bool {
    *scale == ScaleDto::OneToFive
}

fn is_true(value: &bool) -> bool {
    *value
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionDto {
    pub id: String,
    pub name: String,
    pub dimension: String,
    pub weight: u32,
    pub description: String,
    pub anchors: [String; 5],
    /// Added after the first files were written, so older files without
    /// them still read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub look_for: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default_scale")]
    pub scale: ScaleDto,
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub na_allowed: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub critical_at: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamDto {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentDto {
    pub id: String,
    pub name: String,
    pub hired_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallDto {
    pub id: String,
    pub agent_id: String,
    pub team_id: String,
    pub started_at: String,
    pub resolved: Option<bool>,
    pub reason: String,
    pub source: String,
    pub lines: Vec<LineDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerDto {
    Agent,
    Customer,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineDto {
    pub speaker: SpeakerDto,
    pub offset_secs: u32,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationDto {
    pub id: String,
    pub call_id: String,
    pub role: RoleDto,
    pub evaluator: String,
    pub scored_on: String,
    #[serde(default = "default_rubric_id")]
    pub rubric_id: String,
    #[serde(default = "first_version")]
    pub rubric_version: u32,
    pub scores: Vec<ScoreDto>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleDto {
    #[serde(rename = "qa")]
    Qa,
    #[serde(rename = "peer_coach")]
    PeerCoach,
    #[serde(rename = "self")]
    SelfReview,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreDto {
    pub criterion_id: String,
    /// `null` is N/A.
    pub score: Option<u8>,
    pub evidence: Vec<MomentDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MomentDto {
    pub offset_secs: u32,
    pub quote: String,
    /// The scorer's note on the moment; absent when there is none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionDto {
    pub id: String,
    pub coach_id: String,
    pub agent_id: String,
    pub dimension: String,
    pub date: String,
    pub completed: bool,
    pub examples: Vec<ExampleDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExampleDto {
    pub call_id: String,
    pub offset_secs: u32,
    pub quote: String,
    pub what_happened: String,
    pub standard: String,
    pub say_instead: String,
}

/// The first fields of any JSON object, read leniently so that the format
/// and version can be judged before the rest of the file is held to them.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    schema_version: Option<serde_json::Value>,
}

// ---- Whole files and the store's parts ----

/// The program as a pretty-printed program file. `exported_at` is written
/// as given (the caller reads the clock; the formats do not).
pub fn export_program(program: &Program, exported_at: &str) -> String {
    let meta = meta_of(program);
    // Records go out in id order, the order the store reads them back in,
    // so the same program always exports to the same file.
    fn by_id<R: Record>(records: &[R], id: impl Fn(&R::Dto) -> &str) -> Vec<R::Dto> {
        let mut dtos: Vec<R::Dto> = records.iter().map(Record::to_dto).collect();
        dtos.sort_by(|a, b| id(a).cmp(id(b)));
        dtos
    }
    let file = ProgramFile {
        format: FORMAT.to_string(),
        schema_version: SCHEMA_VERSION,
        exported_at: exported_at.to_string(),
        program: ProgramDto {
            name: meta.name,
            as_of: meta.as_of,
            time_zone: meta.time_zone,
            is_demo: meta.is_demo,
            rubric: meta.rubric,
            rubrics: meta.rubrics,
            default_rubric: meta.default_rubric,
            pair_rubrics: meta.pair_rubrics,
            teams: meta.teams,
            agents: meta.agents,
            calls: by_id(&program.calls, |c: &CallDto| &c.id),
            evaluations: by_id(&program.evaluations, |e: &EvaluationDto| &e.id),
            sessions: by_id(&program.sessions, |s: &SessionDto| &s.id),
        },
    };
    serde_json::to_string_pretty(&file).expect("program DTOs have string keys and always serialize")
}

/// Reads a program file, checking it completely; `file_name` is only used
/// to say where a problem is.
pub fn parse_program(file_name: &str, text: &str) -> Result<Program, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_header(file_name, text)?;

    let file: ProgramFile = decode(file_name, "", text)?;
    let p = file.program;
    let meta = ProgramMeta {
        name: p.name,
        as_of: p.as_of,
        is_demo: p.is_demo,
        time_zone: p.time_zone,
        rubric: p.rubric,
        rubrics: p.rubrics,
        default_rubric: p.default_rubric,
        pair_rubrics: p.pair_rubrics,
        teams: p.teams,
        agents: p.agents,
    };
    assemble(meta, p.calls, p.evaluations, p.sessions, "program").map_err(|e| e.in_file(file_name))
}

/// Judges `format` and `schema_version` first: a file of another kind, or
/// one from a newer Peercoach, should be named as such rather than produce
/// a list of unknown fields.
fn check_header(file_name: &str, text: &str) -> Result<(), FormatError> {
    let header = match serde_json::from_str::<Header>(text) {
        Ok(header) => header,
        // A JSON value that is not an object cannot be a program file.
        Err(e) if e.is_data() => {
            return Err(FormatError::NotAProgram {
                file: file_name.to_string(),
            })
        }
        // Broken JSON is left to the full read, which says where it broke.
        Err(_) => return Ok(()),
    };
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(FormatError::NotAProgram {
            file: file_name.to_string(),
        });
    }
    let version = match header.schema_version {
        None => {
            return Err(FormatError::Missing {
                file: file_name.to_string(),
                path: "schema_version".into(),
                why: format!("a program file says which layout it uses (this is {SCHEMA_VERSION})"),
            })
        }
        Some(v) => v,
    };
    match version.as_u64() {
        Some(v) if v > u64::from(SCHEMA_VERSION) => Err(FormatError::NewerSchema {
            file: file_name.to_string(),
            found: u32::try_from(v).unwrap_or(u32::MAX),
        }),
        Some(v) if (u64::from(OLDEST_SCHEMA_VERSION)..=u64::from(SCHEMA_VERSION)).contains(&v) => {
            Ok(())
        }
        _ => Err(FormatError::Invalid {
            file: file_name.to_string(),
            path: "schema_version".into(),
            message: format!(
                "{version} is not a schema Peercoach has written (expected {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION})"
            ),
        }),
    }
}

/// The program without its calls, evaluations and sessions, as the store
/// saves it.
pub fn meta_to_json(program: &Program) -> String {
    serde_json::to_string(&meta_of(program)).expect("program DTOs always serialize")
}

/// Rebuilds a program from the records the store saved, with the same
/// checks as an imported file. Paths in errors count records in the order
/// given (`calls[3]`).
pub fn program_from_parts(
    meta_json: &str,
    calls: &[String],
    evaluations: &[String],
    sessions: &[String],
) -> Result<Program, FormatError> {
    let meta: ProgramMeta = decode(SAVED, "meta", meta_json)?;
    let calls = decode_each(calls, Call::COLLECTION)?;
    let evaluations = decode_each(evaluations, Evaluation::COLLECTION)?;
    let sessions = decode_each(sessions, Session::COLLECTION)?;
    assemble(meta, calls, evaluations, sessions, "").map_err(|e| e.in_file(SAVED))
}

fn decode_each<T: DeserializeOwned>(
    texts: &[String],
    collection: &str,
) -> Result<Vec<T>, FormatError> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| decode(SAVED, &format!("{collection}[{i}]"), t))
        .collect()
}

// ---- Single records ----

/// A domain record with a JSON form of its own, so the store can save it
/// on its own: calls, evaluations and sessions.
pub trait Record: Sized {
    /// The record's collection in the program file (`calls`).
    const COLLECTION: &'static str;
    /// How a lone record is named in errors (`call`).
    const NAME: &'static str;
    type Dto: Serialize + DeserializeOwned;

    fn to_dto(&self) -> Self::Dto;
    /// Checks what can be checked within the record; references to other
    /// records are checked when a whole program is assembled.
    fn from_dto(dto: Self::Dto, path: &str) -> Result<Self, Problem>;
}

/// One record as compact JSON, for the store.
pub fn record_to_json<R: Record>(record: &R) -> String {
    serde_json::to_string(&record.to_dto()).expect("record DTOs always serialize")
}

/// One record back from the store's JSON. References to other records are
/// not checked here, since the record is read alone.
pub fn record_from_json<R: Record>(text: &str) -> Result<R, FormatError> {
    let dto = decode(SAVED, R::NAME, text)?;
    R::from_dto(dto, R::NAME).map_err(|e| e.in_file(SAVED))
}

impl Record for Call {
    const COLLECTION: &'static str = "calls";
    const NAME: &'static str = "call";
    type Dto = CallDto;

    fn to_dto(&self) -> CallDto {
        CallDto {
            id: self.id.clone(),
            agent_id: self.agent_id.clone(),
            team_id: self.team_id.clone(),
            started_at: self.started_at.to_rfc3339(),
            resolved: self.resolved,
            reason: self.reason.clone(),
            source: self.source.clone(),
            lines: self
                .lines
                .iter()
                .map(|l| LineDto {
                    speaker: match l.speaker {
                        Speaker::Agent => SpeakerDto::Agent,
                        Speaker::Customer => SpeakerDto::Customer,
                    },
                    offset_secs: l.offset_secs,
                    text: l.text.clone(),
                })
                .collect(),
        }
    }

    fn from_dto(dto: CallDto, path: &str) -> Result<Call, Problem> {
        Ok(Call {
            started_at: parse_date_time(&dto.started_at, &at(path, "started_at"))?,
            id: dto.id,
            agent_id: dto.agent_id,
            team_id: dto.team_id,
            resolved: dto.resolved,
            reason: dto.reason,
            source: dto.source,
            lines: dto
                .lines
                .into_iter()
                .map(|l| Line {
                    speaker: match l.speaker {
                        SpeakerDto::Agent => Speaker::Agent,
                        SpeakerDto::Customer => Speaker::Customer,
                    },
                    offset_secs: l.offset_secs,
                    text: l.text,
                })
                .collect(),
        })
    }
}

impl Record for Evaluation {
    const COLLECTION: &'static str = "evaluations";
    const NAME: &'static str = "evaluation";
    type Dto = EvaluationDto;

    fn to_dto(&self) -> EvaluationDto {
        EvaluationDto {
            id: self.id.clone(),
            call_id: self.call_id.clone(),
            role: match self.role {
                Role::Qa => RoleDto::Qa,
                Role::PeerCoach => RoleDto::PeerCoach,
                Role::SelfReview => RoleDto::SelfReview,
            },
            evaluator: self.evaluator.clone(),
            scored_on: self.scored_on.format("%Y-%m-%d").to_string(),
            rubric_id: self.rubric_id.clone(),
            rubric_version: self.rubric_version,
            scores: self
                .scores
                .iter()
                .map(|s| ScoreDto {
                    criterion_id: s.criterion_id.clone(),
                    score: s.score,
                    evidence: s.evidence.iter().map(moment_dto).collect(),
                })
                .collect(),
        }
    }

    fn from_dto(dto: EvaluationDto, path: &str) -> Result<Evaluation, Problem> {
        let mut scores = Vec::with_capacity(dto.scores.len());
        for (i, s) in dto.scores.into_iter().enumerate() {
            if let Some(score) = s.score.filter(|s| !(1..=MAX_LEVEL).contains(s)) {
                return Err(Problem::new(
                    format!("{}[{i}].score", at(path, "scores")),
                    format!("{score} is outside the scale 1-{MAX_LEVEL} (use null for N/A)"),
                ));
            }
            scores.push(CriterionScore {
                criterion_id: s.criterion_id,
                score: s.score,
                evidence: s.evidence.into_iter().map(moment).collect(),
            });
        }
        Ok(Evaluation {
            scored_on: parse_date(&dto.scored_on, &at(path, "scored_on"))?,
            id: dto.id,
            call_id: dto.call_id,
            role: match dto.role {
                RoleDto::Qa => Role::Qa,
                RoleDto::PeerCoach => Role::PeerCoach,
                RoleDto::SelfReview => Role::SelfReview,
            },
            evaluator: dto.evaluator,
            rubric_id: dto.rubric_id,
            rubric_version: dto.rubric_version,
            scores,
        })
    }
}

impl Record for Session {
    const COLLECTION: &'static str = "sessions";
    const NAME: &'static str = "session";
    type Dto = SessionDto;

    fn to_dto(&self) -> SessionDto {
        SessionDto {
            id: self.id.clone(),
            coach_id: self.coach_id.clone(),
            agent_id: self.agent_id.clone(),
            dimension: self.dimension.clone(),
            date: self.date.format("%Y-%m-%d").to_string(),
            completed: self.completed,
            examples: self
                .examples
                .iter()
                .map(|e| ExampleDto {
                    call_id: e.call_id.clone(),
                    offset_secs: e.moment.offset_secs,
                    quote: e.moment.quote.clone(),
                    what_happened: e.what_happened.clone(),
                    standard: e.standard.clone(),
                    say_instead: e.say_instead.clone(),
                })
                .collect(),
        }
    }

    fn from_dto(dto: SessionDto, path: &str) -> Result<Session, Problem> {
        // A session is built around one to three moments from real calls;
        // none leaves nothing to coach on, more than three is a lecture.
        if !(1..=3).contains(&dto.examples.len()) {
            return Err(Problem::new(
                at(path, "examples"),
                format!(
                    "a session has 1 to 3 examples; this one has {}",
                    dto.examples.len()
                ),
            ));
        }
        if dto.coach_id == dto.agent_id {
            return Err(Problem::new(
                at(path, "coach_id"),
                format!(
                    "the coach and the coached agent are both {:?}; a peer coach coaches someone else",
                    dto.agent_id
                ),
            ));
        }
        Ok(Session {
            date: parse_date(&dto.date, &at(path, "date"))?,
            id: dto.id,
            coach_id: dto.coach_id,
            agent_id: dto.agent_id,
            dimension: dto.dimension,
            completed: dto.completed,
            examples: dto
                .examples
                .into_iter()
                .map(|e| Example {
                    call_id: e.call_id,
                    moment: Moment {
                        offset_secs: e.offset_secs,
                        quote: e.quote,
                        note: String::new(),
                    },
                    what_happened: e.what_happened,
                    standard: e.standard,
                    say_instead: e.say_instead,
                })
                .collect(),
        })
    }
}

fn moment_dto(m: &Moment) -> MomentDto {
    MomentDto {
        offset_secs: m.offset_secs,
        quote: m.quote.clone(),
        note: m.note.clone(),
    }
}

fn moment(m: MomentDto) -> Moment {
    Moment {
        offset_secs: m.offset_secs,
        quote: m.quote,
        note: m.note,
    }
}

// ---- The program as a whole ----

fn utc_text() -> String {
    "+00:00".to_string()
}

fn rubric_dto(rubric: &Rubric) -> RubricDto {
    RubricDto {
        id: rubric.id().to_string(),
        version: rubric.version(),
        name: rubric.name().to_string(),
        criteria: rubric
            .criteria()
            .iter()
            .map(|c| CriterionDto {
                id: c.id.clone(),
                name: c.name.clone(),
                dimension: c.dimension.clone(),
                weight: c.weight,
                description: c.description.clone(),
                anchors: c.anchors.clone(),
                look_for: c.look_for.clone(),
                avoid: c.avoid.clone(),
                scale: match c.scale {
                    Scale::OneToFive => ScaleDto::OneToFive,
                    Scale::YesNoAsFiveOrOne => ScaleDto::YesNo,
                    Scale::PassFail => ScaleDto::PassFail,
                },
                na_allowed: c.na_allowed,
                critical_at: c.critical_at,
            })
            .collect(),
    }
}

fn rubric_of_dto(dto: RubricDto, path: &str) -> Result<Rubric, Problem> {
    let criteria = dto
        .criteria
        .into_iter()
        .map(|c| Criterion {
            id: c.id,
            name: c.name,
            dimension: c.dimension,
            weight: c.weight,
            description: c.description,
            anchors: c.anchors,
            look_for: c.look_for,
            avoid: c.avoid,
            scale: match c.scale {
                ScaleDto::OneToFive => Scale::OneToFive,
                ScaleDto::YesNo => Scale::YesNoAsFiveOrOne,
                ScaleDto::PassFail => Scale::PassFail,
            },
            na_allowed: c.na_allowed,
            critical_at: c.critical_at,
        })
        .collect();
    Rubric::new(&dto.name, criteria)
        .map(|r| r.with_identity(&dto.id, dto.version))
        .map_err(|e| Problem::new(path, e.to_string()))
}

fn meta_of(program: &Program) -> ProgramMeta {
    ProgramMeta {
        name: program.name.clone(),
        as_of: program.as_of.map(|d| d.format("%Y-%m-%d").to_string()),
        is_demo: program.is_demo,
        time_zone: program.time_zone.to_string(),
        rubric: None,
        rubrics: program.rubrics.iter().map(rubric_dto).collect(),
        default_rubric: Some(program.default_rubric.clone()),
        pair_rubrics: program
            .pair_rubrics
            .iter()
            .map(|p| PairRubricDto {
                coach_id: p.coach_id.clone(),
                agent_id: p.agent_id.clone(),
                rubric_id: p.rubric_id.clone(),
            })
            .collect(),
        teams: program
            .teams
            .iter()
            .map(|t| TeamDto {
                id: t.id.clone(),
                name: t.name.clone(),
            })
            .collect(),
        agents: program
            .agents
            .iter()
            .map(|a| AgentDto {
                id: a.id.clone(),
                name: a.name.clone(),
                hired_on: a.hired_on.map(|d| d.format("%Y-%m-%d").to_string()),
            })
            .collect(),
    }
}

/// Builds and checks a program; `base` is where the program sits in the
/// text (`program` in a file, nothing for the store's parts).
fn assemble(
    meta: ProgramMeta,
    calls: Vec<CallDto>,
    evaluations: Vec<EvaluationDto>,
    sessions: Vec<SessionDto>,
    base: &str,
) -> Result<Program, Problem> {
    let as_of = match &meta.as_of {
        Some(text) => Some(parse_date(text, &at(base, "as_of"))?),
        None => None,
    };
    // Schema 1 had a single rubric; schema 2 a list of rubric versions.
    let rubrics = match (meta.rubric, meta.rubrics.is_empty()) {
        (Some(single), true) => vec![rubric_of_dto(single, &at(base, "rubric"))?],
        (None, false) => {
            let mut list = Vec::with_capacity(meta.rubrics.len());
            for (i, r) in meta.rubrics.into_iter().enumerate() {
                list.push(rubric_of_dto(r, &format!("{}[{i}]", at(base, "rubrics")))?);
            }
            list
        }
        (Some(_), false) => {
            return Err(Problem::new(
                at(base, "rubric"),
                "the file has both \"rubric\" and \"rubrics\"; keep one",
            ))
        }
        (None, true) => {
            return Err(Problem::new(
                at(base, "rubrics"),
                "the program has no rubric",
            ));
        }
    };
    let default_rubric = meta
        .default_rubric
        .unwrap_or_else(|| rubrics[0].id().to_string());
    let pair_rubrics = meta
        .pair_rubrics
        .into_iter()
        .map(|p| PairRubric {
            coach_id: p.coach_id,
            agent_id: p.agent_id,
            rubric_id: p.rubric_id,
        })
        .collect();
    let mut agents = Vec::with_capacity(meta.agents.len());
    for (i, a) in meta.agents.into_iter().enumerate() {
        let hired_on = match &a.hired_on {
            Some(text) => Some(parse_date(
                text,
                &format!("{}[{i}].hired_on", at(base, "agents")),
            )?),
            None => None,
        };
        agents.push(Agent {
            id: a.id,
            name: a.name,
            hired_on,
        });
    }

    let time_zone = meta.time_zone.parse::<FixedOffset>().map_err(|_| {
        Problem::new(
            at(base, "time_zone"),
            format!(
                "\"{}\" is not a UTC offset (expected e.g. +01:00)",
                meta.time_zone
            ),
        )
    })?;
    let program = Program {
        name: meta.name,
        as_of,
        is_demo: meta.is_demo,
        time_zone,
        teams: meta
            .teams
            .into_iter()
            .map(|t| Team {
                id: t.id,
                name: t.name,
            })
            .collect(),
        agents,
        rubrics,
        default_rubric,
        pair_rubrics,
        calls: convert_all(calls, base)?,
        evaluations: convert_all(evaluations, base)?,
        sessions: convert_all(sessions, base)?,
    };
    check_references(&program, base)?;
    Ok(program)
}

fn convert_all<R: Record>(dtos: Vec<R::Dto>, base: &str) -> Result<Vec<R>, Problem> {
    let collection = at(base, R::COLLECTION);
    dtos.into_iter()
        .enumerate()
        .map(|(i, dto)| R::from_dto(dto, &format!("{collection}[{i}]")))
        .collect()
}

/// Ids are unique within each collection, and every id that points at
/// another record (an agent, a team, a call, a criterion) finds it.
fn check_references(p: &Program, base: &str) -> Result<(), Problem> {
    let place =
        |collection: &str, i: usize, field: &str| format!("{}[{i}].{field}", at(base, collection));

    let teams = index_ids(p.teams.iter().map(|t| t.id.as_str()), &at(base, "teams"))?;
    let agents = index_ids(p.agents.iter().map(|a| a.id.as_str()), &at(base, "agents"))?;
    let calls = index_ids(p.calls.iter().map(|c| c.id.as_str()), &at(base, "calls"))?;
    index_ids(
        p.evaluations.iter().map(|e| e.id.as_str()),
        &at(base, "evaluations"),
    )?;
    index_ids(
        p.sessions.iter().map(|s| s.id.as_str()),
        &at(base, "sessions"),
    )?;

    let agents_path = at(base, "agents");
    let missing_agent = |id: &str, path: String| {
        Problem::new(
            path,
            format!("no agent has id {id:?}; add it to {agents_path} or correct the id"),
        )
    };
    let calls_path = at(base, "calls");
    let missing_call = |id: &str, path: String| {
        Problem::new(
            path,
            format!("no call has id {id:?}; add the call to {calls_path} or correct the id"),
        )
    };

    for (i, c) in p.calls.iter().enumerate() {
        if !agents.contains_key(c.agent_id.as_str()) {
            return Err(missing_agent(&c.agent_id, place("calls", i, "agent_id")));
        }
        if !teams.contains_key(c.team_id.as_str()) {
            return Err(Problem::new(
                place("calls", i, "team_id"),
                format!(
                    "no team has id {:?}; add it to {} or correct the id",
                    c.team_id,
                    at(base, "teams")
                ),
            ));
        }
    }

    for (i, r) in p.rubrics.iter().enumerate() {
        if p.rubrics[..i]
            .iter()
            .any(|o| o.id() == r.id() && o.version() == r.version())
        {
            return Err(Problem::new(
                format!("{}[{i}]", at(base, "rubrics")),
                format!("rubric {:?} version {} appears twice", r.id(), r.version()),
            ));
        }
    }
    if p.current_rubric(&p.default_rubric).is_none() {
        return Err(Problem::new(
            at(base, "default_rubric"),
            format!("no rubric has id {:?}", p.default_rubric),
        ));
    }
    for (i, pair) in p.pair_rubrics.iter().enumerate() {
        let path = |field: &str| format!("{}[{i}].{field}", at(base, "pair_rubrics"));
        if !agents.contains_key(pair.coach_id.as_str()) {
            return Err(missing_agent(&pair.coach_id, path("coach_id")));
        }
        if !agents.contains_key(pair.agent_id.as_str()) {
            return Err(missing_agent(&pair.agent_id, path("agent_id")));
        }
        if p.current_rubric(&pair.rubric_id).is_none() {
            return Err(Problem::new(
                path("rubric_id"),
                format!("no rubric has id {:?}", pair.rubric_id),
            ));
        }
    }

    for (i, e) in p.evaluations.iter().enumerate() {
        if !calls.contains_key(e.call_id.as_str()) {
            return Err(missing_call(&e.call_id, place("evaluations", i, "call_id")));
        }
        let scores = format!("{}[{i}].scores", at(base, "evaluations"));
        index_ids(e.scores.iter().map(|s| s.criterion_id.as_str()), &scores)
            .map_err(|p| Problem::new(p.path, "the same criterion is scored twice"))?;
        let Some(rubric) = p.rubric_version(&e.rubric_id, e.rubric_version) else {
            return Err(Problem::new(
                place("evaluations", i, "rubric_id"),
                format!(
                    "no rubric {:?} version {} is in the program; add it to {} or correct the id",
                    e.rubric_id,
                    e.rubric_version,
                    at(base, "rubrics")
                ),
            ));
        };
        for (j, s) in e.scores.iter().enumerate() {
            if rubric.criterion(&s.criterion_id).is_none() {
                let known: Vec<&str> = rubric.criteria().iter().map(|c| c.id.as_str()).collect();
                return Err(Problem::new(
                    format!("{scores}[{j}].criterion_id"),
                    format!(
                        "the rubric has no criterion {:?} (it has: {})",
                        s.criterion_id,
                        known.join(", ")
                    ),
                ));
            }
        }
    }

    let dimensions = p.dimensions();
    for (i, s) in p.sessions.iter().enumerate() {
        if !agents.contains_key(s.coach_id.as_str()) {
            return Err(missing_agent(&s.coach_id, place("sessions", i, "coach_id")));
        }
        if !agents.contains_key(s.agent_id.as_str()) {
            return Err(missing_agent(&s.agent_id, place("sessions", i, "agent_id")));
        }
        if !dimensions.contains(&s.dimension.as_str()) {
            return Err(Problem::new(
                place("sessions", i, "dimension"),
                format!(
                    "the rubric has no dimension {:?} (it has: {})",
                    s.dimension,
                    dimensions.join(", ")
                ),
            ));
        }
        for (k, e) in s.examples.iter().enumerate() {
            let path = format!("{}[{i}].examples[{k}].call_id", at(base, "sessions"));
            let Some(&c) = calls.get(e.call_id.as_str()) else {
                return Err(missing_call(&e.call_id, path));
            };
            // A session coaches on what already happened in the agent's
            // own calls; anything else would not be their moment.
            let call = &p.calls[c];
            if call.agent_id != s.agent_id {
                return Err(Problem::new(
                    path,
                    format!(
                        "call {:?} is not a call of the coached agent {:?}",
                        e.call_id, s.agent_id
                    ),
                ));
            }
            if call.day() > s.date {
                return Err(Problem::new(
                    path,
                    format!(
                        "call {:?} took place on {}, after the session on {}; examples come from earlier calls",
                        e.call_id,
                        call.day(),
                        s.date
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Maps each id to its position, refusing the second use of an id.
fn index_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    collection: &str,
) -> Result<HashMap<&'a str, usize>, Problem> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            return Err(Problem::new(
                format!("{collection}[{i}].id"),
                format!("{id:?} is also the id of {collection}[{first}]; ids must be unique"),
            ));
        }
    }
    Ok(seen)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate};

    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Two agents on one team, one call each way scored, and one session.
    fn small_program() -> Program {
        let mut p = Program::empty("North floor");
        p.as_of = Some(date("2024-07-01"));
        p.teams = vec![Team {
            id: "north".into(),
            name: "North".into(),
        }];
        p.agents = vec![
            Agent {
                id: "a1".into(),
                name: "Ada".into(),
                hired_on: Some(date("2021-03-15")),
            },
            Agent {
                id: "a2".into(),
                name: "Ben".into(),
                hired_on: None,
            },
        ];
        p.calls = vec![Call {
            id: "c1".into(),
            agent_id: "a2".into(),
            team_id: "north".into(),
            started_at: DateTime::parse_from_rfc3339("2024-06-02T16:39:13.2574769-07:00").unwrap(),
            resolved: Some(true),
            reason: "Complaints".into(),
            source: "Travel_1.json".into(),
            lines: vec![
                Line {
                    speaker: Speaker::Agent,
                    offset_secs: 0,
                    text: "Hello.".into(),
                },
                Line {
                    speaker: Speaker::Customer,
                    offset_secs: 9,
                    text: "Hi \"there\".".into(),
                },
            ],
        }];
        p.evaluations = vec![Evaluation {
            id: "e1".into(),
            call_id: "c1".into(),
            role: Role::PeerCoach,
            evaluator: "a1".into(),
            scored_on: date("2024-06-03"),
            rubric_id: "default".into(),
            rubric_version: 1,
            scores: vec![
                CriterionScore {
                    criterion_id: "empathy".into(),
                    score: Some(2),
                    evidence: vec![Moment {
                        offset_secs: 9,
                        quote: "Hi".into(),
                        note: "Greets before the customer can explain.".into(),
                    }],
                },
                CriterionScore {
                    criterion_id: "opening".into(),
                    score: None,
                    evidence: vec![],
                },
            ],
        }];
        p.sessions = vec![Session {
            id: "s1".into(),
            coach_id: "a1".into(),
            agent_id: "a2".into(),
            dimension: "Empathy".into(),
            date: date("2024-06-10"),
            completed: false,
            examples: vec![Example {
                call_id: "c1".into(),
                moment: Moment {
                    offset_secs: 9,
                    quote: "Hi".into(),
                    note: String::new(),
                },
                what_happened: "Moved on at once.".into(),
                standard: "Names the feeling.".into(),
                say_instead: "That sounds frustrating.".into(),
            }],
        }];
        p
    }

    fn exported() -> String {
        export_program(&small_program(), "2024-07-01T09:00:00+02:00")
    }

    /// Exports the small program, edits the JSON with `edit`, and returns
    /// the error message parsing it gives.
    fn error_after(edit: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut value: serde_json::Value = serde_json::from_str(&exported()).unwrap();
        edit(&mut value);
        let text = serde_json::to_string_pretty(&value).unwrap();
        parse_program("backup.json", &text)
            .expect_err("the edited file should be refused")
            .to_string()
    }

    #[test]
    fn the_time_zone_survives_a_round_trip_and_older_files_read_as_utc() {
        let mut p = small_program();
        p.time_zone = FixedOffset::east_opt(-7 * 3600).unwrap();
        let text = export_program(&p, "2024-07-01T09:00:00+02:00");
        assert_eq!(
            parse_program("b.json", &text).unwrap().time_zone,
            p.time_zone
        );

        let mut value: serde_json::Value = serde_json::from_str(&exported()).unwrap();
        value["program"]
            .as_object_mut()
            .unwrap()
            .remove("time_zone");
        let older = parse_program("b.json", &value.to_string()).unwrap();
        assert_eq!(older.time_zone, FixedOffset::east_opt(0).unwrap());
    }

    #[test]
    fn a_time_zone_that_is_not_an_offset_is_refused_with_its_place() {
        let message = error_after(|v| v["program"]["time_zone"] = "Mars/Olympus".into());
        assert!(message.contains("program.time_zone"), "{message}");
        assert!(message.contains("Mars/Olympus"), "{message}");
    }

    #[test]
    fn an_exported_program_reads_back_equal() {
        let text = exported();
        assert_eq!(parse_program("backup.json", &text), Ok(small_program()));
    }

    #[test]
    fn the_file_states_its_format_version_and_export_time() {
        let value: serde_json::Value = serde_json::from_str(&exported()).unwrap();
        assert_eq!(value["format"], "peercoach-program");
        assert_eq!(value["schema_version"], 2);
        assert_eq!(value["exported_at"], "2024-07-01T09:00:00+02:00");
        assert_eq!(value["program"]["evaluations"][0]["role"], "peer_coach");
        assert_eq!(
            value["program"]["calls"][0]["lines"][1]["speaker"],
            "customer"
        );
    }

    #[test]
    fn a_program_saved_in_parts_reads_back_equal() {
        let p = small_program();
        let calls: Vec<String> = p.calls.iter().map(record_to_json).collect();
        let evaluations: Vec<String> = p.evaluations.iter().map(record_to_json).collect();
        let sessions: Vec<String> = p.sessions.iter().map(record_to_json).collect();
        let back = program_from_parts(&meta_to_json(&p), &calls, &evaluations, &sessions);
        assert_eq!(back, Ok(p));
    }

    #[test]
    fn a_single_record_reads_back_equal() {
        let p = small_program();
        let call: Call = record_from_json(&record_to_json(&p.calls[0])).unwrap();
        assert_eq!(call, p.calls[0]);
    }

    #[test]
    fn a_saved_part_that_breaks_a_reference_is_named_by_its_position() {
        let p = small_program();
        let mut call = p.calls[0].clone();
        call.id = "c2".into();
        call.agent_id = "ghost".into();
        let calls = vec![record_to_json(&p.calls[0]), record_to_json(&call)];
        let err = program_from_parts(&meta_to_json(&p), &calls, &[], &[]).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("the saved program: calls[1].agent_id: no agent"),
            "{err}"
        );
    }

    #[test]
    fn a_schema_1_file_reads_with_its_single_rubric_as_version_1() {
        let mut v: serde_json::Value = serde_json::from_str(&exported()).unwrap();
        v["schema_version"] = 1.into();
        let program = v["program"].as_object_mut().unwrap();
        let mut rubric = program.remove("rubrics").unwrap()[0].clone();
        rubric.as_object_mut().unwrap().remove("id");
        rubric.as_object_mut().unwrap().remove("version");
        program.insert("rubric".into(), rubric);
        program.remove("default_rubric");
        for e in program["evaluations"].as_array_mut().unwrap() {
            e.as_object_mut().unwrap().remove("rubric_id");
            e.as_object_mut().unwrap().remove("rubric_version");
        }

        let read = parse_program("old.json", &v.to_string()).expect("schema 1 still reads");

        assert_eq!(read, small_program());
        assert_eq!(read.rubric().id(), DEFAULT_RUBRIC_ID);
        assert_eq!(read.evaluations[0].rubric_version, 1);
    }

    #[test]
    fn an_evaluation_under_an_unknown_rubric_version_is_refused() {
        let message = error_after(|v| v["program"]["evaluations"][0]["rubric_version"] = 7.into());
        assert!(
            message.contains("program.evaluations[0].rubric_id"),
            "{message}"
        );
        assert!(message.contains("version 7"), "{message}");
    }

    #[test]
    fn a_file_from_a_newer_schema_is_refused() {
        let message = error_after(|v| {
            v["schema_version"] = 3.into();
            v["program"]["new_thing"] = true.into();
        });
        assert_eq!(
            message,
            "backup.json was written by a newer Peercoach (schema 3); this version reads schema 2"
        );
    }

    #[test]
    fn a_file_of_another_format_is_refused_by_name() {
        let message = error_after(|v| v["format"] = "something-else".into());
        assert_eq!(
            message,
            "backup.json is not a Peercoach program file (expected \"format\": \"peercoach-program\")"
        );
        let travel = r#"{"AgentName": "Mason", "AgentId": "Q1"}"#;
        let err = parse_program("Travel_1.json", travel).unwrap_err();
        assert!(matches!(err, FormatError::NotAProgram { .. }), "{err}");
        let err = parse_program("list.json", "[1, 2]").unwrap_err();
        assert!(matches!(err, FormatError::NotAProgram { .. }), "{err}");
    }

    #[test]
    fn invalid_json_is_reported_with_line_and_column() {
        let err = parse_program("backup.json", "Agent,Team\nAda,West").unwrap_err();
        assert_eq!(
            err.to_string(),
            "backup.json: line 1, column 1: not valid JSON (expected value)"
        );
        let err = parse_program("backup.json", "{\n  \"format\": peercoach\n}").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("backup.json: at format (line 2, column 13)"),
            "{err}"
        );
        assert!(err.to_string().contains("not valid JSON"), "{err}");
    }

    #[test]
    fn a_cut_short_file_names_the_place_it_ends() {
        let text = exported();
        let cut = &text[..text.find("\"started_at\"").unwrap() + 20];
        let message = parse_program("backup.json", cut).unwrap_err().to_string();
        assert!(
            message.starts_with("backup.json: at program.calls[0].started_at (line "),
            "{message}"
        );
        assert!(message.contains("cut short"), "{message}");
    }

    #[test]
    fn a_value_of_the_wrong_type_names_its_path() {
        let message = error_after(|v| v["program"]["calls"][0]["resolved"] = "yes".into());
        assert!(
            message.starts_with("backup.json: at program.calls[0].resolved (line "),
            "{message}"
        );
    }

    #[test]
    fn an_unknown_field_is_refused_rather_than_dropped() {
        let message = error_after(|v| v["program"]["agents"][0]["nickname"] = "A".into());
        assert!(
            message.starts_with("backup.json: at program.agents[0]"),
            "{message}"
        );
        assert!(message.contains("unknown field `nickname`"), "{message}");
    }

    #[test]
    fn a_rubric_whose_weights_do_not_total_100_is_refused() {
        let message =
            error_after(|v| v["program"]["rubrics"][0]["criteria"][0]["weight"] = 20.into());
        assert_eq!(
            message,
            "backup.json: program.rubrics[0]: weights total 105, they must total 100"
        );
    }

    #[test]
    fn a_repeated_id_names_both_places() {
        let message = error_after(|v| {
            let agent = v["program"]["agents"][0].clone();
            v["program"]["agents"].as_array_mut().unwrap().push(agent);
        });
        assert_eq!(
            message,
            "backup.json: program.agents[2].id: \"a1\" is also the id of program.agents[0]; \
             ids must be unique"
        );
    }

    #[test]
    fn every_reference_must_find_its_record() {
        type Edit = fn(&mut serde_json::Value);
        let cases: [(&str, Edit); 7] = [
            ("program.calls[0].agent_id", |v| {
                v["program"]["calls"][0]["agent_id"] = "x".into()
            }),
            ("program.calls[0].team_id", |v| {
                v["program"]["calls"][0]["team_id"] = "x".into()
            }),
            ("program.evaluations[0].call_id", |v| {
                v["program"]["evaluations"][0]["call_id"] = "x".into()
            }),
            ("program.evaluations[0].scores[1].criterion_id", |v| {
                v["program"]["evaluations"][0]["scores"][1]["criterion_id"] = "x".into()
            }),
            ("program.sessions[0].coach_id", |v| {
                v["program"]["sessions"][0]["coach_id"] = "x".into()
            }),
            ("program.sessions[0].dimension", |v| {
                v["program"]["sessions"][0]["dimension"] = "x".into()
            }),
            ("program.sessions[0].examples[0].call_id", |v| {
                v["program"]["sessions"][0]["examples"][0]["call_id"] = "x".into()
            }),
        ];
        for (path, edit) in cases {
            let message = error_after(edit);
            assert!(
                message.starts_with(&format!("backup.json: {path}: ")),
                "{path}: {message}"
            );
            assert!(message.contains("\"x\""), "{message}");
        }
    }

    #[test]
    fn a_score_off_the_scale_is_refused() {
        let message =
            error_after(|v| v["program"]["evaluations"][0]["scores"][0]["score"] = 6.into());
        assert_eq!(
            message,
            "backup.json: program.evaluations[0].scores[0].score: 6 is outside the scale 1-5 \
             (use null for N/A)"
        );
        let message =
            error_after(|v| v["program"]["evaluations"][0]["scores"][0]["score"] = 0.into());
        assert!(message.contains("0 is outside the scale"), "{message}");
    }

    #[test]
    fn a_session_where_the_coach_coaches_themselves_is_refused() {
        let message = error_after(|v| {
            let agent = v["program"]["sessions"][0]["agent_id"].clone();
            v["program"]["sessions"][0]["coach_id"] = agent;
        });
        assert!(
            message.contains("program.sessions[0].coach_id"),
            "{message}"
        );
        assert!(message.contains("coaches someone else"), "{message}");
    }

    #[test]
    fn an_example_from_a_call_after_the_session_is_refused() {
        let message = error_after(|v| v["program"]["sessions"][0]["date"] = "2024-01-01".into());
        assert!(
            message.contains("program.sessions[0].examples[0].call_id"),
            "{message}"
        );
        assert!(
            message.contains("after the session on 2024-01-01"),
            "{message}"
        );
    }

    #[test]
    fn the_demo_program_survives_an_export_and_an_import() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        let demo = crate::domain::demo::demo_program(2026, today);
        let text = export_program(&demo, "2026-12-03T10:00:00Z");
        let back = parse_program("demo.json", &text).expect("the demo is a valid program");
        assert_eq!(back.calls.len(), demo.calls.len());
        assert_eq!(back.sessions.len(), demo.sessions.len());
    }

    #[test]
    fn a_session_needs_one_to_three_examples() {
        let message = error_after(|v| v["program"]["sessions"][0]["examples"] = vec![0; 0].into());
        assert_eq!(
            message,
            "backup.json: program.sessions[0].examples: a session has 1 to 3 examples; this one has 0"
        );
    }

    #[test]
    fn dates_that_do_not_parse_are_named_with_the_expected_form() {
        let message = error_after(|v| v["program"]["as_of"] = "1/7/2024".into());
        assert_eq!(
            message,
            "backup.json: program.as_of: \"1/7/2024\" is not a date (expected YYYY-MM-DD, e.g. \
             2024-06-02)"
        );
        let message = error_after(|v| v["program"]["calls"][0]["started_at"] = "2024-06-02".into());
        assert!(
            message.starts_with("backup.json: program.calls[0].started_at: "),
            "{message}"
        );
        let message =
            error_after(|v| v["program"]["evaluations"][0]["scored_on"] = "yesterday".into());
        assert!(
            message.starts_with("backup.json: program.evaluations[0].scored_on: "),
            "{message}"
        );
    }
}
