//! The demo program: a made-up contact centre with four months of calls,
//! scores and coaching sessions, so a trainer can see every screen working
//! before loading their own data.
//!
//! The program is drawn from a seeded generator, so the same seed and day
//! always give the same program. Each agent has a hidden skill per step of
//! a call; the transcripts say what an agent at that level would say, and
//! the evaluations score what the transcripts show. Coaching sessions raise
//! the coached agent's skill afterwards, except for one that does not work,
//! so the results screen shows both outcomes. The words live in `script`.

mod script;

use chrono::{Days, FixedOffset, NaiveDate, TimeZone};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use self::script::{what_happened, CallScript, Part, Tier, REASONS};
use super::measurement::measure_session;
use super::rubric::{MAX_LEVEL, MIN_LEVEL};
use super::selection::coaches_for;
use super::{
    Agent, Call, CriterionScore, Evaluation, Example, Line, Moment, Program, Role, Rubric, Session,
    Team,
};

/// How many days of calls the demo holds, ending on the day it is made.
pub const DEMO_DAYS: u64 = 120;

/// The demo's name, shown wherever the program is named.
pub const DEMO_NAME: &str = "Demo: Northwind Contact Centre";

const TEAMS: [(&str, &str); 3] = [
    ("billing", "Billing"),
    ("bookings", "Bookings"),
    ("support", "Support"),
];

const AGENT_NAMES: [&str; 30] = [
    "Amara Okafor",
    "Ben Kowalski",
    "Chloe Martin",
    "Daniel Reyes",
    "Elif Yilmaz",
    "Fraser MacLeod",
    "Grace Nakamura",
    "Hamza Ali",
    "Isla Fitzgerald",
    "Jonas Becker",
    "Keisha Brown",
    "Liam O'Connor",
    "Maya Patel",
    "Noah Schmidt",
    "Olivia Dubois",
    "Pavel Novak",
    "Quinn Harper",
    "Rosa Alvarez",
    "Samuel Mensah",
    "Tara Singh",
    "Umar Haddad",
    "Vera Lindqvist",
    "Wei Chen",
    "Ximena Torres",
    "Yusuf Demir",
    "Zoe Campbell",
    "Aisha Bello",
    "Callum Reid",
    "Hannah Fischer",
    "Mateo Rossi",
];

const QA_NAMES: [&str; 2] = ["Dana Whitfield (QA)", "Marcus Lee (QA)"];

/// The chance that an agent takes a call on a given day: about one call
/// every two and a half days, some 1,400 calls in all.
const CALL_CHANCE: f64 = 0.4;

/// A draw in which no session reaches the target, or every one does, is
/// drawn again; this many draws makes a miss practically impossible.
const MAX_DRAWS: usize = 20;

/// The demo program for `seed`, with calls ending on `today`.
pub fn demo_program(seed: u64, today: NaiveDate) -> Program {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut program = draw_program(&mut rng, today);
    for _ in 1..MAX_DRAWS {
        if shows_both_outcomes(&program, today) {
            break;
        }
        program = draw_program(&mut rng, today);
    }
    program
}

/// Whether some measured session reached the target and another did not.
fn shows_both_outcomes(program: &Program, today: NaiveDate) -> bool {
    let reached: Vec<Option<bool>> = program
        .sessions
        .iter()
        .map(|s| measure_session(program, s, today).reached_target)
        .collect();
    reached.contains(&Some(true)) && reached.contains(&Some(false))
}

/// A coaching session decided before the calls are drawn, because it
/// changes how the coached agent performs afterwards.
struct Plan {
    agent: usize,
    part: Part,
    date: NaiveDate,
    /// How much the agent's skill in `part` rises after the session.
    rise: f64,
    completed: bool,
}

/// The draws behind one call, kept to pick session examples later.
struct CallDraw {
    agent: usize,
    reason: usize,
    transferred: bool,
    levels: [u8; 5],
    variant: usize,
    reference_number: u32,
    /// The steps each line shows, in line order.
    line_parts: Vec<Vec<Part>>,
}

