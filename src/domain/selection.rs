//! Coach selection per dimension.
use chrono::NaiveDate;

use super::Program;

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

pub fn select_coaches(program: &Program, as_of: NaiveDate) -> Vec<DimensionCoaches> {
    let _ = (program, as_of);
    todo!("domain helper")
}
