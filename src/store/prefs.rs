//! Small per-browser preferences in local storage. A failed write (quota,
//! private mode) is ignored on purpose: a preference is a convenience, and
//! losing one must never stop the page.

use gloo_storage::{LocalStorage, Storage};

const FIRST_VISIT_DONE: &str = "peercoach.first-visit-done";
const EVALUATOR_NAME: &str = "peercoach.evaluator-name";

/// Whether this browser has opened Peercoach before; on the first visit the
/// demo program is loaded, and never again after the person removes it.
pub fn first_visit_done() -> bool {
    LocalStorage::get::<bool>(FIRST_VISIT_DONE).unwrap_or(false)
}

pub fn mark_first_visit_done() {
    let _ = LocalStorage::set(FIRST_VISIT_DONE, true);
}

/// The name last used when scoring, offered again next time.
pub fn evaluator_name() -> String {
    LocalStorage::get::<String>(EVALUATOR_NAME).unwrap_or_default()
}

pub fn set_evaluator_name(name: &str) {
    let _ = LocalStorage::set(EVALUATOR_NAME, name);
}