struct Cast {
    agents: Vec<Agent>,
    /// Hidden skill per agent, indexed by `Part::index`, on the 1-5 scale.
    skills: Vec<[f64; 5]>,
}

impl Cast {
    fn first_name(&self, agent: usize) -> &str {
        let name = &self.agents[agent].name;
        name.split(' ').next().unwrap_or(name)
    }

    /// The agent's team: the first ten agents are in the first team, and so on.
    fn team(&self, agent: usize) -> usize {
        agent * TEAMS.len() / self.agents.len()
    }

    /// The agent's skill on `day`, with the effect of sessions held before it.
    fn skill_on(&self, agent: usize, part: Part, day: NaiveDate, plans: &[Plan]) -> f64 {
        let rise: f64 = plans
            .iter()
            .filter(|p| p.agent == agent && p.part == part && p.date < day)
            .map(|p| p.rise)
            .sum();
        (self.skills[agent][part.index()] + rise).clamp(1.0, 5.0)
    }
}

fn draw_program(rng: &mut ChaCha8Rng, today: NaiveDate) -> Program {
    let rubric = Rubric::default_rubric();
    let cast = draw_cast(rng, today);
    let plans = plan_sessions(rng, &cast, today);
    let (calls, draws) = draw_calls(rng, &cast, &plans, today);
    let evaluations = draw_evaluations(rng, &cast, &plans, &calls, &draws);

    let mut program = Program {
        name: DEMO_NAME.to_string(),
        as_of: None,
        is_demo: true,
        time_zone: chrono::FixedOffset::east_opt(0).expect("UTC is a valid offset"),
        teams: TEAMS
            .iter()
            .map(|(id, name)| Team {
                id: id.to_string(),
                name: name.to_string(),
            })
            .collect(),
        agents: cast.agents.clone(),
        default_rubric: rubric.id().to_string(),
        rubrics: vec![rubric],
        pair_rubrics: Vec::new(),
        calls,
        evaluations,
        sessions: Vec::new(),
    };
    let sessions = plans
        .iter()
        .enumerate()
        .map(|(i, plan)| build_session(rng, &program, &cast, &draws, plan, i + 1))
        .collect();
    program.sessions = sessions;
    program
}

fn draw_cast(rng: &mut ChaCha8Rng, today: NaiveDate) -> Cast {
    let agents = AGENT_NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| Agent {
            id: format!("A{}", 1001 + i),
            name: name.to_string(),
            // Half a year to eight years of service.
            hired_on: Some(today - Days::new(rng.random_range(183..=2922))),
        })
        .collect();
    let skills = (0..AGENT_NAMES.len())
        .map(|_| Part::ALL.map(|_| rng.random_range(1.5..4.8)))
        .collect();
    Cast { agents, skills }
}

/// Four finished sessions 45 to 80 days back, one of which does not work,
/// and two recent ones whose after-window is still open.
fn plan_sessions(rng: &mut ChaCha8Rng, cast: &Cast, today: NaiveDate) -> Vec<Plan> {
    let mut parts = Part::ALL;
    parts.shuffle(rng);
    let flat = rng.random_range(0..4);
    let days_back = [
        (rng.random_range(72..=80), true),
        (rng.random_range(63..=71), true),
        (rng.random_range(54..=62), true),
        (rng.random_range(45..=53), true),
        (rng.random_range(10..=18), true),
        (rng.random_range(1..=5), false),
    ];

    let mut plans: Vec<Plan> = Vec::new();
    for (i, (back, completed)) in days_back.into_iter().enumerate() {
        let part = parts[i % parts.len()];
        let agent = weak_agent(rng, cast, part, &plans);
        let rise = match i {
            _ if i == flat => rng.random_range(-0.1..0.1),
            0..=3 => rng.random_range(0.8..1.1),
            _ => rng.random_range(0.6..1.0),
        };
        plans.push(Plan {
            agent,
            part,
            date: today - Days::new(back),
            rise,
            completed,
        });
    }
    plans
}

