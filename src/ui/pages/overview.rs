//! The first page a team lead sees: the program in numbers, how coaching
//! sessions are doing against the +0.5 target, and the teams side by side.

use leptos::prelude::*;

use crate::domain::measurement::measure_session;
use crate::domain::scoring::overall_score;
use crate::domain::Program;
use crate::ui::components::score::format_score;
use crate::ui::route::Route;
use crate::ui::state::use_app;

struct TeamRow {
    name: String,
    calls: usize,
    agents: usize,
    resolved_pct: Option<f64>,
    scored_calls: usize,
    average: Option<f64>,
}

fn team_rows(p: &Program) -> Vec<TeamRow> {
    let mut rows: Vec<TeamRow> = p
        .teams
        .iter()
        .map(|t| {
            let calls: Vec<_> = p.calls.iter().filter(|c| c.team_id == t.id).collect();
            let mut agents: Vec<&str> = calls.iter().map(|c| c.agent_id.as_str()).collect();
            agents.sort();
            agents.dedup();
            let outcomes: Vec<bool> = calls.iter().filter_map(|c| c.resolved).collect();
            let resolved_pct = (!outcomes.is_empty()).then(|| {
                100.0 * outcomes.iter().filter(|r| **r).count() as f64 / outcomes.len() as f64
            });
            let scores: Vec<f64> = calls
                .iter()
                .flat_map(|c| p.evaluations_of_call(&c.id))
                .filter(|e| e.role.counts_for_performance())
                .filter_map(|e| overall_score(&p.rubric(), e))
                .collect();
            let scored_calls = calls
                .iter()
                .filter(|c| {
                    p.evaluations_of_call(&c.id)
                        .any(|e| e.role.counts_for_performance())
                })
                .count();
            let average =
                (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64);
            TeamRow {
                name: t.name.clone(),
                calls: calls.len(),
                agents: agents.len(),
                resolved_pct,
                scored_calls,
                average,
            }
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

#[component]
pub fn OverviewPage() -> impl IntoView {
    let state = use_app();
    let program = state.program;

    let stats = Memo::new(move |_| {
        program.with(|p| {
            let outcomes: Vec<bool> = p.calls.iter().filter_map(|c| c.resolved).collect();
            let resolved = outcomes.iter().filter(|r| **r).count();
            // Scored by QA or a coach: the same scores the averages use.
            let scored = p
                .calls
                .iter()
                .filter(|c| {
                    p.evaluations_of_call(&c.id)
                        .any(|e| e.role.counts_for_performance())
                })
                .count();
            (
                p.calls.len(),
                p.agents.len(),
                p.teams.len(),
                resolved,
                outcomes.len(),
                scored,
            )
        })
    });
    let session_stats = Memo::new(move |_| {
        let as_of = state.as_of();
        program.with(|p| {
            // A session dated after the as-of day has not happened yet then.
            let completed = p
                .sessions
                .iter()
                .filter(|s| s.completed && s.date <= as_of)
                .count();
            let outcomes: Vec<_> = p
                .sessions
                .iter()
                .map(|s| measure_session(p, s, as_of))
                .collect();
            let measured = outcomes
                .iter()
                .filter(|o| o.reached_target.is_some())
                .count();
            let met = outcomes
                .iter()
                .filter(|o| o.reached_target == Some(true))
                .count();
            (p.sessions.len(), completed, measured, met)
        })
    });

    view! {
        <section class="page">
            <h2>"Overview"</h2>
            <Show when=move || stats.get().0 == 0>
                <div class="empty-state">
                    <p>"No calls yet. Import your call transcripts to begin: Peercoach reads call-analytics JSON exports, one file per call."</p>
                    <a class="button" href=Route::Data.href()>"Import calls"</a>
                </div>
            </Show>
            <div class="kpis">
                <Kpi label="Calls" value=Signal::derive(move || stats.get().0.to_string()) />
                <Kpi label="Agents" value=Signal::derive(move || stats.get().1.to_string()) />
                <Kpi label="Teams" value=Signal::derive(move || stats.get().2.to_string()) />
                <Kpi
                    label="First-call resolution"
                    value=Signal::derive(move || {
                        let (_, _, _, resolved, known, _) = stats.get();
                        if known == 0 { "–".into() } else { format!("{:.0}%", 100.0 * resolved as f64 / known as f64) }
                    })
                />
                <Kpi label="Scored calls (QA and coach)" value=Signal::derive(move || stats.get().5.to_string()) />
                <Kpi
                    label="Sessions completed"
                    value=Signal::derive(move || {
                        let (total, completed, _, _) = session_stats.get();
                        format!("{completed} of {total}")
                    })
                />
                <Kpi
                    label="Measured sessions reaching +0.5"
                    value=Signal::derive(move || {
                        let (_, _, measured, met) = session_stats.get();
                        if measured == 0 { "–".into() } else { format!("{met} of {measured}") }
                    })
                />
            </div>

            <h3>"Teams side by side"</h3>
            <p class="muted">"Average overall score uses QA and peer-coach scores; self-scores are left out. The team of a call is the team it was taken for, so an agent who works for two teams counts in both."</p>
            <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>"Team"</th>
                        <th class="num">"Calls"</th>
                        <th class="num">"Agents"</th>
                        <th class="num">"First-call resolution"</th>
                        <th class="num">"Scored calls"</th>
                        <th class="num">"Average score (1–5)"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        program
                            .with(team_rows)
                            .into_iter()
                            .map(|r| {
                                view! {
                                    <tr>
                                        <td>{r.name}</td>
                                        <td class="num">{r.calls}</td>
                                        <td class="num">{r.agents}</td>
                                        <td class="num">{r.resolved_pct.map(|v| format!("{v:.0}%")).unwrap_or_else(|| "–".into())}</td>
                                        <td class="num">{r.scored_calls}</td>
                                        <td class="num">{format_score(r.average)}</td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            </div>
            <div class="next-steps">
                <a class="button button--secondary" href=Route::Coaches.href()>"See the coaches per dimension"</a>
                <a class="button button--secondary" href=Route::Sessions.href()>"See session results"</a>
            </div>
        </section>
    }
}

#[component]
fn Kpi(label: &'static str, #[prop(into)] value: Signal<String>) -> impl IntoView {
    view! {
        <div class="kpi">
            <div class="kpi__value">{move || value.get()}</div>
            <div class="kpi__label">{label}</div>
        </div>
    }
}
