//! Suggestions while scoring: which transcript lines contain a criterion's
//! phrases to look for or to avoid, and what the agent scored on each
//! criterion before.
//!
//! Suggestions are only offered: the scorer accepts one by attaching the
//! line as evidence, or ignores it. Nothing here changes a score.

use chrono::NaiveDate;

use super::rubric::Criterion;
use super::scoring::scored_level;
use super::{Line, Program};

/// Why a line is suggested for a criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// The line contains a phrase the criterion looks for.
    LookFor(String),
    /// The line contains a phrase the criterion warns against.
    Avoid(String),
}

/// The first phrase of the criterion that the line contains, if any; an
/// avoid-phrase wins, since it is the one a scorer must not miss.
pub fn hint_for(criterion: &Criterion, line: &Line) -> Option<Hint> {
    let text = line.text.to_lowercase();
    let found = |list: &[String]| {
        list.iter()
            .find(|p| !p.trim().is_empty() && text.contains(&p.trim().to_lowercase()))
            .cloned()
    };
    found(&criterion.avoid)
        .map(Hint::Avoid)
        .or_else(|| found(&criterion.look_for).map(Hint::LookFor))
}

/// Indexes of the lines suggested for the criterion, with the reason.
pub fn suggested_lines(criterion: &Criterion, lines: &[Line]) -> Vec<(usize, Hint)> {
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| hint_for(criterion, l).map(|h| (i, h)))
        .collect()
}

/// What an agent scored on one criterion before, from QA and peer-coach
/// scores of their other calls.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousScores {
    pub average: f64,
    pub count: usize,
    /// The most recent level, by call day.
    pub last: u8,
}

/// The agent's earlier scores on `criterion_id`, leaving out the call being
/// scored, up to and including `as_of`. `None` when there are none.
pub fn previous_scores(
    program: &Program,
    agent_id: &str,
    criterion_id: &str,
    except_call: &str,
    as_of: NaiveDate,
) -> Option<PreviousScores> {
    let mut levels: Vec<(NaiveDate, u8)> = program
        .evaluations
        .iter()
        .filter(|e| e.role.counts_for_performance() && e.call_id != except_call)
        .filter_map(|e| {
            let call = program.call(&e.call_id)?;
            if call.agent_id != agent_id || call.day() > as_of {
                return None;
            }
            scored_level(e, criterion_id).map(|l| (call.day(), l))
        })
        .collect();
    if levels.is_empty() {
        return None;
    }
    levels.sort_by_key(|(day, _)| *day);
    let count = levels.len();
    let average = levels.iter().map(|(_, l)| f64::from(*l)).sum::<f64>() / count as f64;
    Some(PreviousScores {
        average,
        count,
        last: levels[count - 1].1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Rubric, Speaker};

    fn line(text: &str) -> Line {
        Line {
            speaker: Speaker::Agent,
            offset_secs: 0,
            text: text.into(),
        }
    }

    fn empathy() -> Criterion {
        Rubric::default_rubric()
            .criterion("empathy")
            .unwrap()
            .clone()
    }

    #[test]
    fn an_apology_is_suggested_for_empathy_whatever_its_case() {
        let hint = hint_for(&empathy(), &line("I'm really SORRY to hear that, Lisa."));
        assert_eq!(hint, Some(Hint::LookFor("sorry".into())));
    }

    #[test]
    fn a_phrase_to_avoid_wins_over_one_to_look_for() {
        let hint = hint_for(&empathy(), &line("I understand, but calm down please."));
        assert_eq!(hint, Some(Hint::Avoid("calm down".into())));
    }

    #[test]
    fn a_line_without_any_phrase_is_not_suggested() {
        assert_eq!(
            hint_for(&empathy(), &line("What is the booking number?")),
            None
        );
    }

    #[test]
    fn blank_phrases_match_nothing() {
        let mut c = empathy();
        c.look_for = vec!["  ".into()];
        c.avoid = Vec::new();
        assert_eq!(hint_for(&c, &line("anything at all")), None);
    }
}