/// One of the five agents weakest at `part` who is not coached yet.
fn weak_agent(rng: &mut ChaCha8Rng, cast: &Cast, part: Part, plans: &[Plan]) -> usize {
    let mut candidates: Vec<usize> = (0..cast.agents.len())
        .filter(|a| plans.iter().all(|p| p.agent != *a))
        .collect();
    candidates
        .sort_by(|a, b| cast.skills[*a][part.index()].total_cmp(&cast.skills[*b][part.index()]));
    candidates.truncate(5);
    candidates[rng.random_range(0..candidates.len())]
}

/// A performance level drawn around a skill. Adding noise of one point's
/// width before rounding keeps the level's average equal to the skill.
fn draw_level(rng: &mut ChaCha8Rng, skill: f64) -> u8 {
    let level = (skill + rng.random_range(-0.5..0.5)).round();
    level.clamp(f64::from(MIN_LEVEL), f64::from(MAX_LEVEL)) as u8
}

fn draw_calls(
    rng: &mut ChaCha8Rng,
    cast: &Cast,
    plans: &[Plan],
    today: NaiveDate,
) -> (Vec<Call>, Vec<CallDraw>) {
    let office = FixedOffset::east_opt(0).expect("UTC is a valid offset");
    let mut calls = Vec::new();
    let mut draws = Vec::new();

    for back in (0..DEMO_DAYS).rev() {
        let day = today - Days::new(back);
        for agent in 0..cast.agents.len() {
            if !rng.random_bool(CALL_CHANCE) {
                continue;
            }
            let team = cast.team(agent);
            let reasons: Vec<usize> = (0..REASONS.len())
                .filter(|r| REASONS[*r].team == team)
                .collect();
            let draw = CallDraw {
                agent,
                reason: reasons[rng.random_range(0..reasons.len())],
                transferred: rng.random_bool(0.07),
                levels: Part::ALL.map(|p| draw_level(rng, cast.skill_on(agent, p, day, plans))),
                variant: rng.random_range(0..4),
                reference_number: rng.random_range(10_000..100_000),
                line_parts: Vec::new(),
            };
            let script = script_of(&draw, cast);
            let script_lines = script.lines(rng.random_range(6..=10));

            let mut offset = rng.random_range(0..=3);
            let mut lines = Vec::new();
            for line in &script_lines {
                lines.push(Line {
                    speaker: line.speaker,
                    offset_secs: offset,
                    text: line.text.clone(),
                });
                offset += rng.random_range(5..=40);
            }
            let time = day
                .and_hms_opt(
                    rng.random_range(8..18),
                    rng.random_range(0..60),
                    rng.random_range(0..60),
                )
                .expect("office hours exist on every day");
            let resolution = Tier::of(draw.levels[Part::Resolution.index()]);
            let resolved_chance = [0.55, 0.82, 0.95][resolution as usize];

            calls.push(Call {
                id: format!("demo-call-{:04}", calls.len() + 1),
                agent_id: cast.agents[agent].id.clone(),
                team_id: TEAMS[team].0.to_string(),
                started_at: office
                    .from_local_datetime(&time)
                    .single()
                    .expect("a fixed offset is unambiguous"),
                resolved: Some(rng.random_bool(resolved_chance)),
                reason: REASONS[draw.reason].label.to_string(),
                source: "demo".to_string(),
                lines,
            });
            draws.push(CallDraw {
                line_parts: script_lines.into_iter().map(|l| l.parts).collect(),
                ..draw
            });
        }
    }
    (calls, draws)
}

