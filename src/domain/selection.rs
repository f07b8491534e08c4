//! Choosing peer coaches, per dimension of the rubric, from scored calls.
//!
//! For each dimension the agents with enough scored calls in the last 90
//! days are ranked by their average on that dimension, and the top three
//! are proposed with a sentence that shows the numbers. Tenure is never an
//! input: a coach is chosen for what their calls show, not for how long
//! they have been taking them. Showing and confirming the choice is left
//! to the UI.

use std::cmp::Ordering;

use chrono::{Days, NaiveDate};

use super::scoring::rounded;
use super::scoring::{dimension_scores, DimensionTally};
use super::{Agent, Program};

pub const WINDOW_DAYS: i64 = 90;
pub const MIN_SCORED_CALLS: usize = 5;
pub const COACHES_PER_DIMENSION: usize = 3;

#[derive(Debug, Clone, PartialEq)]
pub struct CoachChoice {
    pub agent_id: String,
    pub average: f64,
    pub scored_calls: usize,
    /// One sentence with the numbers behind the choice.
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionCoaches {
    pub dimension: String,
    pub window_start: NaiveDate,
    pub window_end: NaiveDate,
    /// Agents with enough scored calls in the window.
    pub eligible: usize,
    pub coaches: Vec<CoachChoice>,
}

/// The proposed coaches for every dimension of the program's rubric, in
/// rubric order, from the 90 days ending on `as_of`.
pub fn select_coaches(program: &Program, as_of: NaiveDate) -> Vec<DimensionCoaches> {
    program
        .rubric()
        .dimensions()
        .into_iter()
        .map(|dimension| coaches_for(program, dimension, as_of))
        .collect()
}

/// The first day of the selection window that ends on `as_of`; the window
/// holds `WINDOW_DAYS` days counting `as_of` itself.
pub fn window_start(as_of: NaiveDate) -> NaiveDate {
    as_of - Days::new((WINDOW_DAYS - 1) as u64)
}

/// The proposed coaches for one dimension.
pub fn coaches_for(program: &Program, dimension: &str, as_of: NaiveDate) -> DimensionCoaches {
    let from = window_start(as_of);

    let mut ranked: Vec<(&Agent, DimensionTally)> = program
        .agents
        .iter()
        .map(|agent| {
            (
                agent,
                dimension_scores(program, &agent.id, dimension, from, as_of),
            )
        })
        .filter(|(_, tally)| tally.scored_calls >= MIN_SCORED_CALLS)
        .collect();
    ranked.sort_by(rank_order);

    let eligible = ranked.len();
    let coaches = ranked
        .iter()
        .take(COACHES_PER_DIMENSION)
        .enumerate()
        .map(|(i, (agent, tally))| {
            let average = tally.average().unwrap_or_default();
            CoachChoice {
                agent_id: agent.id.clone(),
                average,
                scored_calls: tally.scored_calls,
                explanation: format!(
                    "Averaged {} on {dimension} over {} scored calls between {from} \
                     and {as_of}, ranked {} of {eligible} eligible agents.",
                    rounded(average, 2),
                    tally.scored_calls,
                    i + 1,
                ),
            }
        })
        .collect();

    DimensionCoaches {
        dimension: dimension.to_string(),
        window_start: from,
        window_end: as_of,
        eligible,
        coaches,
    }
}

/// Best first: higher average, then more scored calls (the same average on
/// more calls is better evidence), then name and id so the order is stable.
fn rank_order(a: &(&Agent, DimensionTally), b: &(&Agent, DimensionTally)) -> Ordering {
    let ((agent_a, tally_a), (agent_b, tally_b)) = (a, b);
    tally_b
        .cmp_average(tally_a)
        .then(tally_b.scored_calls.cmp(&tally_a.scored_calls))
        .then_with(|| agent_a.name.cmp(&agent_b.name))
        .then_with(|| agent_a.id.cmp(&agent_b.id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::scoring::tests::{call, day, evaluation};
    use crate::domain::{Evaluation, Role};

    const AS_OF: &str = "2026-12-03";

    fn agent(id: &str, name: &str) -> Agent {
        Agent {
            id: id.into(),
            name: name.into(),
            hired_on: None,
        }
    }

    /// Gives `agent_id` one QA-scored call on Empathy per entry of `scores`,
    /// `days_back` days before the as-of date.
    fn add_calls(p: &mut Program, agent_id: &str, days_back: u64, scores: &[u8]) {
        for &score in scores {
            add_call(p, agent_id, days_back, Role::Qa, Some(score));
        }
    }

    fn add_call(p: &mut Program, agent_id: &str, days_back: u64, role: Role, score: Option<u8>) {
        let id = format!("c{}", p.calls.len());
        let on = day(AS_OF) - Days::new(days_back);
        p.calls.push(call(&id, agent_id, on));
        let mut e: Evaluation = evaluation(&id, role, &[("empathy", score)]);
        e.id = format!("e{}", p.evaluations.len());
        p.evaluations.push(e);
    }

    fn program(agents: &[(&str, &str)]) -> Program {
        let mut p = Program::empty("t");
        p.agents = agents.iter().map(|(id, name)| agent(id, name)).collect();
        p
    }

    fn empathy(p: &Program) -> DimensionCoaches {
        select_coaches(p, day(AS_OF))
            .into_iter()
            .find(|d| d.dimension == "Empathy")
            .expect("the default rubric has an Empathy dimension")
    }

    fn chosen(p: &Program) -> Vec<String> {
        empathy(p).coaches.into_iter().map(|c| c.agent_id).collect()
    }

    #[test]
    fn every_dimension_of_the_rubric_is_answered_in_rubric_order() {
        let p = program(&[]);
        let dims: Vec<String> = select_coaches(&p, day(AS_OF))
            .into_iter()
            .map(|d| d.dimension)
            .collect();
        assert_eq!(dims, p.rubric().dimensions());
    }

    #[test]
    fn the_top_three_are_chosen_by_average_with_an_explanation_in_numbers() {
        let mut p = program(&[("a", "Ann"), ("b", "Bo"), ("c", "Cy"), ("d", "Di")]);
        add_calls(&mut p, "a", 1, &[3, 3, 3, 3, 3]);
        add_calls(&mut p, "b", 1, &[5, 5, 4, 4, 5]);
        add_calls(&mut p, "c", 1, &[4, 4, 4, 4, 4, 4]);
        add_calls(&mut p, "d", 1, &[2, 2, 2, 2, 2]);

        let dim = empathy(&p);
        assert_eq!(chosen(&p), ["b", "c", "a"]);
        assert_eq!(dim.eligible, 4);
        assert_eq!(dim.window_start, day("2026-09-05"));
        assert_eq!(dim.window_end, day(AS_OF));
        assert_eq!(
            dim.coaches[0].explanation,
            "Averaged 4.60 on Empathy over 5 scored calls between 2026-09-05 and 2026-12-03, \
             ranked 1 of 4 eligible agents."
        );
        assert_eq!(dim.coaches[1].scored_calls, 6);
    }

    #[test]
    fn no_coach_is_chosen_from_fewer_than_five_scored_calls() {
        let mut p = program(&[("a", "Ann"), ("b", "Bo")]);
        add_calls(&mut p, "a", 1, &[5, 5, 5, 5]);
        add_calls(&mut p, "b", 1, &[2, 2, 2, 2, 2]);
        assert_eq!(chosen(&p), ["b"]);
        assert_eq!(empathy(&p).eligible, 1);
    }

    #[test]
    fn not_applicable_is_not_a_scored_call() {
        let mut p = program(&[("a", "Ann")]);
        add_calls(&mut p, "a", 1, &[5, 5, 5, 5]);
        add_call(&mut p, "a", 1, Role::Qa, None);
        assert!(chosen(&p).is_empty());
    }

    #[test]
    fn self_scores_are_ignored() {
        let mut p = program(&[("a", "Ann"), ("b", "Bo")]);
        add_calls(&mut p, "a", 1, &[5, 5, 5, 5]);
        add_call(&mut p, "a", 1, Role::SelfReview, Some(5));
        add_calls(&mut p, "b", 1, &[3, 3, 3, 3, 3]);
        for _ in 0..5 {
            add_call(&mut p, "b", 1, Role::SelfReview, Some(1));
        }
        let dim = empathy(&p);
        assert_eq!(chosen(&p), ["b"]);
        assert_eq!(dim.coaches[0].average, 3.0);
    }

    #[test]
    fn the_window_holds_ninety_days_ending_on_the_as_of_date() {
        let mut p = program(&[("edges", "Edge"), ("outside", "Out")]);
        add_calls(&mut p, "edges", 0, &[4, 4]);
        add_calls(&mut p, "edges", 89, &[4, 4, 4]);
        add_calls(&mut p, "outside", 90, &[5, 5, 5, 5, 5]);
        add_calls(&mut p, "outside", 1, &[5, 5, 5, 5]);
        // A call the day after the as-of date has not happened yet.
        let tomorrow = day(AS_OF) + Days::new(1);
        p.calls.push(call("late", "outside", tomorrow));
        p.evaluations
            .push(evaluation("late", Role::Qa, &[("empathy", Some(5))]));

        assert_eq!(chosen(&p), ["edges"]);
        assert_eq!(empathy(&p).coaches[0].scored_calls, 5);
    }

    #[test]
    fn equal_averages_go_to_more_scored_calls_then_to_the_name() {
        let mut p = program(&[("z", "Zed"), ("m", "Amy"), ("x", "Bea"), ("y", "Bea")]);
        add_calls(&mut p, "z", 1, &[4, 4, 4, 4, 4, 4]);
        add_calls(&mut p, "m", 1, &[4, 4, 4, 4, 4]);
        add_calls(&mut p, "y", 1, &[4, 4, 4, 4, 4]);
        add_calls(&mut p, "x", 1, &[4, 4, 4, 4, 4]);
        assert_eq!(chosen(&p), ["z", "m", "x"]);
    }

    #[test]
    fn tenure_never_changes_the_choice() {
        let mut p = program(&[("a", "Ann"), ("b", "Bo"), ("c", "Cy"), ("d", "Di")]);
        add_calls(&mut p, "a", 3, &[4, 4, 4, 4, 4]);
        add_calls(&mut p, "b", 3, &[4, 4, 4, 4, 4]);
        add_calls(&mut p, "c", 3, &[4, 4, 4, 4, 4]);
        add_calls(&mut p, "d", 3, &[4, 4, 4, 4, 4]);
        let before = select_coaches(&p, day(AS_OF));

        let hired = ["2025-11-01", "2012-01-01", "2020-06-15", "2026-12-01"];
        for (agent, hired_on) in p.agents.iter_mut().zip(hired) {
            agent.hired_on = Some(day(hired_on));
        }
        assert_eq!(select_coaches(&p, day(AS_OF)), before);
        p.agents.reverse();
        p.agents.iter_mut().for_each(|a| a.hired_on = None);
        assert_eq!(select_coaches(&p, day(AS_OF)), before);
    }

    #[test]
    fn calls_of_unknown_agents_propose_nobody() {
        let mut p = program(&[]);
        add_calls(&mut p, "ghost", 1, &[5, 5, 5, 5, 5]);
        assert!(chosen(&p).is_empty());
    }
}
