//! Where the program lives between visits: IndexedDB for program data and
//! local storage for small preferences. This is the only module that
//! touches either, so pages never open a database themselves.
//!
//! Each record is kept as the JSON of the export file's record types, so
//! what is stored and what is exported cannot drift apart.

mod db;
pub mod prefs;

pub use db::{
    clear, delete_evaluation, delete_session, load, put_evaluation, put_meta, put_session,
    replace_all, save_calls,
};

use thiserror::Error;

#[derive(Debug, Clone, Error)]
pub enum StoreError {
    #[error(
        "this browser refused to open its local database ({0}); Peercoach works in memory only, so export before closing the tab"
    )]
    Unavailable(String),
    #[error("saving failed ({0}); the change is kept on this page only: export to keep it")]
    Write(String),
    #[error(
        "the saved program could not be read back ({0}); export what you see and re-import it"
    )]
    Read(String),
}
