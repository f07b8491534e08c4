//! The top three peer coaches for each dimension, chosen from the last 90
//! days of scores. Tenure is shown beside each name and used for nothing.

use leptos::prelude::*;

use crate::domain::selection::{select_coaches, MIN_SCORED_CALLS, WINDOW_DAYS};
use crate::ui::route::Route;
use crate::ui::state::{tenure, use_app};

#[component]
pub fn CoachesPage() -> impl IntoView {
    let state = use_app();
    let choices = Memo::new(move |_| {
        let as_of = state.as_of();
        state.program.with(|p| select_coaches(p, as_of))
    });

    view! {
        <section class="page">
            <h2>"Coaches per dimension"</h2>
            <p class="muted">
                {format!(
                    "The three agents with the highest average on each dimension over the {WINDOW_DAYS} days ending on the as-of date, among agents with at least {MIN_SCORED_CALLS} scored calls. QA and peer-coach scores count; self-scores do not. Ties go to more scored calls, then by name. Tenure is shown for reference and never used."
                )}
            </p>
            {move || {
                let as_of = state.as_of();
                let latest_scored = state.program.with(|p| {
                    p.evaluations
                        .iter()
                        .filter(|e| e.role.counts_for_performance())
                        .filter_map(|e| p.call(&e.call_id).map(|c| c.day()))
                        .max()
                });
                let start = crate::domain::selection::window_start(as_of);
                match latest_scored {
                    Some(day) if day < start || day > as_of => Some(view! {
                        <p class="window-warning">
                            {format!(
                                "The latest scored call is from {day}, outside the {WINDOW_DAYS} days ending {as_of}. To choose coaches from those calls, set “Figures as of” on "
                            )}
                            <a href=Route::Data.href()>"Import & export"</a>
                            " to a day soon after it."
                        </p>
                    }),
                    _ => None,
                }
            }}
            <div class="dimension-grid">
                {move || {
                    choices
                        .get()
                        .into_iter()
                        .map(|d| {
                            let dimension = d.dimension.clone();
                            let window = format!("{} to {}", d.window_start, d.window_end);
                            let empty = d.coaches.is_empty();
                            view! {
                                <article class="dimension-card">
                                    <h3>{d.dimension.clone()}</h3>
                                    <p class="muted">{format!("{window} · {} eligible agents", d.eligible)}</p>
                                    <Show when=move || empty>
                                        <p class="dimension-card__empty">
                                            {format!("No agent has {MIN_SCORED_CALLS} scored calls on this dimension in the window yet. Score more calls to choose coaches.")}
                                        </p>
                                    </Show>
                                    <ol class="coach-list">
                                        {d
                                            .coaches
                                            .into_iter()
                                            .map(|c| {
                                                let (name, hired) = state.program.with(|p| {
                                                    let a = p.agent(&c.agent_id);
                                                    (
                                                        a.map(|a| a.name.clone()).unwrap_or(c.agent_id.clone()),
                                                        a.and_then(|a| a.hired_on),
                                                    )
                                                });
                                                view! {
                                                    <li class="coach">
                                                        <div class="coach__head">
                                                            <span class="coach__name">{name}</span>
                                                            <span class="coach__avg">{format!("{:.2}", c.average)}</span>
                                                        </div>
                                                        <p class="coach__why">{c.explanation}</p>
                                                        <a class="coach__record" href=Route::NewSession { coach: Some(c.agent_id.clone()), dimension: Some(dimension.clone()) }.href()>
                                                            "Record a session with this coach"
                                                        </a>
                                                        <p class="coach__tenure">{format!("Tenure: {} (not used)", tenure(hired, state.as_of()))}</p>
                                                    </li>
                                                }
                                            })
                                            .collect_view()}
                                    </ol>
                                </article>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <a class="button button--secondary" href=Route::NewSession { coach: None, dimension: None }.href()>"Record a coaching session"</a>
        </section>
    }
}
