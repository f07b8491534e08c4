//! The list of calls, newest first, filtered by team, agent, outcome and
//! whether they were scored, a page at a time.

use leptos::prelude::*;

use crate::domain::scoring::overall_score;
use crate::domain::Program;
use crate::ui::components::score::ScoreBadge;
use crate::ui::route::Route;
use crate::ui::state::use_app;

const PAGE_SIZE: usize = 50;

#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    when: String,
    agent: String,
    team: String,
    reason: String,
    resolved: Option<bool>,
    lines: usize,
    evaluations: usize,
    score: Option<f64>,
}

/// What the list shows. It lives as long as the app, so coming back from a
/// call finds the list as it was left.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    team: String,
    agent: String,
    scored: String,
    text: String,
}

/// The calls list's filter and page, shared through context.
#[derive(Clone, Copy)]
pub struct CallsView {
    pub filter: RwSignal<Filter>,
    pub page: RwSignal<usize>,
}

impl CallsView {
    pub fn new() -> CallsView {
        CallsView {
            filter: RwSignal::new(Filter::default()),
            page: RwSignal::new(0),
        }
    }
}

fn rows(p: &Program, f: &Filter) -> Vec<Row> {
    let text = f.text.to_lowercase();
    let mut calls: Vec<_> = p
        .calls
        .iter()
        .filter(|c| f.team.is_empty() || c.team_id == f.team)
        .filter(|c| f.agent.is_empty() || c.agent_id == f.agent)
        .filter(|c| {
            text.is_empty()
                || c.reason.to_lowercase().contains(&text)
                || p.agent_name(&c.agent_id).to_lowercase().contains(&text)
                || c.lines
                    .iter()
                    .any(|l| l.text.to_lowercase().contains(&text))
        })
        .collect();
    calls.sort_by(|a, b| b.started_at.cmp(&a.started_at));
    calls
        .into_iter()
        .filter_map(|c| {
            let evals: Vec<_> = p.evaluations_of_call(&c.id).collect();
            match f.scored.as_str() {
                "scored" if evals.is_empty() => return None,
                "unscored" if !evals.is_empty() => return None,
                _ => {}
            }
            let scores: Vec<f64> = evals
                .iter()
                .filter(|e| e.role.counts_for_performance())
                .filter_map(|e| overall_score(&p.rubric(), e))
                .collect();
            Some(Row {
                id: c.id.clone(),
                when: c.started_at.format("%Y-%m-%d %H:%M").to_string(),
                agent: p.agent_name(&c.agent_id).to_string(),
                team: p
                    .team(&c.team_id)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                reason: c.reason.clone(),
                resolved: c.resolved,
                lines: c.lines.len(),
                evaluations: evals.len(),
                score: (!scores.is_empty())
                    .then(|| scores.iter().sum::<f64>() / scores.len() as f64),
            })
        })
        .collect()
}

#[component]
pub fn CallsPage() -> impl IntoView {
    let state = use_app();
    let CallsView { filter, page } = expect_context::<CallsView>();
    // A filter kept from before an import or a clear may name an agent or
    // team the program no longer has; it would hide every call.
    state.program.with_untracked(|p| {
        let stale = filter.with_untracked(|f| {
            (!f.agent.is_empty() && p.agent(&f.agent).is_none())
                || (!f.team.is_empty() && p.team(&f.team).is_none())
        });
        if stale {
            filter.set(Filter::default());
            page.set(0);
        }
    });
    let all_rows = Memo::new(move |_| state.program.with(|p| rows(p, &filter.get())));

    let set = move |change: fn(&mut Filter, String)| {
        move |ev| {
            let value = event_target_value(&ev);
            filter.update(|f| change(f, value));
            page.set(0);
        }
    };
    let teams = move || state.program.with(|p| p.teams_by_name());
    let agents = move || state.program.with(|p| p.agents_by_name());
    let pages = move || all_rows.with(|r| r.len().div_ceil(PAGE_SIZE).max(1));

    view! {
        <section class="page">
            <h2>"Calls"</h2>
            <p class="muted">"Open a call to read its transcript and score it against the rubric."</p>
            <div class="filters">
                <label>
                    "Team "
                    <select prop:value=move || filter.with(|f| f.team.clone()) on:change=set(|f, v| f.team = v)>
                        <option value="">"All teams"</option>
                        {move || teams().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Agent "
                    <select prop:value=move || filter.with(|f| f.agent.clone()) on:change=set(|f, v| f.agent = v)>
                        <option value="">"All agents"</option>
                        {move || agents().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Scored "
                    <select prop:value=move || filter.with(|f| f.scored.clone()) on:change=set(|f, v| f.scored = v)>
                        <option value="">"All calls"</option>
                        <option value="scored">"Scored"</option>
                        <option value="unscored">"Not scored yet"</option>
                    </select>
                </label>
                <label>
                    "Search "
                    <input type="search" placeholder="reason, agent or words said" prop:value=move || filter.with(|f| f.text.clone()) on:input=set(|f, v| f.text = v) />
                </label>
                <span class="filters__count">{move || format!("{} calls", all_rows.with(Vec::len))}</span>
            </div>
            <div class="table-wrap">
            <table class="table table--calls">
                <thead>
                    <tr>
                        <th>"Started"</th>
                        <th>"Agent"</th>
                        <th>"Team"</th>
                        <th>"Reason"</th>
                        <th>"Outcome"</th>
                        <th class="num">"Lines"</th>
                        <th class="num">"Scorings"</th>
                        <th class="num">"Score"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let start = page.get() * PAGE_SIZE;
                        all_rows
                            .get()
                            .into_iter()
                            .skip(start)
                            .take(PAGE_SIZE)
                            .map(|r| {
                                let href = Route::Call(r.id.clone()).href();
                                view! {
                                    <tr class="call-row" on:click={
                                        let route = Route::Call(r.id.clone());
                                        move |_| crate::ui::route::navigate(&route)
                                    }>
                                        <td><a href=href>{r.when}</a></td>
                                        <td>{r.agent}</td>
                                        <td>{r.team}</td>
                                        <td>{r.reason}</td>
                                        <td>{outcome_label(r.resolved)}</td>
                                        <td class="num">{r.lines}</td>
                                        <td class="num">{r.evaluations}</td>
                                        <td class="num"><ScoreBadge score=r.score /></td>
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
            </div>
            <div class="pager">
                <button class="button button--small" disabled=move || page.get() == 0 on:click=move |_| page.update(|p| *p -= 1)>
                    "← Newer"
                </button>
                <span>{move || format!("Page {} of {}", page.get() + 1, pages())}</span>
                <button class="button button--small" disabled=move || { page.get() + 1 >= pages() } on:click=move |_| page.update(|p| *p += 1)>
                    "Older →"
                </button>
            </div>
        </section>
    }
}

pub fn outcome_label(resolved: Option<bool>) -> &'static str {
    match resolved {
        Some(true) => "Resolved",
        Some(false) => "Unresolved",
        None => "Not recorded",
    }
}