fn script_of<'a>(draw: &CallDraw, cast: &'a Cast) -> CallScript<'a> {
    CallScript {
        reason: &REASONS[draw.reason],
        agent_first_name: cast.first_name(draw.agent),
        team_name: TEAMS[cast.team(draw.agent)].1,
        transferred: draw.transferred,
        levels: draw.levels,
        variant: draw.variant,
        reference_number: draw.reference_number,
    }
}

/// Most calls get one evaluation. Calls of an agent within a month of
/// their session are all scored by QA or a peer, as a coaching cycle
/// would have it, so that the before/after windows hold enough scores.
fn draw_evaluations(
    rng: &mut ChaCha8Rng,
    cast: &Cast,
    plans: &[Plan],
    calls: &[Call],
    draws: &[CallDraw],
) -> Vec<Evaluation> {
    let mut evaluations = Vec::new();
    for (call, draw) in calls.iter().zip(draws) {
        let in_cycle = plans
            .iter()
            .any(|p| p.agent == draw.agent && (p.date - call.day()).num_days().abs() <= 30);
        if !in_cycle && !rng.random_bool(0.85) {
            continue;
        }
        let role = match rng.random_range(0.0..1.0) {
            x if x < 0.7 => Role::Qa,
            x if x < 0.86 || in_cycle => Role::PeerCoach,
            _ => Role::SelfReview,
        };
        let evaluator = match role {
            Role::Qa => QA_NAMES[rng.random_range(0..QA_NAMES.len())].to_string(),
            Role::PeerCoach => {
                let peer =
                    (draw.agent + rng.random_range(1..cast.agents.len())) % cast.agents.len();
                cast.agents[peer].id.clone()
            }
            Role::SelfReview => call.agent_id.clone(),
        };

        let mut scores: Vec<CriterionScore> = Part::ALL
            .iter()
            .map(|&part| CriterionScore {
                criterion_id: part.criterion_id().to_string(),
                score: score_for(rng, draw, part, role),
                evidence: Vec::new(),
            })
            .collect();
        if rng.random_bool(0.6) {
            attach_evidence(rng, call, draw, &mut scores);
        }

        evaluations.push(Evaluation {
            id: format!("demo-eval-{:04}", evaluations.len() + 1),
            call_id: call.id.clone(),
            role,
            evaluator,
            scored_on: call.day(),
            rubric_id: crate::domain::rubric::DEFAULT_RUBRIC_ID.to_string(),
            rubric_version: 1,
            scores,
        });
    }
    evaluations
}

/// The score an evaluator gives a step: what the call showed, give or take
/// a point now and then, and a little kinder when agents score themselves.
fn score_for(rng: &mut ChaCha8Rng, draw: &CallDraw, part: Part, role: Role) -> Option<u8> {
    if part == Part::Opening && draw.transferred {
        return None;
    }
    let level = draw.levels[part.index()];
    let level = match role {
        Role::SelfReview if rng.random_bool(0.4) => level + 1,
        Role::SelfReview => level,
        _ if rng.random_bool(0.1) => {
            if rng.random_bool(0.5) {
                level + 1
            } else {
                level - 1
            }
        }
        _ => level,
    };
    Some(level.clamp(MIN_LEVEL, MAX_LEVEL))
}

/// Quotes, for one scored criterion, the line of the call that shows it.
fn attach_evidence(
    rng: &mut ChaCha8Rng,
    call: &Call,
    draw: &CallDraw,
    scores: &mut [CriterionScore],
) {
    let scored: Vec<usize> = (0..scores.len())
        .filter(|i| scores[*i].score.is_some())
        .collect();
    if scored.is_empty() {
        return;
    }
    let i = scored[rng.random_range(0..scored.len())];
    let part = Part::ALL[i];
    if let Some(line) = line_showing(call, draw, part) {
        scores[i].evidence.push(Moment {
            offset_secs: line.offset_secs,
            quote: line.text.clone(),
            note: String::new(),
        });
    }
}

