//! Whether a coaching session made a difference: the coached agent's
//! average on the session's dimension in the 30 days before it against the
//! 30 days after.
//!
//! The session day itself belongs to neither window, since calls on that
//! day may come before or after the conversation. A window is only
//! measured once it has ended and holds enough scored calls; otherwise it
//! says which of the two is missing, so the UI can say "not yet" rather
//! than show a number built on too little. Scores are read through
//! `scoring::dimension_scores`, the same way coach selection reads them.

use chrono::{Days, NaiveDate};

use super::scoring::dimension_scores;
use super::scoring::rounded;
use super::{plural, Program, Session};

pub const WINDOW_DAYS: i64 = 30;
pub const MIN_SCORED_CALLS: usize = 3;
pub const TARGET_CHANGE: f64 = 0.5;

/// Room for the rounding of averages, so that a change of exactly the
/// target on paper is not refused for its last bit.
const TARGET_TOLERANCE: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    /// Enough scores: the average on the dimension.
    Measured {
        from: NaiveDate,
        to: NaiveDate,
        average: f64,
        scored_calls: usize,
    },
    /// The window ends after the as-of date.
    NotEnded { from: NaiveDate, to: NaiveDate },
    /// Fewer than `MIN_SCORED_CALLS` scored calls in the window.
    TooFew {
        from: NaiveDate,
        to: NaiveDate,
        scored_calls: usize,
    },
}

impl Window {
    /// The first day of the window.
    pub fn from(&self) -> NaiveDate {
        match self {
            Window::Measured { from, .. }
            | Window::NotEnded { from, .. }
            | Window::TooFew { from, .. } => *from,
        }
    }

    /// The last day of the window.
    pub fn to(&self) -> NaiveDate {
        match self {
            Window::Measured { to, .. }
            | Window::NotEnded { to, .. }
            | Window::TooFew { to, .. } => *to,
        }
    }

