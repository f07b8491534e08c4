//! Before/after measurement of a coaching session.
use chrono::NaiveDate;

use super::{Program, Session};

pub const WINDOW_DAYS: i64 = 30;
pub const MIN_SCORED_CALLS: usize = 3;
pub const TARGET_CHANGE: f64 = 0.5;

#[derive(Debug, Clone, PartialEq)]
pub enum Window {
    /// Enough scores: the average on the dimension.
    Measured { from: NaiveDate, to: NaiveDate, average: f64, scored_calls: usize },
    /// The window ends after the as-of date.
    NotEnded { from: NaiveDate, to: NaiveDate },
    /// Fewer than `MIN_SCORED_CALLS` scored calls in the window.
    TooFew { from: NaiveDate, to: NaiveDate, scored_calls: usize },
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

pub fn measure_session(program: &Program, session: &Session, as_of: NaiveDate) -> SessionOutcome {
    let _ = (program, session, as_of);
    todo!("domain helper")
}
