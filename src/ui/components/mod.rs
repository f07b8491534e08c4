//! Parts that several pages use.

pub mod files;
pub mod notice;
pub mod score;
