//! Peercoach's logic: the rubric, scoring, coach selection, measurement of
//! sessions, merging programs and the demo generator.
//!
//! Pure Rust with no browser import and no clock read: every function that
//! depends on the date takes it as an argument, so `cargo test` covers it all.

pub mod advice;
pub mod demo;
pub mod measurement;
pub mod merge;
pub mod model;
pub mod rubric;
pub mod scoring;
pub mod selection;
pub mod templates;

pub use model::*;
pub use rubric::{Criterion, Rubric, RubricError};
