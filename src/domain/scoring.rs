//! Scores computed from evaluations: the weighted overall score of one
//! evaluation, and an agent's tally on one dimension over a span of days.
//!
//! Coach selection and session measurement both read performance through
//! `dimension_scores`, so they agree on what counts: scores from roles that
//! count for performance, on calls the agent took within the days asked
//! for. This module does not decide windows or thresholds; its callers do.

use std::collections::HashSet;

use chrono::NaiveDate;

use super::rubric::{MAX_LEVEL, MIN_LEVEL};
use super::{Evaluation, Program, Rubric};

/// The evaluation's overall score on the 1-5 scale: the weighted mean over
/// the criteria that were scored. N/A leaves numerator and denominator;
/// `None` when nothing was scored.
pub fn overall_score(rubric: &Rubric, evaluation: &Evaluation) -> Option<f64> {
    let mut weighted = 0u64;
    let mut weights = 0u64;
    // Walking the rubric rather than the evaluation ignores scores for
    // criteria the rubric no longer has, and reads a criterion once even if
    // an imported evaluation repeats it.
    for criterion in rubric.criteria().iter().filter(|c| c.scale.is_weighted()) {
        if let Some(score) = scored_level(evaluation, &criterion.id) {
            weighted += u64::from(score) * u64::from(criterion.weight);
            weights += u64::from(criterion.weight);
        }
    }

    if weights == 0 {
        None
    } else {
        Some(weighted as f64 / weights as f64)
    }
}

/// A score written with `places` decimals, halves rounded up as people
/// round by hand (4.25 reads 4.3). Rust's own formatting rounds halves to
/// even, so a hand check of 4.25 would disagree with the screen.
pub fn rounded(value: f64, places: u32) -> String {
    let scale = 10f64.powi(places as i32);
    // The nudge absorbs binary error in values like 4.55 (stored as 4.5499…).
    let r = ((value * scale) + 1e-7).round() / scale;
    format!("{r:.*}", places as usize)
}

/// The overall score, and the critical criteria that failed the call.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub overall: Option<f64>,
    /// Names of the critical criteria scored at or below their level: any
    /// one fails the call, whatever the overall score.
    pub failed_on: Vec<String>,
}

impl Verdict {
    pub fn failed(&self) -> bool {
        !self.failed_on.is_empty()
    }
}

pub fn verdict(rubric: &Rubric, evaluation: &Evaluation) -> Verdict {
    let failed_on = rubric
        .criteria()
        .iter()
        .filter(|c| scored_level(evaluation, &c.id).is_some_and(|l| Rubric::fails_call(c, l)))
        .map(|c| c.name.clone())
        .collect();
    Verdict {
        overall: overall_score(rubric, evaluation),
        failed_on,
    }
}

/// The evaluation's score for one criterion, when it has one on the scale.
///
/// A score outside 1-5 cannot come through the import checks; should one
/// slip in anyway it is read as not scored, so that no average ever leaves
/// the scale.
pub fn scored_level(evaluation: &Evaluation, criterion_id: &str) -> Option<u8> {
    evaluation
        .score_for(criterion_id)
        .and_then(|s| s.score)
        .filter(|level| (MIN_LEVEL..=MAX_LEVEL).contains(level))
}

/// An agent's individual criterion scores on one dimension over some days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DimensionTally {
    /// Sum of the individual criterion scores.
    pub sum: u32,
    /// How many criterion scores were added up.
    pub scores: usize,
    /// How many distinct calls had at least one such score.
    pub scored_calls: usize,
}

impl DimensionTally {
    /// The plain (unweighted) mean of the criterion scores, if any.
    pub fn average(&self) -> Option<f64> {
        if self.scores == 0 {
            None
        } else {
            Some(f64::from(self.sum) / self.scores as f64)
        }
    }