fn line_showing<'a>(call: &'a Call, draw: &CallDraw, part: Part) -> Option<&'a Line> {
    let index = draw
        .line_parts
        .iter()
        .position(|parts| parts.contains(&part))?;
    call.lines.get(index)
}

fn build_session(
    rng: &mut ChaCha8Rng,
    program: &Program,
    cast: &Cast,
    draws: &[CallDraw],
    plan: &Plan,
    number: usize,
) -> Session {
    let criterion = program
        .rubric()
        .criterion(plan.part.criterion_id())
        .expect("the demo uses the default rubric");
    let dimension = criterion.dimension.clone();
    let agent_id = cast.agents[plan.agent].id.clone();

    // The coach is whom the program itself would have proposed on the eve
    // of the session, so the demo agrees with the coaches screen.
    let eve = plan.date - Days::new(1);
    let proposed = coaches_for(program, &dimension, eve);
    let coach_id = proposed
        .coaches
        .iter()
        .map(|c| c.agent_id.clone())
        .find(|id| *id != agent_id)
        .unwrap_or_else(|| strongest_other(cast, plan));

    let standard = criterion
        .anchor(4)
        .expect("level 4 is on the scale")
        .to_string();
    let wanted = rng.random_range(2..=3);
    let examples = example_calls(program, draws, plan, wanted)
        .into_iter()
        .map(|i| {
            let (call, draw) = (&program.calls[i], &draws[i]);
            let line = line_showing(call, draw, plan.part).expect("example calls show the step");
            let tier = Tier::of(draw.levels[plan.part.index()]);
            Example {
                call_id: call.id.clone(),
                moment: Moment {
                    offset_secs: line.offset_secs,
                    quote: line.text.clone(),
                    note: String::new(),
                },
                what_happened: what_happened(plan.part, tier).to_string(),
                standard: standard.clone(),
                say_instead: script_of(draw, cast).agent_says(plan.part, Tier::High),
            }
        })
        .collect();

    Session {
        id: format!("demo-session-{number}"),
        coach_id,
        agent_id,
        dimension,
        date: plan.date,
        examples,
        completed: plan.completed,
    }
}

/// The agent best at the planned step, other than the coached agent.
fn strongest_other(cast: &Cast, plan: &Plan) -> String {
    let best = (0..cast.agents.len())
        .filter(|a| *a != plan.agent)
        .max_by(|a, b| {
            cast.skills[*a][plan.part.index()].total_cmp(&cast.skills[*b][plan.part.index()])
        })
        .expect("the demo has more than one agent");
    cast.agents[best].id.clone()
}

