//! The program's data as the rest of the domain sees it: teams, agents,
//! calls with their transcripts, evaluations, and coaching sessions.
//!
//! These types know nothing of storage or of file formats; `formats`
//! converts to and from them, with checks, and `store` keeps them. The
//! rubric has a module of its own because it guards invariants.

use chrono::{DateTime, FixedOffset, NaiveDate};

use std::sync::OnceLock;

use super::rubric::{Rubric, DEFAULT_RUBRIC_ID};

/// One peer-coaching program: everything a browser profile holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub name: String,
    /// The day the program's figures are computed for. `None` means "today",
    /// which the caller supplies; a trainer loading historic calls sets it.
    pub as_of: Option<NaiveDate>,
    /// Demo programs are labelled as such and can be removed in one click.
    pub is_demo: bool,
    /// How imported date-times without a zone are read. A fixed offset, so
    /// a team across a daylight-saving change sets it again.
    pub time_zone: FixedOffset,
    pub teams: Vec<Team>,
    pub agents: Vec<Agent>,
    /// Every version of every rubric. The newest version of each is the one
    /// new scores use; older versions stay for the scores given under them.
    pub rubrics: Vec<Rubric>,
    /// The rubric used where no coaching pair has one of its own.
    pub default_rubric: String,
    /// Rubrics assigned to coaching pairs, so coach and agent score alike.
    pub pair_rubrics: Vec<PairRubric>,
    pub calls: Vec<Call>,
    pub evaluations: Vec<Evaluation>,
    pub sessions: Vec<Session>,
}

impl Program {
    /// An empty program scored with the default rubric.
    pub fn empty(name: &str) -> Program {
        Program {
            name: name.to_string(),
            as_of: None,
            is_demo: false,
            time_zone: FixedOffset::east_opt(0).expect("UTC is a valid offset"),
            teams: Vec::new(),
            agents: Vec::new(),
            rubrics: vec![Rubric::default_rubric()],
            default_rubric: DEFAULT_RUBRIC_ID.to_string(),
            pair_rubrics: Vec::new(),
            calls: Vec::new(),
            evaluations: Vec::new(),
            sessions: Vec::new(),
        }
    }

    /// The newest version of the default rubric: what new scores use unless
    /// a coaching pair has its own.
    pub fn rubric(&self) -> &Rubric {
        self.current_rubric(&self.default_rubric)
            .or_else(|| self.rubrics.last())
            .unwrap_or_else(|| fallback_rubric())
    }

    /// The newest version of the rubric `id`, or the default rubric when
    /// the program has none of that id.
    pub fn current_rubric_or_default(&self, id: &str) -> &Rubric {
        self.current_rubric(id).unwrap_or_else(|| self.rubric())
    }

    /// The newest version of the rubric `id`.
    pub fn current_rubric(&self, id: &str) -> Option<&Rubric> {
        self.rubrics
            .iter()
            .filter(|r| r.id() == id)
            .max_by_key(|r| r.version())
    }

    pub fn rubric_version(&self, id: &str, version: u32) -> Option<&Rubric> {
        self.rubrics
            .iter()
            .find(|r| r.id() == id && r.version() == version)
    }

    /// The newest version of each rubric, the default first.
    pub fn current_rubrics(&self) -> Vec<&Rubric> {
        let mut ids: Vec<&str> = vec![self.default_rubric.as_str()];
        for r in &self.rubrics {
            if !ids.contains(&r.id()) {
                ids.push(r.id());
            }
        }
        ids.into_iter()
            .filter_map(|id| self.current_rubric(id))
            .collect()
    }

    /// The rubric version an evaluation was given under. Scores whose
    /// version is unknown are read with the default rubric.
    pub fn rubric_of(&self, evaluation: &Evaluation) -> &Rubric {
        self.rubric_version(&evaluation.rubric_id, evaluation.rubric_version)
            .unwrap_or_else(|| self.rubric())
    }

    /// The rubric a call of `agent_id` is scored with: the one assigned to
    /// a coaching pair of that agent (with `coach_id` when it is known),
    /// else the default.
    pub fn rubric_for(&self, agent_id: &str, coach_id: Option<&str>) -> &Rubric {
        self.pair_rubrics
            .iter()
            .filter(|p| p.agent_id == agent_id)
            .find(|p| coach_id.is_none_or(|c| c == p.coach_id))
            .map(|p| self.current_rubric_or_default(&p.rubric_id))
            .unwrap_or_else(|| self.rubric())
    }

    /// The dimensions of every current rubric, the default rubric's first:
    /// coaches are chosen per dimension across rubrics and versions.
    pub fn dimensions(&self) -> Vec<&str> {
        let mut dims: Vec<&str> = Vec::new();
        for r in self.current_rubrics() {
            for d in r.dimensions() {
                if !dims.contains(&d) {
                    dims.push(d);
                }
            }
        }
        dims
    }

