//! How new data enters a program: a batch of imported calls, or a whole
//! program from a file, merged into the current one or replacing it.
//!
//! Each kind of import has a preview, computed without changing anything,
//! so the person can see what would happen before confirming, and an apply
//! step that either does all of it or nothing. Ids decide identity: a call,
//! an agent or a team already in the program is kept as it is, because the
//! program's copy may have been scored or corrected since. Reading files is
//! `formats`' job; this module only sees domain values.

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use super::{Agent, Call, Line, Program, Rubric, Team};

/// What adding a batch of calls would do.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CallBatchPreview {
    pub new_calls: usize,
    /// Ids of calls skipped because the program already has a call with
    /// that id (an export imported twice, or overlapping exports).
    pub already_present: Vec<String>,
    /// Ids that occur more than once in the batch; the first is taken.
    pub repeated_in_batch: Vec<String>,
    /// Names of agents the program does not know yet.
    pub new_agents: Vec<String>,
    /// Names of teams the program does not know yet.
    pub new_teams: Vec<String>,
    /// Sentences about agents whose name in the batch differs from the one
    /// kept, so a mistyped name is noticed rather than silently ignored.
    pub name_differences: Vec<String>,
}

/// The calls, agents and teams of a batch that would be added, in batch
/// order, with what was skipped: the one decision behind both the preview
/// and `add_calls`, so the two cannot disagree.
struct BatchPlan<'a> {
    calls: Vec<&'a Call>,
    agents: Vec<&'a Agent>,
    teams: Vec<&'a Team>,
    already_present: Vec<String>,
    repeated_in_batch: Vec<String>,
    name_differences: Vec<String>,
}

fn plan_batch<'a>(program: &Program, batch: &'a [(Call, Agent, Team)]) -> BatchPlan<'a> {
    let mut plan = BatchPlan {
        calls: Vec::new(),
        agents: Vec::new(),
        teams: Vec::new(),
        already_present: Vec::new(),
        repeated_in_batch: Vec::new(),
        name_differences: Vec::new(),
    };
    // Sets rather than scans, because a program can hold thousands of calls
    // and an export folder hundreds.
    let present: HashSet<&str> = program.calls.iter().map(|c| c.id.as_str()).collect();
    let mut seen_calls: HashSet<&str> = HashSet::new();
    for (call, agent, team) in batch {
        if present.contains(call.id.as_str()) {
            plan.already_present.push(call.id.clone());
            continue;
        }
        if !seen_calls.insert(call.id.as_str()) {
            plan.repeated_in_batch.push(call.id.clone());
            continue;
        }
        plan.calls.push(call);

        // The agent's identity is their id: the first name seen for it wins
        // and the program's own name beats any in the batch.
        let kept = program
            .agent(&agent.id)
            .or_else(|| plan.agents.iter().copied().find(|a| a.id == agent.id));
        match kept {
            None => plan.agents.push(agent),
            Some(kept) if kept.name != agent.name => {
                let sentence = format!(
                    "Agent {} is named \"{}\" in call {}; the program keeps \"{}\".",
                    agent.id, agent.name, call.id, kept.name
                );
                plan.name_differences.push(sentence);
            }
            Some(_) => {}
        }
        let known_team =
            program.team(&team.id).is_some() || plan.teams.iter().any(|t| t.id == team.id);
        if !known_team {
            plan.teams.push(team);
        }
    }
    plan
}

/// What `add_calls` would do with `batch`, without doing it.
pub fn preview_calls(program: &Program, batch: &[(Call, Agent, Team)]) -> CallBatchPreview {
    let plan = plan_batch(program, batch);
    CallBatchPreview {
        new_calls: plan.calls.len(),
        already_present: plan.already_present,
        repeated_in_batch: plan.repeated_in_batch,
        new_agents: plan.agents.iter().map(|a| a.name.clone()).collect(),
        new_teams: plan.teams.iter().map(|t| t.name.clone()).collect(),
        name_differences: plan.name_differences,
    }
}

/// Adds the batch's new calls, with the agents and teams they need, and
/// skips calls whose id is already taken. Agents and teams of skipped calls
/// are not added, so nothing arrives that no call refers to.
pub fn add_calls(program: &mut Program, batch: Vec<(Call, Agent, Team)>) {
    let plan = plan_batch(program, &batch);
    let calls: Vec<Call> = plan.calls.into_iter().cloned().collect();
    let agents: Vec<Agent> = plan.agents.into_iter().cloned().collect();
    let teams: Vec<Team> = plan.teams.into_iter().cloned().collect();

    program.calls.extend(calls);
    program.agents.extend(agents);
    program.teams.extend(teams);
}

