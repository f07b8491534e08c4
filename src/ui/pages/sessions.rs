//! Coaching sessions and what they changed: the coached agent's average on
//! the session's dimension in the 30 days before and after, against the
//! +0.5 target.

use leptos::prelude::*;

use crate::domain::measurement::{describe, measure_session, TARGET_CHANGE, WINDOW_DAYS};
use crate::domain::{format_offset, Session};
use crate::ui::components::score::ChangeBadge;
use crate::ui::route::Route;
use crate::ui::state::use_app;

#[component]
pub fn SessionsPage() -> impl IntoView {
    let state = use_app();
    let sessions = Memo::new(move |_| {
        state.program.with(|p| {
            let mut s = p.sessions.clone();
            s.sort_by(|a, b| b.date.cmp(&a.date));
            s
        })
    });
    let expanded = RwSignal::new(None::<String>);

    view! {
        <section class="page">
            <div class="page__head">
                <h2>"Coaching sessions"</h2>
                <a class="button" href=Route::NewSession { coach: None, dimension: None }.href()>"Record a session"</a>
            </div>
            <p class="muted">
                {format!(
                    "Each session is measured on the coached agent's average for its dimension: the {WINDOW_DAYS} days before the session against the {WINDOW_DAYS} days after. The target is +{TARGET_CHANGE:.1} on the 5-point scale. A window needs 3 scored calls and must have ended."
                )}
            </p>
            <Show
                when=move || sessions.with(|s| !s.is_empty())
                fallback=|| view! { <p class="empty-state">"No sessions recorded yet. Pick a coach on the Coaches page, then record the session here."</p> }
            >
                <div class="table-wrap">
                <table class="table table--sessions">
                    <thead>
                        <tr>
                            <th>"Date"</th>
                            <th>"Coach → agent"</th>
                            <th>"Dimension"</th>
                            <th>"Status"</th>
                            <th>"30 days before"</th>
                            <th>"30 days after"</th>
                            <th>"Change"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let as_of = state.as_of();
                            sessions
                                .get()
                                .into_iter()
                                .map(|s| {
                                    let outcome = state.program.with(|p| measure_session(p, &s, as_of));
                                    let (coach, agent) = state.program.with(|p| {
                                        (p.agent_name(&s.coach_id).to_string(), p.agent_name(&s.agent_id).to_string())
                                    });
                                    let id = s.id.clone();
                                    let id2 = s.id.clone();
                                    let is_open = move || expanded.get().as_deref() == Some(id.as_str());
                                    let session = s.clone();
                                    view! {
                                        <tr class="session-row">
                                            <td class="nowrap">{s.date.to_string()}</td>
                                            <td>{format!("{coach} → {agent}")}</td>
                                            <td>{s.dimension.clone()}</td>
                                            <td>{if s.completed { "Completed" } else { "Planned" }}</td>
                                            <td>{describe(&outcome.before)}</td>
                                            <td>{describe(&outcome.after)}</td>
                                            <td><ChangeBadge change=outcome.change reached=outcome.reached_target /></td>
                                            <td>
                                                <button class="link-button" title="Delete this session" on:click={
                                                    let id = s.id.clone();
                                                    move |_| {
                                                        if window().confirm_with_message("Delete this session and its examples?").unwrap_or(false) {
                                                            state.remove_session(id.clone());
                                                            state.info("Session deleted.");
                                                        }
                                                    }
                                                }>"delete"</button>
                                                " "
                                                <button class="button button--small button--secondary" on:click=move |_| {
                                                    expanded.update(|e| *e = if e.as_deref() == Some(id2.as_str()) { None } else { Some(id2.clone()) })
                                                }>
                                                    "Examples"
                                                </button>
                                            </td>
                                        </tr>
                                        <Show when=is_open.clone()>
                                            <tr class="session-examples">
                                                <td colspan="8"><Examples session=session.clone() /></td>
                                            </tr>
                                        </Show>
                                    }
                                })
                                .collect_view()
                        }}
                    </tbody>
                </table>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn Examples(session: Session) -> impl IntoView {
    let state = use_app();
    view! {
        <ol class="examples">
            {session
                .examples
                .into_iter()
                .map(|e| {
                    let call_label = state.program.with(|p| {
                        p.call(&e.call_id)
                            .map(|c| format!("{} · {}", c.started_at.format("%Y-%m-%d"), c.reason))
                            .unwrap_or_else(|| e.call_id.clone())
                    });
                    view! {
                        <li class="example">
                            <p class="example__call">
                                <a href=Route::Call(e.call_id.clone()).href()>{call_label}</a>
                                " at " {format_offset(e.moment.offset_secs)}
                            </p>
                            <blockquote>{e.moment.quote}</blockquote>
                            <dl>
                                <dt>"What happened"</dt><dd>{e.what_happened}</dd>
                                <dt>"Rubric standard"</dt><dd>{e.standard}</dd>
                                <dt>"What to say instead"</dt><dd>{e.say_instead}</dd>
                            </dl>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
