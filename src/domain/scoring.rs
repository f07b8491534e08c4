//! Weighted scores of one evaluation and dimension averages.
use super::{Evaluation, Rubric};

/// The evaluation's overall score on the 1-5 scale: the weighted mean over
/// the criteria that were scored. N/A leaves numerator and denominator;
/// `None` when nothing was scored.
pub fn overall_score(rubric: &Rubric, evaluation: &Evaluation) -> Option<f64> {
    let _ = (rubric, evaluation);
    todo!("domain helper")
}