/// What to do with a program read from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportMode {
    /// The file's program takes the place of the current one.
    Replace,
    /// The file's new records join the current program.
    Merge,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    #[error(
        "the file uses a different rubric ({difference}); choose Replace to use the file's \
         program instead, or make the two rubrics match first, because scores from different \
         rubrics cannot be compared"
    )]
    DifferentRubric { difference: String },
}

/// What importing `incoming` would bring, for the person to choose a mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramImportPreview {
    /// Records in the file.
    pub calls: usize,
    pub evaluations: usize,
    pub sessions: usize,
    pub agents: usize,
    pub teams: usize,
    /// Records a merge would add: those whose id the current program lacks.
    pub new_calls: usize,
    pub new_evaluations: usize,
    pub new_sessions: usize,
    pub new_agents: usize,
    pub new_teams: usize,
    /// Sentences about records that exist on both sides with different
    /// content; a merge keeps the current program's version of each.
    pub conflicts: Vec<String>,
    /// Why merging is not possible, when it is not; Replace always is.
    pub merge_refused: Option<MergeError>,
}

/// Describes an import of `incoming` into `current` without doing it.
pub fn preview_program_import(current: &Program, incoming: &Program) -> ProgramImportPreview {
    let mut conflicts = Vec::new();
    let new_calls = compare(
        &current.calls,
        &incoming.calls,
        |c| &c.id,
        "call",
        &mut conflicts,
    );
    let new_evaluations = compare(
        &current.evaluations,
        &incoming.evaluations,
        |e| &e.id,
        "evaluation",
        &mut conflicts,
    );
    let new_sessions = compare(
        &current.sessions,
        &incoming.sessions,
        |s| &s.id,
        "session",
        &mut conflicts,
    );
    let new_agents = compare(
        &current.agents,
        &incoming.agents,
        |a| &a.id,
        "agent",
        &mut conflicts,
    );
    let new_teams = compare(
        &current.teams,
        &incoming.teams,
        |t| &t.id,
        "team",
        &mut conflicts,
    );

    ProgramImportPreview {
        calls: incoming.calls.len(),
        evaluations: incoming.evaluations.len(),
        sessions: incoming.sessions.len(),
        agents: incoming.agents.len(),
        teams: incoming.teams.len(),
        new_calls,
        new_evaluations,
        new_sessions,
        new_agents,
        new_teams,
        conflicts,
        merge_refused: check_rubrics(current, incoming).err(),
    }
}

/// How many of `incoming` have an id `current` lacks. Records with a shared
/// id but different content are summed up in one sentence per kind, with
/// the first few ids, so a large overlap stays readable.
fn compare<T: PartialEq>(
    current: &[T],
    incoming: &[T],
    id: impl Fn(&T) -> &String,
    kind: &str,
    conflicts: &mut Vec<String>,
) -> usize {
    const SHOWN: usize = 5;
    let mut new = 0;
    let by_id: HashMap<&String, &T> = current.iter().map(|c| (id(c), c)).collect();
    let mut differing: Vec<&str> = Vec::new();
    for record in incoming {
        match by_id.get(id(record)).copied() {
            None => new += 1,
            Some(existing) if existing != record => differing.push(id(record)),
            Some(_) => {}
        }
    }
    if !differing.is_empty() {
        let mut ids = differing
            .iter()
            .take(SHOWN)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        if differing.len() > SHOWN {
            ids.push_str(&format!(" and {} more", differing.len() - SHOWN));
        }
        let (count, noun, verb) = match differing.len() {
            1 => ("1".to_string(), kind.to_string(), "differs"),
            n => (n.to_string(), format!("{kind}s"), "differ"),
        };
        conflicts.push(format!(
            "{count} {noun} in the file {verb} from this program's under the same id ({ids}); \
             a merge keeps this program's version."
        ));
    }
    new
}

