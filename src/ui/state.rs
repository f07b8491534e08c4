//! The state every page shares, handed out through one context type.
//!
//! Pages read the program through `AppState::program` and change it only
//! through the methods here, which update the page at once and then save
//! in the background. A failed save becomes a notice; the change stays on
//! the page so the person can still export it.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::{Call, Evaluation, Program, Session};
use crate::store::{self, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

/// Whether the program is kept in the browser's database or only on this page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    Loading,
    Saved,
    MemoryOnly,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub program: RwSignal<Program>,
    /// The browser's calendar day when the page opened; the domain never
    /// reads a clock, it is handed this.
    pub today: NaiveDate,
    pub notice: RwSignal<Option<Notice>>,
    pub persistence: RwSignal<Persistence>,
}

impl AppState {
    pub fn new(today: NaiveDate) -> AppState {
        AppState {
            program: RwSignal::new(Program::empty("My peer-coaching program")),
            today,
            notice: RwSignal::new(None),
            persistence: RwSignal::new(Persistence::Loading),
        }
    }

    /// The date the program's figures are computed for (reactive).
    pub fn as_of(&self) -> NaiveDate {
        let today = self.today;
        self.program.with(|p| p.effective_as_of(today))
    }

    pub fn as_of_untracked(&self) -> NaiveDate {
        let today = self.today;
        self.program.with_untracked(|p| p.effective_as_of(today))
    }

    pub fn info(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        }));
    }

    pub fn error(&self, text: impl Into<String>) {
        self.notice.set(Some(Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }));
    }

    /// Runs a save in the background and reports a failure as a notice.
    fn persist(&self, save: impl std::future::Future<Output = Result<(), StoreError>> + 'static) {
        let state = *self;
        if state.persistence.get_untracked() == Persistence::MemoryOnly {
            return;
        }
        spawn_local(async move {
            if let Err(e) = save.await {
                state.error(e.to_string());
            }
        });
    }

    pub fn replace_program(&self, program: Program) {
        let save = store::replace_all(&program);
        self.program.set(program);
        self.persist(save);
    }

    pub fn update_meta(&self, change: impl FnOnce(&mut Program)) {
        self.program.update(change);
        self.persist(self.program.with_untracked(store::put_meta));
    }

    pub fn save_evaluation(&self, evaluation: Evaluation) {
        self.program.update(
            |p| match p.evaluations.iter_mut().find(|e| e.id == evaluation.id) {
                Some(existing) => *existing = evaluation.clone(),
                None => p.evaluations.push(evaluation.clone()),
            },
        );
        self.persist(store::put_evaluation(&evaluation));
    }

    pub fn save_session(&self, session: Session) {
        self.program.update(
            |p| match p.sessions.iter_mut().find(|s| s.id == session.id) {
                Some(existing) => *existing = session.clone(),
                None => p.sessions.push(session.clone()),
            },
        );
        self.persist(store::put_session(&session));
    }

    pub fn remove_evaluation(&self, id: String) {
        self.program
            .update(|p| p.evaluations.retain(|e| e.id != id));
        self.persist(async move { store::delete_evaluation(&id).await });
    }

    pub fn remove_session(&self, id: String) {
        self.program.update(|p| p.sessions.retain(|s| s.id != id));
        self.persist(async move { store::delete_session(&id).await });
    }

    /// Saves calls that were just added to the program, with the agents and
    /// teams they brought.
    pub fn saved_new_calls(&self, calls: Vec<Call>) {
        self.persist(
            self.program
                .with_untracked(|p| store::save_calls(p, &calls)),
        );
    }

    pub fn clear_program(&self) {
        self.program.set(Program::empty("My peer-coaching program"));
        self.persist(async move { store::clear().await });
    }
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// Today's date in the browser's time zone.
pub fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 1, 1).expect("a valid date"))
}

/// A fresh record id. Random enough that programs merged from two browsers
/// do not collide.
pub fn new_id(prefix: &str) -> String {
    let now = js_sys::Date::now() as u64;
    let rand = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
    format!("{prefix}-{now:x}-{rand:08x}")
}

/// "2.5 years" from a hire date; tenure is shown, never used.
pub fn tenure(hired_on: Option<NaiveDate>, as_of: NaiveDate) -> String {
    match hired_on {
        Some(d) if d <= as_of => {
            let months = (as_of.year() - d.year()) * 12 + as_of.month() as i32 - d.month() as i32;
            if months < 12 {
                format!("{} months", months.max(0))
            } else {
                format!("{:.1} years", f64::from(months) / 12.0)
            }
        }
        _ => "not recorded".to_string(),
    }
}