    /// The dimension a criterion of an evaluation's rubric measures; this is
    /// what keeps averages comparable across rubric versions.
    pub fn dimension_of<'a>(
        &'a self,
        evaluation: &Evaluation,
        criterion_id: &str,
    ) -> Option<&'a str> {
        self.rubric_of(evaluation)
            .criterion(criterion_id)
            .map(|c| c.dimension.as_str())
    }

    /// The date figures are computed for: the program's own, else `today`.
    pub fn effective_as_of(&self, today: NaiveDate) -> NaiveDate {
        self.as_of.unwrap_or(today)
    }

    pub fn agent(&self, id: &str) -> Option<&Agent> {
        self.agents.iter().find(|a| a.id == id)
    }

    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    pub fn call(&self, id: &str) -> Option<&Call> {
        self.calls.iter().find(|c| c.id == id)
    }

    /// The agent's name, or the id itself when the agent is unknown, so a
    /// screen never shows a blank where a person is meant.
    pub fn agent_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.agent(id).map(|a| a.name.as_str()).unwrap_or(id)
    }

    /// Agents as (id, name), sorted by name, for pickers.
    pub fn agents_by_name(&self) -> Vec<(String, String)> {
        let mut agents: Vec<_> = self
            .agents
            .iter()
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        agents.sort_by(|x, y| x.1.cmp(&y.1).then_with(|| x.0.cmp(&y.0)));
        agents
    }

    /// Teams as (id, name), sorted by name, for pickers.
    pub fn teams_by_name(&self) -> Vec<(String, String)> {
        let mut teams: Vec<_> = self
            .teams
            .iter()
            .map(|t| (t.id.clone(), t.name.clone()))
            .collect();
        teams.sort_by(|x, y| x.1.cmp(&y.1).then_with(|| x.0.cmp(&y.0)));
        teams
    }

    pub fn evaluations_of_call<'a>(
        &'a self,
        call_id: &'a str,
    ) -> impl Iterator<Item = &'a Evaluation> + 'a {
        self.evaluations
            .iter()
            .filter(move |e| e.call_id == call_id)
    }
}

/// A rubric assigned to a coaching pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairRubric {
    pub coach_id: String,
    pub agent_id: String,
    pub rubric_id: String,
}

fn fallback_rubric() -> &'static Rubric {
    static DEFAULT: OnceLock<Rubric> = OnceLock::new();
    DEFAULT.get_or_init(Rubric::default_rubric)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: String,
    pub name: String,
}

/// An agent is identified by the id their call platform gives them; the
/// team belongs to each call, because agents move between teams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agent {
    pub id: String,
    pub name: String,
    /// Shown beside coach choices so nobody has to ask, and never used to
    /// make them: seniority is what peer coaching by data replaces.
    pub hired_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub id: String,
    pub agent_id: String,
    pub team_id: String,
    pub started_at: DateTime<FixedOffset>,
    /// First-call resolution, when the source says.
    pub resolved: Option<bool>,
    pub reason: String,
    /// Where the call came from (a file name, or "demo"), to trace problems.
    pub source: String,
    pub lines: Vec<Line>,
}

impl Call {
    /// The calendar day of the call where it took place; windows of days
    /// (90 days for coach choice, 30 before and after a session) use it.
    pub fn day(&self) -> NaiveDate {
        self.started_at.date_naive()
    }

    /// The line said at `offset_secs`, if any.
    pub fn line_at(&self, offset_secs: u32) -> Option<&Line> {
        self.lines.iter().find(|l| l.offset_secs == offset_secs)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Speaker {
    Agent,
    Customer,
}

impl Speaker {
    pub fn label(self) -> &'static str {
        match self {
            Speaker::Agent => "Agent",
            Speaker::Customer => "Customer",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub speaker: Speaker,
    /// Seconds from the start of the call.
    pub offset_secs: u32,
    pub text: String,
}

/// "1 call", "3 calls": a count with its noun in the right number.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Formats an offset from the start of a call as `m:ss` (`h:mm:ss` past an hour).
pub fn format_offset(offset_secs: u32) -> String {
    let (h, m, s) = (
        offset_secs / 3600,
        (offset_secs / 60) % 60,
        offset_secs % 60,
    );
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Who scored a call. Self-scores feed calibration, not coach choice or
/// measurement, where an agent would be marking their own homework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Qa,
    PeerCoach,
    SelfReview,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Qa, Role::PeerCoach, Role::SelfReview];

    pub fn label(self) -> &'static str {
        match self {
            Role::Qa => "QA",
            Role::PeerCoach => "Peer coach",
            Role::SelfReview => "Self",
        }
    }

    /// Whether scores given in this role count for coach choice and for
    /// before/after measurement.
    pub fn counts_for_performance(self) -> bool {
        !matches!(self, Role::SelfReview)
    }
}

/// A moment in a call's transcript, quoted: a whole line or the part of
/// it the scorer selected, with the scorer's note.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Moment {
    pub offset_secs: u32,
    pub quote: String,
    pub note: String,
}

/// One criterion's score within an evaluation. `score: None` is N/A.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionScore {
    pub criterion_id: String,
    pub score: Option<u8>,
    pub evidence: Vec<Moment>,
}

/// One person's scoring of one call against the rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    pub id: String,
    pub call_id: String,
    pub role: Role,
    /// Who scored: an agent id when the evaluator is an agent, else a name.
    pub evaluator: String,
    pub scored_on: NaiveDate,
    /// The rubric and version the call was scored under.
    pub rubric_id: String,
    pub rubric_version: u32,
    pub scores: Vec<CriterionScore>,
}

impl Evaluation {
    pub fn score_for(&self, criterion_id: &str) -> Option<&CriterionScore> {
        self.scores.iter().find(|s| s.criterion_id == criterion_id)
    }
}

/// One worked example in a coaching session: a moment from a real call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub call_id: String,
    pub moment: Moment,
    pub what_happened: String,
    /// The rubric's anchor text for the level the agent is aiming at.
    pub standard: String,
    pub say_instead: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub id: String,
    pub coach_id: String,
    pub agent_id: String,
    pub dimension: String,
    pub date: NaiveDate,
    pub examples: Vec<Example>,
    pub completed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_read_as_minutes_and_seconds() {
        assert_eq!(format_offset(0), "0:00");
        assert_eq!(format_offset(75), "1:15");
        assert_eq!(format_offset(3600 + 62), "1:01:02");
    }
}