/// Rubrics match when they have the same criteria, by id, in the same
/// dimensions, with the same weights and anchors. Names and descriptions
/// may differ: a reworded title does not change what a score means.
fn check_same_rubric(current: &Rubric, incoming: &Rubric) -> Result<(), MergeError> {
    let differ = |difference: String| Err(MergeError::DifferentRubric { difference });
    for c in current.criteria() {
        let Some(other) = incoming.criterion(&c.id) else {
            return differ(format!("it has no criterion \"{}\"", c.id));
        };
        if other.dimension != c.dimension {
            return differ(format!(
                "criterion \"{}\" is in dimension \"{}\" there and \"{}\" here",
                c.id, other.dimension, c.dimension
            ));
        }
        if other.weight != c.weight {
            return differ(format!(
                "criterion \"{}\" weighs {} there and {} here",
                c.id, other.weight, c.weight
            ));
        }
        if let Some(level) = (0..5).find(|&i| other.anchors[i] != c.anchors[i]) {
            return differ(format!(
                "criterion \"{}\" describes level {} differently",
                c.id,
                level + 1
            ));
        }
    }
    if let Some(extra) = incoming
        .criteria()
        .iter()
        .find(|o| current.criterion(&o.id).is_none())
    {
        return differ(format!(
            "it has a criterion \"{}\" this program lacks",
            extra.id
        ));
    }
    Ok(())
}

/// Every rubric version the two programs share must mean the same; the
/// file's other rubrics and versions are simply added.
fn check_rubrics(current: &Program, incoming: &Program) -> Result<(), MergeError> {
    for theirs in &incoming.rubrics {
        if let Some(ours) = current.rubric_version(theirs.id(), theirs.version()) {
            check_same_rubric(ours, theirs).map_err(
                |MergeError::DifferentRubric { difference }| MergeError::DifferentRubric {
                    difference: format!("{}: {difference}", ours.label()),
                },
            )?;
        }
    }
    Ok(())
}

/// The current program with the incoming records whose ids it lacks. The
/// current program's name, date, rubric and records are kept; the result
/// is a demo only when both sides are.
pub fn merge_programs(current: &Program, incoming: &Program) -> Result<Program, MergeError> {
    check_rubrics(current, incoming)?;

    let mut merged = current.clone();
    for r in &incoming.rubrics {
        if merged.rubric_version(r.id(), r.version()).is_none() {
            merged.rubrics.push(r.clone());
        }
    }
    for pair in &incoming.pair_rubrics {
        if !merged
            .pair_rubrics
            .iter()
            .any(|p| p.coach_id == pair.coach_id && p.agent_id == pair.agent_id)
        {
            merged.pair_rubrics.push(pair.clone());
        }
    }
    merged.is_demo = current.is_demo && incoming.is_demo;
    add_new(&mut merged.teams, &incoming.teams, |t| &t.id);
    add_new(&mut merged.agents, &incoming.agents, |a| &a.id);
    add_new(&mut merged.calls, &incoming.calls, |c| &c.id);
    add_new(&mut merged.evaluations, &incoming.evaluations, |e| &e.id);
    add_new(&mut merged.sessions, &incoming.sessions, |s| &s.id);
    Ok(merged)
}

/// Replaces or merges, as chosen.
pub fn import_program(
    current: &Program,
    incoming: &Program,
    mode: ImportMode,
) -> Result<Program, MergeError> {
    match mode {
        ImportMode::Replace => Ok(incoming.clone()),
        ImportMode::Merge => merge_programs(current, incoming),
    }
}

fn add_new<T: Clone>(target: &mut Vec<T>, incoming: &[T], id: impl Fn(&T) -> &String) {
    let mut known: HashSet<String> = target.iter().map(|r| id(r).clone()).collect();
    for record in incoming {
        if known.insert(id(record).clone()) {
            target.push(record.clone());
        }
    }
}

/// A transcript read from a file, as a call to be: the id it names (or
/// one made from the file name) and its lines.
#[derive(Debug, Clone, PartialEq)]
pub struct TranscriptCall {
    pub id: String,
    pub started_at: chrono::DateTime<chrono::FixedOffset>,
    pub source: String,
    pub lines: Vec<Line>,
}

/// What a transcript will do to the program.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranscriptFate {
    /// A new call, with the agent, team and outcome the person gave.
    NewCall,
    /// Fills the transcript of a call that has none yet (one made from an
    /// imported score row), keeping everything else of that call.
    FillsCall,
    /// The call already has a transcript; the file is skipped rather than
    /// overwriting what may have been scored.
    Skipped,
}

pub fn transcript_fate(program: &Program, id: &str) -> TranscriptFate {
    match program.call(id) {
        None => TranscriptFate::NewCall,
        Some(c) if c.lines.is_empty() => TranscriptFate::FillsCall,
        Some(_) => TranscriptFate::Skipped,
    }
}

