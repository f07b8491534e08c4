//! One module per page of the app.

pub mod call;
pub mod calls;
pub mod coaches;
pub mod data;
pub mod new_session;
pub mod overview;
pub mod rubric;
pub mod score_import;
pub mod sessions;
pub mod transcript_import;