    /// Compares two averages exactly, by cross-multiplying, so that equal
    /// averages reached through different counts (20/5 and 40/10) tie
    /// instead of differing in the last bit. A tally without scores sorts
    /// below every tally with some.
    pub fn cmp_average(&self, other: &DimensionTally) -> std::cmp::Ordering {
        match (self.scores, other.scores) {
            (0, 0) => std::cmp::Ordering::Equal,
            (0, _) => std::cmp::Ordering::Less,
            (_, 0) => std::cmp::Ordering::Greater,
            _ => {
                let left = u64::from(self.sum) * other.scores as u64;
                let right = u64::from(other.sum) * self.scores as u64;
                left.cmp(&right)
            }
        }
    }
}

/// The agent's scores on `dimension` for calls they took between `from`
/// and `to` inclusive, from evaluations whose role counts for performance.
pub fn dimension_scores(
    program: &Program,
    agent_id: &str,
    dimension: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> DimensionTally {
    let calls: HashSet<&str> = program
        .calls
        .iter()
        .filter(|c| c.agent_id == agent_id && (from..=to).contains(&c.day()))
        .map(|c| c.id.as_str())
        .collect();
    let mut tally = DimensionTally::default();
    let mut scored_calls: HashSet<&str> = HashSet::new();
    let evaluations = program
        .evaluations
        .iter()
        .filter(|e| e.role.counts_for_performance() && calls.contains(e.call_id.as_str()));
    for evaluation in evaluations {
        // Each score is read under the rubric version it was given with, so
        // a criterion renamed or reweighted in a later version still counts
        // for its dimension. Pass/fail items are gates, not skill levels,
        // and stay out of dimension averages.
        let criteria = program
            .rubric_of(evaluation)
            .criteria_in(dimension)
            .filter(|c| c.scale.is_weighted());
        for criterion in criteria {
            if let Some(level) = scored_level(evaluation, &criterion.id) {
                tally.sum += u32::from(level);
                tally.scores += 1;
                scored_calls.insert(evaluation.call_id.as_str());
            }
        }
    }
    tally.scored_calls = scored_calls.len();
    tally
}

#[cfg(test)]
pub(crate) mod tests {
    use chrono::{FixedOffset, TimeZone};
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{Call, CriterionScore, Role};

    pub(crate) fn day(s: &str) -> NaiveDate {
        s.parse().expect("test dates are valid")
    }

    pub(crate) fn evaluation(
        call_id: &str,
        role: Role,
        scores: &[(&str, Option<u8>)],
    ) -> Evaluation {
        Evaluation {
            id: format!("e-{call_id}-{}", scores.len()),
            call_id: call_id.into(),
            role,
            evaluator: "QA".into(),
            scored_on: day("2026-01-01"),
            rubric_id: crate::domain::rubric::DEFAULT_RUBRIC_ID.into(),
            rubric_version: 1,
            scores: scores
                .iter()
                .map(|(id, score)| CriterionScore {
                    criterion_id: (*id).into(),
                    score: *score,
                    evidence: Vec::new(),
                })
                .collect(),
        }
    }

    pub(crate) fn call(id: &str, agent_id: &str, on: NaiveDate) -> Call {
        let noon = on.and_hms_opt(12, 0, 0).expect("noon exists");
        Call {
            id: id.into(),
            agent_id: agent_id.into(),
            team_id: "t".into(),
            started_at: FixedOffset::east_opt(0)
                .unwrap()
                .from_local_datetime(&noon)
                .unwrap(),
            resolved: None,
            reason: "Test".into(),
            source: "test".into(),
            lines: Vec::new(),
        }
    }

    fn overall(scores: &[(&str, Option<u8>)]) -> Option<f64> {
        overall_score(
            &Rubric::default_rubric(),
            &evaluation("c", Role::Qa, scores),
        )
    }

    fn all_ids() -> Vec<&'static str> {
        vec!["opening", "empathy", "discovery", "resolution", "clarity"]
    }

    #[test]
    fn the_overall_score_weights_each_criterion_by_its_share() {
        // Weights are 15, 25, 20, 25, 15.
        let score = overall(&[
            ("opening", Some(5)),
            ("empathy", Some(1)),
            ("discovery", Some(3)),
            ("resolution", Some(4)),
            ("clarity", Some(2)),
        ]);
        let expected = (75 + 25 + 60 + 100 + 30) as f64 / 100.0;
        assert_eq!(score, Some(expected));
    }

    #[test]
    fn not_applicable_criteria_leave_the_weighted_mean() {
        let score = overall(&[
            ("opening", None),
            ("empathy", Some(4)),
            ("clarity", Some(2)),
        ]);
        assert_eq!(score, Some((100 + 30) as f64 / 40.0));
    }

    #[test]
    fn an_evaluation_with_nothing_scored_has_no_overall_score() {
        assert_eq!(overall(&[]), None);
        assert_eq!(overall(&[("opening", None), ("empathy", None)]), None);
    }

    #[test]
    fn scores_for_criteria_outside_the_rubric_are_ignored() {
        assert_eq!(
            overall(&[("empathy", Some(4)), ("retired", Some(1))]),
            Some(4.0)
        );
        assert_eq!(overall(&[("retired", Some(1))]), None);
    }

    #[test]
    fn a_score_off_the_scale_counts_as_not_scored() {
        assert_eq!(
            overall(&[("empathy", Some(4)), ("clarity", Some(0))]),
            Some(4.0)
        );
        assert_eq!(overall(&[("empathy", Some(9))]), None);
    }

    fn tally_program() -> Program {
        let mut p = Program::empty("t");
        p.calls = vec![
            call("c1", "a", day("2026-03-01")),
            call("c2", "a", day("2026-03-02")),
            call("c3", "a", day("2026-03-03")),
            call("c4", "b", day("2026-03-02")),
        ];
        p.evaluations = vec![
            evaluation(
                "c1",
                Role::Qa,
                &[("empathy", Some(4)), ("clarity", Some(1))],
            ),
            evaluation("c1", Role::PeerCoach, &[("empathy", Some(2))]),
            evaluation("c2", Role::SelfReview, &[("empathy", Some(5))]),
            evaluation("c3", Role::Qa, &[("empathy", None)]),
            evaluation("c4", Role::Qa, &[("empathy", Some(5))]),
        ];
        p
    }

    #[test]
    fn a_dimension_tally_counts_each_score_but_each_call_once() {
        let t = dimension_scores(
            &tally_program(),
            "a",
            "Empathy",
            day("2026-03-01"),
            day("2026-03-31"),
        );
        assert_eq!(
            t,
            DimensionTally {
                sum: 6,
                scores: 2,
                scored_calls: 1
            }
        );
        assert_eq!(t.average(), Some(3.0));
    }

    #[test]
    fn self_scores_and_not_applicable_do_not_enter_a_dimension_tally() {
        let t = dimension_scores(
            &tally_program(),
            "a",
            "Empathy",
            day("2026-03-02"),
            day("2026-03-03"),
        );
        assert_eq!(t, DimensionTally::default());
        assert_eq!(t.average(), None);
    }

    #[test]
    fn a_dimension_tally_includes_both_ends_of_its_days_and_nothing_beyond() {
        let p = tally_program();
        let on_first = dimension_scores(&p, "a", "Empathy", day("2026-03-01"), day("2026-03-01"));
        assert_eq!(on_first.scored_calls, 1);
        let after = dimension_scores(&p, "a", "Empathy", day("2026-03-02"), day("2026-04-01"));
        assert_eq!(after.scored_calls, 0);
        let before = dimension_scores(&p, "a", "Empathy", day("2026-02-01"), day("2026-02-28"));
        assert_eq!(before.scored_calls, 0);
    }

    #[test]
    fn equal_averages_over_different_counts_compare_equal() {
        let small = DimensionTally {
            sum: 23,
            scores: 5,
            scored_calls: 5,
        };
        let large = DimensionTally {
            sum: 46,
            scores: 10,
            scored_calls: 10,
        };
        assert_eq!(small.cmp_average(&large), std::cmp::Ordering::Equal);
        assert_eq!(
            DimensionTally::default().cmp_average(&small),
            std::cmp::Ordering::Less
        );
    }

    /// The default rubric with criterion 0 made critical at `level` and
    /// a pass/fail item added that fails the call on a "no".
    fn rubric_with_gates(level: u8) -> Rubric {
        use crate::domain::rubric::Scale;
        let mut criteria = Rubric::default_rubric().criteria().to_vec();
        criteria[0].critical_at = Some(level);
        let mut gate = criteria[4].clone();
        gate.id = "disclosure".into();
        gate.name = "Gives the disclosure".into();
        gate.scale = Scale::PassFail;
        gate.weight = 0;
        gate.critical_at = Some(1);
        criteria.push(gate);
        Rubric::new("gated", criteria).unwrap()
    }

    #[test]
    fn a_critical_criterion_at_or_below_its_level_fails_the_call_whatever_the_overall() {
        let rubric = rubric_with_gates(2);
        let ev = |opening: u8| {
            evaluation(
                "c",
                Role::Qa,
                &[("opening", Some(opening)), ("empathy", Some(5))],
            )
        };

        let failed = verdict(&rubric, &ev(2));
        let passed = verdict(&rubric, &ev(3));

        assert_eq!(failed.failed_on, ["Opening and identity check"]);
        assert_eq!(
            failed.overall,
            Some((2.0 * 15.0 + 5.0 * 25.0) / 40.0),
            "the overall stays as computed"
        );
        assert!(!passed.failed());
    }

    #[test]
    fn a_pass_fail_no_fails_the_call_and_never_moves_the_overall_score() {
        let rubric = rubric_with_gates(1);
        let with = |gate: Option<u8>| {
            let mut scores = vec![("empathy", Some(3)), ("clarity", Some(4))];
            scores.push(("disclosure", gate));
            evaluation("c", Role::Qa, &scores)
        };

        let no = verdict(&rubric, &with(Some(1)));
        let yes = verdict(&rubric, &with(Some(5)));

        assert_eq!(no.failed_on, ["Gives the disclosure"]);
        assert!(!yes.failed());
        assert_eq!(no.overall, yes.overall);
        assert_eq!(no.overall, verdict(&rubric, &with(None)).overall);
    }

    #[test]
    fn a_dimension_average_joins_scores_given_under_two_rubric_versions() {
        // Version 2 renames empathy's criterion and changes its weights; its
        // dimension is what keeps the scores comparable.
        let mut p = tally_program();
        let mut criteria = Rubric::default_rubric().criteria().to_vec();
        criteria[1].id = "acknowledges".into();
        criteria[1].weight = 30;
        criteria[4].weight = 10;
        p.rubrics.push(
            Rubric::new("v2", criteria)
                .unwrap()
                .with_identity("default", 2),
        );
        let mut newer = evaluation("c3", Role::Qa, &[("acknowledges", Some(3))]);
        newer.rubric_version = 2;
        p.evaluations.push(newer);

        let tally = dimension_scores(&p, "a", "Empathy", day("2026-03-01"), day("2026-03-31"));

        assert_eq!(
            (tally.sum, tally.scores, tally.scored_calls),
            (4 + 2 + 3, 3, 2)
        );
        assert_eq!(p.rubric().version(), 2, "new scores use the newest version");
    }

    fn scores_strategy() -> impl Strategy<Value = Vec<Option<u8>>> {
        prop::collection::vec(prop::option::of(1u8..=5), 5)
    }

    proptest! {
        #[test]
        fn an_overall_score_always_lies_on_the_scale(scores in scores_strategy()) {
            let pairs: Vec<_> = all_ids().into_iter().zip(scores).collect();
            if let Some(s) = overall(&pairs) {
                prop_assert!((1.0..=5.0).contains(&s), "score {s} is off the scale");
            }
        }

        #[test]
        fn marking_one_more_criterion_not_applicable_changes_nothing(
            scores in prop::collection::vec(1u8..=5, 4),
            na in 0usize..5,
        ) {
            let ids = all_ids();
            let others: Vec<&str> = ids.iter().copied().filter(|id| *id != ids[na]).collect();
            let mut pairs: Vec<(&str, Option<u8>)> =
                others.into_iter().zip(scores.into_iter().map(Some)).collect();
            let without = overall(&pairs);
            pairs.push((ids[na], None));
            prop_assert_eq!(overall(&pairs), without);
        }

        #[test]
        fn all_criteria_not_applicable_gives_no_score(n in 0usize..=5) {
            let pairs: Vec<_> = all_ids().into_iter().take(n).map(|id| (id, None)).collect();
            prop_assert_eq!(overall(&pairs), None);
        }

        #[test]
        fn the_same_score_everywhere_is_the_overall_score(
            k in 1u8..=5,
            na in prop::collection::vec(any::<bool>(), 5),
        ) {
            // At least one criterion keeps its score so that there is a mean.
            let pairs: Vec<_> = all_ids()
                .into_iter()
                .zip(na)
                .enumerate()
                .map(|(i, (id, na))| (id, if na && i > 0 { None } else { Some(k) }))
                .collect();
            prop_assert_eq!(overall(&pairs), Some(f64::from(k)));
        }

        #[test]
        fn a_pass_fail_item_never_changes_the_overall_score(
            scores in scores_strategy(),
            gate in prop::option::of(prop::sample::select(vec![1u8, 5])),
        ) {
            let rubric = rubric_with_gates(1);
            let mut pairs: Vec<_> = all_ids().into_iter().zip(scores).collect();
            let without = overall_score(&rubric, &evaluation("c", Role::Qa, &pairs));
            pairs.push(("disclosure", gate));
            let with = verdict(&rubric, &evaluation("c", Role::Qa, &pairs));
            prop_assert_eq!(with.overall, without);
            let gate_failed = with.failed_on.iter().any(|n| n == "Gives the disclosure");
            prop_assert_eq!(gate_failed, gate == Some(1));
        }

        #[test]
        fn splitting_scores_across_rubric_versions_leaves_the_dimension_tally_alone(
            levels in prop::collection::vec(1u8..=5, 1..8),
            in_v2 in prop::collection::vec(any::<bool>(), 8),
        ) {
            let mut p = Program::empty("t");
            let mut criteria = Rubric::default_rubric().criteria().to_vec();
            criteria[1].id = "acknowledges".into();
            p.rubrics.push(Rubric::new("v2", criteria).unwrap().with_identity("default", 2));
            let mut all_v1 = p.clone();
            for (i, level) in levels.iter().enumerate() {
                let id = format!("c{i}");
                p.calls.push(call(&id, "a", day("2026-03-01")));
                all_v1.calls.push(call(&id, "a", day("2026-03-01")));
                let mut e = evaluation(&id, Role::Qa, &[("empathy", Some(*level))]);
                all_v1.evaluations.push(e.clone());
                if in_v2[i] {
                    e = evaluation(&id, Role::Qa, &[("acknowledges", Some(*level))]);
                    e.rubric_version = 2;
                }
                p.evaluations.push(e);
            }
            let range = (day("2026-03-01"), day("2026-03-01"));
            prop_assert_eq!(
                dimension_scores(&p, "a", "Empathy", range.0, range.1),
                dimension_scores(&all_v1, "a", "Empathy", range.0, range.1)
            );
        }
    }

    #[test]
    fn halves_round_up_as_a_hand_check_would() {
        assert_eq!(rounded(4.25, 1), "4.3");
        assert_eq!(rounded(4.55, 1), "4.6");
        assert_eq!(rounded(1.95, 1), "2.0");
        assert_eq!(rounded(3.75, 1), "3.8");
        assert_eq!(rounded(4.448, 2), "4.45");
        assert_eq!(rounded(4.0, 1), "4.0");
    }
}