    /// The average, when the window is measured.
    pub fn average(&self) -> Option<f64> {
        match self {
            Window::Measured { average, .. } => Some(*average),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SessionOutcome {
    pub before: Window,
    pub after: Window,
    /// After minus before, when both windows are measured.
    pub change: Option<f64>,
    /// Whether the change reached `TARGET_CHANGE`, when there is a change.
    pub reached_target: Option<bool>,
}

/// The session's before and after windows as of `as_of`, and the change
/// between them when both can be measured.
pub fn measure_session(program: &Program, session: &Session, as_of: NaiveDate) -> SessionOutcome {
    let (before_from, before_to) = before_window(session.date);
    let (after_from, after_to) = after_window(session.date);
    let measure = |from, to| {
        measure_window(
            program,
            &session.agent_id,
            &session.dimension,
            from,
            to,
            as_of,
        )
    };
    let before = measure(before_from, before_to);
    let after = measure(after_from, after_to);

    let change = match (before.average(), after.average()) {
        (Some(b), Some(a)) => Some(a - b),
        _ => None,
    };
    let reached_target = change.map(|c| c >= TARGET_CHANGE - TARGET_TOLERANCE);
    SessionOutcome {
        before,
        after,
        change,
        reached_target,
    }
}

/// The 30 days before a session on `date`, as first and last day.
pub fn before_window(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    (date - Days::new(WINDOW_DAYS as u64), date - Days::new(1))
}

/// The 30 days after a session on `date`, as first and last day.
pub fn after_window(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    (date + Days::new(1), date + Days::new(WINDOW_DAYS as u64))
}

/// One window of an agent's scores on a dimension, as of `as_of`.
pub fn measure_window(
    program: &Program,
    agent_id: &str,
    dimension: &str,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> Window {
    // An unfinished window is reported as such even if it already holds
    // enough calls: its average would still move.
    if to > as_of {
        return Window::NotEnded { from, to };
    }

    let tally = dimension_scores(program, agent_id, dimension, from, to);
    match tally.average() {
        Some(average) if tally.scored_calls >= MIN_SCORED_CALLS => Window::Measured {
            from,
            to,
            average,
            scored_calls: tally.scored_calls,
        },
        _ => Window::TooFew {
            from,
            to,
            scored_calls: tally.scored_calls,
        },
    }
}

/// A short text for a window: its average, or why there is none yet.
pub fn describe(window: &Window) -> String {
    match window {
        Window::Measured {
            average,
            scored_calls,
            ..
        } => {
            // Two decimals, like the change, so before, after and change
            // add up on screen.
            format!(
                "{} over {}",
                rounded(*average, 2),
                plural(*scored_calls, "call", "calls")
            )
        }
        Window::NotEnded { to, .. } => format!("not enough data yet: window ends {to}"),
        Window::TooFew { scored_calls, .. } => format!(
            "not enough data yet: {}, {MIN_SCORED_CALLS} needed",
            plural(*scored_calls, "scored call", "scored calls")
        ),
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::domain::scoring::tests::{call, day, evaluation};
    use crate::domain::Role;

    const SESSION_DAY: &str = "2026-06-15";

    fn session() -> Session {
        Session {
            id: "s".into(),
            coach_id: "coach".into(),
            agent_id: "a".into(),
            dimension: "Empathy".into(),
            date: day(SESSION_DAY),
            examples: Vec::new(),
            completed: true,
        }
    }

    /// Adds one QA-scored Empathy call for agent "a", `offset` days from the
    /// session (negative is before).
    fn add(p: &mut Program, offset: i64, score: u8) {
        add_for(p, "a", offset, Role::Qa, score);
    }

    fn add_for(p: &mut Program, agent: &str, offset: i64, role: Role, score: u8) {
        let id = format!("c{}", p.calls.len());
        let on = day(SESSION_DAY) + chrono::Duration::days(offset);
        p.calls.push(call(&id, agent, on));
        p.evaluations
            .push(evaluation(&id, role, &[("empathy", Some(score))]));
    }

    fn long_after() -> NaiveDate {
        day("2027-01-01")
    }

    fn measured(average: f64, scored_calls: usize, from: &str, to: &str) -> Window {
        Window::Measured {
            from: day(from),
            to: day(to),
            average,
            scored_calls,
        }
    }

    #[test]
    fn the_change_is_after_minus_before_and_reaches_the_target_at_half_a_point() {
        let mut p = Program::empty("t");
        [-30, -1, -10].into_iter().for_each(|d| add(&mut p, d, 3));
        [1, 30, 12]
            .into_iter()
            .zip([3, 4, 4])
            .for_each(|(d, s)| add(&mut p, d, s));
        // Outside both windows, and on the session day itself.
        [-31, 0, 31].into_iter().for_each(|d| add(&mut p, d, 1));

        let outcome = measure_session(&p, &session(), long_after());
        assert_eq!(outcome.before, measured(3.0, 3, "2026-05-16", "2026-06-14"));
        assert_eq!(
            outcome.after,
            measured(11.0 / 3.0, 3, "2026-06-16", "2026-07-15")
        );
        let change = outcome.change.expect("both windows are measured");
        assert!((change - 2.0 / 3.0).abs() < 1e-12, "change {change}");
        assert_eq!(outcome.reached_target, Some(true));
    }

    #[test]
    fn a_change_below_the_target_is_reported_as_not_reached() {
        let mut p = Program::empty("t");
        [-3, -2, -1].into_iter().for_each(|d| add(&mut p, d, 3));
        [1, 2, 3]
            .into_iter()
            .zip([3, 3, 4])
            .for_each(|(d, s)| add(&mut p, d, s));
        let outcome = measure_session(&p, &session(), long_after());
        assert_eq!(outcome.reached_target, Some(false));
    }

    #[test]
    fn a_change_of_exactly_half_a_point_reaches_the_target() {
        let mut p = Program::empty("t");
        [-4, -3, -2, -1].into_iter().for_each(|d| add(&mut p, d, 3));
        [1, 2, 3, 4]
            .into_iter()
            .zip([3, 4, 3, 4])
            .for_each(|(d, s)| add(&mut p, d, s));
        let outcome = measure_session(&p, &session(), long_after());
        assert_eq!(outcome.change, Some(0.5));
        assert_eq!(outcome.reached_target, Some(true));
    }

    #[test]
    fn a_window_that_has_not_ended_is_not_measured_even_with_enough_calls() {
        let mut p = Program::empty("t");
        [-3, -2, -1, 1, 2, 3]
            .into_iter()
            .for_each(|d| add(&mut p, d, 4));
        let as_of = day("2026-07-14");
        let outcome = measure_session(&p, &session(), as_of);
        assert_eq!(
            outcome.after,
            Window::NotEnded {
                from: day("2026-06-16"),
                to: day("2026-07-15")
            }
        );
        assert_eq!(outcome.before.average(), Some(4.0));
        assert_eq!((outcome.change, outcome.reached_target), (None, None));

        let on_last_day = measure_session(&p, &session(), day("2026-07-15"));
        assert_eq!(on_last_day.after.average(), Some(4.0));
    }

    #[test]
    fn a_window_with_two_scored_calls_has_too_few() {
        let mut p = Program::empty("t");
        [-2, -1, 1, 2, 3]
            .into_iter()
            .for_each(|d| add(&mut p, d, 4));
        let outcome = measure_session(&p, &session(), long_after());
        assert_eq!(
            outcome.before,
            Window::TooFew {
                from: day("2026-05-16"),
                to: day("2026-06-14"),
                scored_calls: 2
            }
        );
        assert_eq!(outcome.change, None);
        assert_eq!(outcome.reached_target, None);
    }

    #[test]
    fn other_agents_and_self_scores_are_not_measured() {
        let mut p = Program::empty("t");
        [-3, -2, -1]
            .into_iter()
            .for_each(|d| add_for(&mut p, "b", d, Role::Qa, 5));
        [-3, -2, -1]
            .into_iter()
            .for_each(|d| add_for(&mut p, "a", d, Role::SelfReview, 5));
        let outcome = measure_session(&p, &session(), long_after());
        assert_eq!(outcome.before.to(), day("2026-06-14"));
        assert!(matches!(
            outcome.before,
            Window::TooFew {
                scored_calls: 0,
                ..
            }
        ));
    }

    #[test]
    fn windows_are_described_in_a_few_words() {
        let d = day("2026-12-20");
        assert_eq!(
            describe(&measured(3.4, 6, "2026-11-21", "2026-12-20")),
            "3.40 over 6 calls"
        );
        assert_eq!(
            describe(&Window::NotEnded { from: d, to: d }),
            "not enough data yet: window ends 2026-12-20"
        );
        assert_eq!(
            describe(&Window::TooFew {
                from: d,
                to: d,
                scored_calls: 2
            }),
            "not enough data yet: 2 scored calls, 3 needed"
        );
        assert_eq!(
            describe(&Window::TooFew {
                from: d,
                to: d,
                scored_calls: 1
            }),
            "not enough data yet: 1 scored call, 3 needed"
        );
    }

    proptest! {
        #[test]
        fn the_change_is_the_difference_of_the_two_averages(
            before in prop::collection::vec(1u8..=5, 3..12),
            after in prop::collection::vec(1u8..=5, 3..12),
        ) {
            let mut p = Program::empty("t");
            for (i, s) in before.iter().enumerate() {
                add(&mut p, -1 - (i as i64), *s);
            }
            for (i, s) in after.iter().enumerate() {
                add(&mut p, 1 + (i as i64), *s);
            }
            let outcome = measure_session(&p, &session(), long_after());
            let mean = |v: &[u8]| v.iter().map(|&s| f64::from(s)).sum::<f64>() / v.len() as f64;
            let expected = mean(&after) - mean(&before);
            let change = outcome.change.expect("both windows hold three calls or more");
            prop_assert!((change - expected).abs() < 1e-9);
            prop_assert!((-4.0..=4.0).contains(&change));
            prop_assert_eq!(outcome.reached_target, Some(expected >= TARGET_CHANGE - 1e-9));
        }
    }
}