/// Indexes of up to `wanted` calls the coached agent took before the
/// session that show the step, the weakest and most recent first.
fn example_calls(program: &Program, draws: &[CallDraw], plan: &Plan, wanted: usize) -> Vec<usize> {
    let mut candidates: Vec<usize> = (0..draws.len())
        .filter(|&i| {
            let draw = &draws[i];
            draw.agent == plan.agent
                && program.calls[i].day() < plan.date
                && !(plan.part == Part::Opening && draw.transferred)
                && line_showing(&program.calls[i], draw, plan.part).is_some()
        })
        .collect();
    // Calls are in time order, so a reversed index sorts the latest first.
    candidates.sort_by_key(|&i| {
        (
            Tier::of(draws[i].levels[plan.part.index()]),
            std::cmp::Reverse(i),
        )
    });
    candidates.truncate(wanted);
    candidates
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::domain::measurement::Window;
    use crate::domain::selection::{select_coaches, COACHES_PER_DIMENSION};
    use crate::domain::Speaker;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 3).expect("a real date")
    }

    fn demo() -> Program {
        demo_program(7, today())
    }

    fn assert_unique<'a>(ids: impl Iterator<Item = &'a str>, what: &str) {
        let mut seen = HashSet::new();
        for id in ids {
            assert!(seen.insert(id), "{what} id {id} is used twice");
        }
    }

    #[test]
    fn the_same_seed_and_day_give_the_same_program() {
        assert_eq!(demo_program(42, today()), demo_program(42, today()));
    }

    #[test]
    fn a_different_seed_gives_a_different_program() {
        assert_ne!(demo_program(1, today()), demo_program(2, today()));
    }

    #[test]
    fn the_demo_is_labelled_and_has_three_teams_and_thirty_agents() {
        let p = demo();
        assert!(p.is_demo);
        assert_eq!(p.as_of, None);
        assert_eq!(p.name, DEMO_NAME);
        assert_eq!(p.teams.len(), 3);
        assert_eq!(p.agents.len(), 30);
        assert_eq!(p.rubric(), &Rubric::default_rubric());
        assert_unique(p.agents.iter().map(|a| a.name.as_str()), "agent name");
    }

    #[test]
    fn agents_were_hired_between_half_a_year_and_eight_years_ago() {
        for agent in demo().agents {
            let hired = agent.hired_on.expect("demo agents have a hiring date");
            let days = (today() - hired).num_days();
            assert!(
                (183..=2922).contains(&days),
                "{} hired {days} days ago",
                agent.name
            );
        }
    }

    #[test]
    fn all_calls_lie_in_the_hundred_and_twenty_days_ending_today() {
        let p = demo();
        let first = today() - Days::new(DEMO_DAYS - 1);
        assert!(
            (1200..=1600).contains(&p.calls.len()),
            "{} calls",
            p.calls.len()
        );
        for call in &p.calls {
            assert!(
                (first..=today()).contains(&call.day()),
                "{} is on {}",
                call.id,
                call.day()
            );
        }
        assert_eq!(p.calls.last().map(|c| c.day()), Some(today()));
    }

    #[test]
    fn transcripts_alternate_from_the_agent_with_rising_offsets() {
        for call in demo().calls {
            assert!(
                (6..=10).contains(&call.lines.len()),
                "{} has {} lines",
                call.id,
                call.lines.len()
            );
            for (i, line) in call.lines.iter().enumerate() {
                let expected = if i % 2 == 0 {
                    Speaker::Agent
                } else {
                    Speaker::Customer
                };
                assert_eq!(line.speaker, expected, "{} line {i}", call.id);
            }
            for pair in call.lines.windows(2) {
                let gap = pair[1].offset_secs - pair[0].offset_secs;
                assert!((5..=40).contains(&gap), "{} has a gap of {gap}s", call.id);
            }
        }
    }

    #[test]
    fn every_reference_in_the_demo_resolves() {
        let p = demo();
        assert_unique(p.calls.iter().map(|c| c.id.as_str()), "call");
        assert_unique(p.evaluations.iter().map(|e| e.id.as_str()), "evaluation");
        assert_unique(p.sessions.iter().map(|s| s.id.as_str()), "session");

        for call in &p.calls {
            assert!(
                p.agent(&call.agent_id).is_some(),
                "{} has no agent",
                call.id
            );
            assert!(p.team(&call.team_id).is_some(), "{} has no team", call.id);
        }
        for e in &p.evaluations {
            let call = p.call(&e.call_id).expect("evaluated calls exist");
            assert_eq!(e.scored_on, call.day());
            if matches!(e.role, Role::PeerCoach | Role::SelfReview) {
                assert!(
                    p.agent(&e.evaluator).is_some(),
                    "{} evaluator {}",
                    e.id,
                    e.evaluator
                );
            }
            for s in &e.scores {
                assert!(
                    p.rubric().criterion(&s.criterion_id).is_some(),
                    "{}",
                    s.criterion_id
                );
                for m in &s.evidence {
                    let line = call
                        .line_at(m.offset_secs)
                        .expect("evidence points at a line");
                    assert_eq!(line.text, m.quote, "evidence in {}", e.id);
                }
            }
        }
        for s in &p.sessions {
            assert!(p.agent(&s.coach_id).is_some() && p.agent(&s.agent_id).is_some());
            assert_ne!(s.coach_id, s.agent_id, "{} coaches themselves", s.id);
            assert!(p.rubric().dimensions().contains(&s.dimension.as_str()));
            for ex in &s.examples {
                let call = p.call(&ex.call_id).expect("example calls exist");
                assert_eq!(
                    call.agent_id, s.agent_id,
                    "{} example from another agent",
                    s.id
                );
                assert!(call.day() < s.date, "{} example after the session", s.id);
                let line = call
                    .line_at(ex.moment.offset_secs)
                    .expect("moments point at a line");
                assert_eq!(
                    (line.speaker, &line.text),
                    (Speaker::Agent, &ex.moment.quote)
                );
                let anchors: Vec<&str> = p
                    .rubric()
                    .criteria_in(&s.dimension)
                    .filter_map(|c| c.anchor(4))
                    .collect();
                assert!(anchors.contains(&ex.standard.as_str()), "{} standard", s.id);
                assert!(!ex.what_happened.is_empty() && !ex.say_instead.is_empty());
            }
        }
    }

    #[test]
    fn the_demo_mixes_roles_and_has_some_not_applicable_openings() {
        let p = demo();
        for role in Role::ALL {
            assert!(
                p.evaluations.iter().any(|e| e.role == role),
                "no {role:?} evaluation"
            );
        }
        let na = p
            .evaluations
            .iter()
            .filter(|e| e.score_for("opening").is_some_and(|s| s.score.is_none()))
            .count();
        assert!(na > 0, "no N/A opening");
        assert!(
            p.evaluations.len() * 10 > p.calls.len() * 8,
            "most calls are evaluated"
        );
    }

    #[test]
    fn about_four_in_five_calls_are_resolved() {
        let p = demo();
        let resolved = p.calls.iter().filter(|c| c.resolved == Some(true)).count();
        let share = resolved as f64 / p.calls.len() as f64;
        assert!((0.7..=0.9).contains(&share), "{share:.2} resolved");
    }

    #[test]
    fn every_dimension_of_the_demo_has_three_coaches() {
        let p = demo();
        for dim in select_coaches(&p, today()) {
            assert_eq!(
                dim.coaches.len(),
                COACHES_PER_DIMENSION,
                "{}",
                dim.dimension
            );
        }
    }

    #[test]
    fn sessions_have_two_or_three_examples_and_recent_ones_are_still_open() {
        let p = demo();
        assert!((5..=6).contains(&p.sessions.len()));
        assert!(p
            .sessions
            .iter()
            .all(|s| (2..=3).contains(&s.examples.len())));
        assert!(p.sessions.iter().any(|s| !s.completed));
        let open = p
            .sessions
            .iter()
            .filter(|s| {
                matches!(
                    measure_session(&p, s, today()).after,
                    Window::NotEnded { .. }
                )
            })
            .count();
        assert!(open >= 1, "no session still waiting for its after-window");
    }

    #[test]
    fn the_demo_shows_sessions_that_reached_the_target_and_one_that_did_not() {
        for seed in 0..6 {
            let p = demo_program(seed, today());
            let reached: Vec<Option<bool>> = p
                .sessions
                .iter()
                .map(|s| measure_session(&p, s, today()).reached_target)
                .collect();
            assert!(reached.contains(&Some(true)), "seed {seed}: {reached:?}");
            assert!(reached.contains(&Some(false)), "seed {seed}: {reached:?}");
        }
    }

    #[test]
    fn session_coaches_score_above_the_agents_they_coach() {
        let p = demo();
        for s in &p.sessions {
            let from = s.date - Days::new(89);
            let eve = s.date - Days::new(1);
            let avg = |id: &str| {
                crate::domain::scoring::dimension_scores(&p, id, &s.dimension, from, eve).average()
            };
            assert!(avg(&s.coach_id) > avg(&s.agent_id), "{}", s.id);
        }
    }
}