/// Adds transcripts as calls of `agent` for `team`, or fills the empty
/// transcripts of calls that exist. Returns the calls added or changed, for
/// saving. A transcript whose id repeats one earlier in the batch is
/// skipped like one whose call already has a transcript.
pub fn add_transcripts(
    program: &mut Program,
    transcripts: Vec<TranscriptCall>,
    agent: &Agent,
    team: &Team,
    resolved: Option<bool>,
    reason: &str,
) -> Vec<Call> {
    let mut changed: Vec<Call> = Vec::new();
    for t in transcripts {
        if changed.iter().any(|c| c.id == t.id) {
            continue;
        }
        match transcript_fate(program, &t.id) {
            TranscriptFate::Skipped => {}
            TranscriptFate::FillsCall => {
                if let Some(call) = program.calls.iter_mut().find(|c| c.id == t.id) {
                    call.lines = t.lines;
                    changed.push(call.clone());
                }
            }
            TranscriptFate::NewCall => {
                let call = Call {
                    id: t.id,
                    agent_id: agent.id.clone(),
                    team_id: team.id.clone(),
                    started_at: t.started_at,
                    resolved,
                    reason: reason.to_string(),
                    source: t.source,
                    lines: t.lines,
                };
                changed.push(call.clone());
                program.calls.push(call);
            }
        }
    }
    if changed.iter().any(|c| c.agent_id == agent.id) && program.agent(&agent.id).is_none() {
        program.agents.push(agent.clone());
    }
    if changed.iter().any(|c| c.team_id == team.id) && program.team(&team.id).is_none() {
        program.teams.push(team.clone());
    }
    changed
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, NaiveDate};

    use super::*;
    use crate::domain::{Evaluation, Role};

    fn call(id: &str, agent: &str, team: &str) -> Call {
        Call {
            id: id.into(),
            agent_id: agent.into(),
            team_id: team.into(),
            started_at: DateTime::parse_from_rfc3339("2024-06-02T16:36:32-07:00").unwrap(),
            resolved: Some(true),
            reason: "Complaints".into(),
            source: "test".into(),
            lines: Vec::new(),
        }
    }

    fn agent(id: &str, name: &str) -> Agent {
        Agent {
            id: id.into(),
            name: name.into(),
            hired_on: None,
        }
    }

    fn team(id: &str) -> Team {
        let mut name = id.to_string();
        name[..1].make_ascii_uppercase();
        Team {
            id: id.into(),
            name,
        }
    }

    /// One imported call: its id, the agent's id and name, and the team id.
    fn item(id: &str, agent_id: &str, name: &str, team_id: &str) -> (Call, Agent, Team) {
        (
            call(id, agent_id, team_id),
            agent(agent_id, name),
            team(team_id),
        )
    }

    /// A program with agent a1 (Ada) on team west and call c1.
    fn program() -> Program {
        let mut p = Program::empty("Current");
        add_calls(&mut p, vec![item("c1", "a1", "Ada", "west")]);
        p
    }

    fn evaluation(id: &str, call_id: &str) -> Evaluation {
        Evaluation {
            id: id.into(),
            call_id: call_id.into(),
            role: Role::Qa,
            evaluator: "QA lead".into(),
            scored_on: NaiveDate::from_ymd_opt(2024, 6, 3).unwrap(),
            rubric_id: "default".into(),
            rubric_version: 1,
            scores: Vec::new(),
        }
    }

    #[test]
    fn a_batch_of_new_calls_brings_its_agents_and_teams() {
        let mut p = Program::empty("New");
        let batch = vec![
            item("c1", "a1", "Ada", "west"),
            item("c2", "a2", "Ben", "east"),
        ];
        let preview = preview_calls(&p, &batch);
        assert_eq!(preview.new_calls, 2);
        assert_eq!(preview.new_agents, ["Ada", "Ben"]);
        assert_eq!(preview.new_teams, ["West", "East"]);

        add_calls(&mut p, batch);
        assert_eq!(p.calls.len(), 2);
        assert_eq!(p.agents.len(), 2);
        assert_eq!(p.teams.len(), 2);
    }

    #[test]
    fn calls_already_in_the_program_are_skipped_and_listed() {
        let mut p = program();
        let batch = vec![
            item("c1", "a1", "Ada", "west"),
            item("c2", "a1", "Ada", "west"),
        ];
        let preview = preview_calls(&p, &batch);
        assert_eq!(preview.new_calls, 1);
        assert_eq!(preview.already_present, ["c1"]);
        assert!(preview.new_agents.is_empty() && preview.new_teams.is_empty());

        add_calls(&mut p, batch);
        let ids: Vec<&str> = p.calls.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["c1", "c2"]);
    }

    #[test]
    fn a_call_repeated_within_a_batch_is_added_once() {
        let mut p = Program::empty("New");
        let batch = vec![
            item("c1", "a1", "Ada", "west"),
            item("c1", "a1", "Ada", "west"),
        ];
        assert_eq!(preview_calls(&p, &batch).repeated_in_batch, ["c1"]);
        add_calls(&mut p, batch);
        assert_eq!(p.calls.len(), 1);
    }

    #[test]
    fn one_agent_on_several_teams_stays_one_agent_and_each_call_keeps_its_team() {
        let mut p = Program::empty("New");
        add_calls(
            &mut p,
            vec![
                item("c1", "a1", "Ada", "west"),
                item("c2", "a1", "Ada", "midwest"),
            ],
        );
        assert_eq!(p.agents.len(), 1);
        assert_eq!(p.teams.len(), 2);
        assert_eq!(p.call("c2").unwrap().team_id, "midwest");
    }

    #[test]
    fn the_program_keeps_its_agent_name_and_a_different_one_is_reported() {
        let mut p = program();
        let batch = vec![item("c2", "a1", "Ada Lovelace", "west")];
        let preview = preview_calls(&p, &batch);
        assert_eq!(
            preview.name_differences,
            ["Agent a1 is named \"Ada Lovelace\" in call c2; the program keeps \"Ada\"."]
        );
        add_calls(&mut p, batch);
        assert_eq!(p.agent_name("a1"), "Ada");
    }

    #[test]
    fn the_first_name_seen_in_a_batch_wins() {
        let mut p = Program::empty("New");
        add_calls(
            &mut p,
            vec![
                item("c1", "a1", "Ada", "west"),
                item("c2", "a1", "A.", "west"),
            ],
        );
        assert_eq!(p.agents, [agent("a1", "Ada")]);
    }

    #[test]
    fn a_skipped_call_brings_no_agent_or_team() {
        let mut p = program();
        add_calls(&mut p, vec![item("c1", "a9", "Zed", "north")]);
        assert_eq!(p.agents.len(), 1);
        assert_eq!(p.teams.len(), 1);
    }

    #[test]
    fn an_import_preview_counts_the_file_and_what_a_merge_would_add() {
        let current = program();
        let mut incoming = program();
        add_calls(&mut incoming, vec![item("c2", "a2", "Ben", "east")]);
        incoming.evaluations = vec![evaluation("e1", "c2")];

        let preview = preview_program_import(&current, &incoming);
        assert_eq!((preview.calls, preview.new_calls), (2, 1));
        assert_eq!((preview.evaluations, preview.new_evaluations), (1, 1));
        assert_eq!((preview.agents, preview.new_agents), (2, 1));
        assert_eq!((preview.teams, preview.new_teams), (2, 1));
        assert_eq!(preview.new_sessions, 0);
        assert!(preview.conflicts.is_empty(), "{:?}", preview.conflicts);
        assert_eq!(preview.merge_refused, None);
    }

    #[test]
    fn records_that_differ_under_the_same_id_are_reported_and_the_current_one_kept() {
        let current = program();
        let mut incoming = program();
        incoming.calls[0].reason = "Booking".into();

        let preview = preview_program_import(&current, &incoming);
        assert_eq!(
            preview.conflicts,
            [
                "1 call in the file differs from this program's under the same id (c1); a merge \
              keeps this program's version."
            ]
        );
        let merged = merge_programs(&current, &incoming).unwrap();
        assert_eq!(merged.calls[0].reason, "Complaints");
    }

    #[test]
    fn a_merge_adds_new_records_and_keeps_the_current_name_and_date() {
        let mut current = program();
        current.as_of = NaiveDate::from_ymd_opt(2024, 7, 1);
        let mut incoming = Program::empty("Other");
        add_calls(&mut incoming, vec![item("c2", "a2", "Ben", "east")]);
        incoming.evaluations = vec![evaluation("e1", "c2")];

        let merged = merge_programs(&current, &incoming).unwrap();
        assert_eq!(merged.name, "Current");
        assert_eq!(merged.as_of, current.as_of);
        assert_eq!(merged.calls.len(), 2);
        assert_eq!(merged.agents.len(), 2);
        assert_eq!(merged.evaluations.len(), 1);
    }

    #[test]
    fn a_merge_is_a_demo_only_when_both_programs_are() {
        let (mut current, mut incoming) = (program(), program());
        current.is_demo = true;
        assert!(!merge_programs(&current, &incoming).unwrap().is_demo);
        incoming.is_demo = true;
        assert!(merge_programs(&current, &incoming).unwrap().is_demo);
    }

    #[test]
    fn a_file_with_a_different_rubric_cannot_be_merged_but_can_replace() {
        let current = program();
        let mut incoming = program();
        let mut criteria = incoming.rubric().criteria().to_vec();
        criteria[0].weight += 5;
        criteria[1].weight -= 5;
        incoming.rubrics = vec![Rubric::new("Reweighted", criteria).unwrap()];

        let err = merge_programs(&current, &incoming).unwrap_err();
        let message = err.to_string();
        assert!(
            message.starts_with(
                "the file uses a different rubric (Customer service (v1): criterion \"opening\""
            ),
            "{message}"
        );
        assert!(message.contains("choose Replace"), "{message}");
        assert_eq!(
            preview_program_import(&current, &incoming).merge_refused,
            Some(err)
        );
        assert_eq!(
            import_program(&current, &incoming, ImportMode::Replace),
            Ok(incoming)
        );
    }

    #[test]
    fn a_rubric_that_differs_only_in_wording_of_names_still_merges() {
        let current = program();
        let mut incoming = program();
        let mut criteria = incoming.rubric().criteria().to_vec();
        criteria[0].name = "Greeting".into();
        criteria[0].description = "Says hello.".into();
        incoming.rubrics = vec![Rubric::new("Renamed", criteria).unwrap()];
        assert!(import_program(&current, &incoming, ImportMode::Merge).is_ok());
    }

    #[test]
    fn a_rubric_with_a_changed_anchor_or_an_extra_criterion_is_refused() {
        let current = program();
        let mut incoming = program();
        let mut criteria = incoming.rubric().criteria().to_vec();
        criteria[2].anchors[3] = "Something else.".into();
        incoming.rubrics = vec![Rubric::new("x", criteria.clone()).unwrap()];
        let message = merge_programs(&current, &incoming).unwrap_err().to_string();
        assert!(
            message.contains("describes level 4 differently"),
            "{message}"
        );

        let mut extra = criteria[0].clone();
        extra.id = "extra".into();
        extra.name = "Extra".into();
        extra.weight = 5;
        let mut criteria = current.rubric().criteria().to_vec();
        criteria[0].weight -= 5;
        criteria.push(extra);
        incoming.rubrics = vec![Rubric::new("x", criteria).unwrap()];
        let message = merge_programs(&current, &incoming).unwrap_err().to_string();
        assert!(message.contains("weighs"), "{message}");
    }

    fn transcript(id: &str) -> TranscriptCall {
        TranscriptCall {
            id: id.into(),
            started_at: chrono::DateTime::parse_from_rfc3339("2024-06-03T09:00:00+01:00").unwrap(),
            source: format!("{id}.vtt"),
            lines: vec![Line {
                speaker: crate::domain::Speaker::Agent,
                offset_secs: 3,
                text: "Hello".into(),
            }],
        }
    }

    #[test]
    fn a_transcript_fills_an_empty_call_adds_a_new_one_and_never_overwrites() {
        let mut p = Program::empty("t");
        let agent = Agent {
            id: "a9".into(),
            name: "New Agent".into(),
            hired_on: None,
        };
        let team = Team {
            id: "t9".into(),
            name: "Night".into(),
        };
        add_transcripts(&mut p, vec![transcript("empty")], &agent, &team, None, "");
        p.calls[0].lines.clear();
        let first = add_transcripts(&mut p, vec![transcript("full")], &agent, &team, None, "");
        assert_eq!(first.len(), 1);

        let changed = add_transcripts(
            &mut p,
            vec![
                transcript("empty"),
                transcript("full"),
                transcript("new"),
                transcript("new"),
            ],
            &agent,
            &team,
            Some(true),
            "Billing",
        );

        let ids: Vec<&str> = changed.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["empty", "new"]);
        assert_eq!(p.call("empty").unwrap().lines.len(), 1);
        assert_eq!(p.call("new").unwrap().resolved, Some(true));
        assert_eq!(p.calls.len(), 3);
        assert_eq!(p.agents.len(), 1, "the new agent is added once");
        assert_eq!(p.teams.len(), 1);
    }
}
