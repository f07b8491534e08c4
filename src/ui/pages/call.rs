//! One call: its transcript beside the scoring form, and the scores it has.
//!
//! The scorer picks a criterion, then clicks transcript lines to attach
//! them as evidence to it, so every score can point at what was said.

use leptos::prelude::*;

use crate::domain::advice::{previous_scores, suggested_lines, Hint};
use crate::domain::scoring::overall_score;
use crate::domain::{format_offset, Call, CriterionScore, Evaluation, Moment, Role, Speaker};
use crate::store::prefs;
use crate::ui::components::score::{format_score, ScoreBadge};
use crate::ui::pages::calls::outcome_label;
use crate::ui::route::Route;
use crate::ui::state::{new_id, use_app};

/// A criterion's state in the form: not decided yet, a level, or N/A.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pick {
    Unset,
    Level(u8),
    NotApplicable,
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    criterion_id: String,
    pick: Pick,
    evidence: Vec<Moment>,
}

#[component]
pub fn CallPage(id: String) -> impl IntoView {
    let state = use_app();
    let call = state.program.with_untracked(|p| p.call(&id).cloned());
    match call {
        Some(call) => view! { <CallView call=call /> }.into_any(),
        None => view! {
            <section class="page">
                <h2>"Call not found"</h2>
                <p>"No call with id " <code>{id}</code> " is in this program. It may have been removed by an import that replaced the program."</p>
                <a class="button" href=Route::Calls.href()>"Back to calls"</a>
            </section>
        }
        .into_any(),
    }
}

fn fresh_drafts(state: &crate::ui::state::AppState) -> Vec<Draft> {
    state.program.with_untracked(|p| {
        p.rubric
            .criteria()
            .iter()
            .map(|c| Draft {
                criterion_id: c.id.clone(),
                pick: Pick::Unset,
                evidence: Vec::new(),
            })
            .collect()
    })
}

#[component]
fn CallView(call: Call) -> impl IntoView {
    let state = use_app();
    let call_id = call.id.clone();
    let agent_id = call.agent_id.clone();
    let (agent_name, team_name) = state.program.with_untracked(|p| {
        (
            p.agent_name(&call.agent_id).to_string(),
            p.team(&call.team_id)
                .map(|t| t.name.clone())
                .unwrap_or_default(),
        )
    });

    let role = RwSignal::new(Role::Qa);
    let evaluator = RwSignal::new(prefs::evaluator_name());
    let coach = RwSignal::new(String::new());
    let drafts = RwSignal::new(fresh_drafts(&state));
    let active = RwSignal::new(0usize);
    // The level under the pointer or keyboard focus, whose anchor is shown.
    let hovered = RwSignal::new(None::<(usize, u8)>);

    let agent_id_for_history = call.agent_id.clone();
    let call_id_for_history = call.id.clone();
    let criteria = state
        .program
        .with_untracked(|p| p.rubric.criteria().to_vec());
    let live_overall = {
        let call_id = call_id.clone();
        move || {
            let ev = build_evaluation(&drafts.get(), &call_id, Role::Qa, "", state.today);
            state.program.with(|p| overall_score(&p.rubric, &ev))
        }
    };

    let attach = move |moment: Moment| {
        drafts.update(|d| {
            if let Some(draft) = d.get_mut(active.get_untracked()) {
                match draft.evidence.iter().position(|m| m == &moment) {
                    Some(i) => {
                        draft.evidence.remove(i);
                    }
                    None => draft.evidence.push(moment),
                }
            }
        });
    };

    let save = {
        let call_id = call_id.clone();
        let agent_id = agent_id.clone();
        Callback::new(move |_: ()| {
            let r = role.get_untracked();
            let who = match r {
                Role::Qa => evaluator.get_untracked().trim().to_string(),
                Role::PeerCoach => coach.get_untracked(),
                Role::SelfReview => agent_id.clone(),
            };
            if who.is_empty() {
                state.error(match r {
                    Role::Qa => "Enter the QA evaluator's name before saving.",
                    _ => "Choose the peer coach who scored this call before saving.",
                });
                return;
            }
            let d = drafts.get_untracked();
            let missing: Vec<String> = state.program.with_untracked(|p| {
                d.iter()
                    .filter(|x| x.pick == Pick::Unset)
                    .filter_map(|x| p.rubric.criterion(&x.criterion_id).map(|c| c.name.clone()))
                    .collect()
            });
            if !missing.is_empty() {
                state.error(format!(
                    "Score every criterion, or mark it N/A, before saving. Still open: {}.",
                    missing.join(", ")
                ));
                return;
            }
            if r == Role::Qa {
                prefs::set_evaluator_name(&who);
            }
            let mut ev = build_evaluation(&d, &call_id, r, &who, state.today);
            ev.id = new_id("eval");
            let overall = state
                .program
                .with_untracked(|p| overall_score(&p.rubric, &ev));
            state.save_evaluation(ev);
            state.info(format!(
                "Score saved: overall {} on the 5-point scale.",
                overall
                    .map(|o| format!("{o:.1}"))
                    .unwrap_or_else(|| "none (every criterion N/A)".into())
            ));
            drafts.set(fresh_drafts(&state));
            active.set(0);
        })
    };
    let criteria_count = criteria.len();
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if typing_in_a_field(&ev) {
            return;
        }
        let i = active.get_untracked();
        let key = ev.key();
        match key.as_str() {
            "1" | "2" | "3" | "4" | "5" if !ev.ctrl_key() && !ev.meta_key() => {
                let level = key.parse().unwrap_or(1);
                drafts.update(|d| d[i].pick = Pick::Level(level));
                hovered.set(Some((i, level)));
            }
            "n" | "N" => drafts.update(|d| d[i].pick = Pick::NotApplicable),
            "ArrowDown" | "ArrowUp" => {
                ev.prevent_default();
                let next = if key == "ArrowDown" {
                    (i + 1).min(criteria_count - 1)
                } else {
                    i.saturating_sub(1)
                };
                active.set(next);
                hovered.set(None);
            }
            "Enter" if ev.ctrl_key() || ev.meta_key() => {
                ev.prevent_default();
                save.run(());
            }
            _ => {}
        }
    };
    // Shortcuts work wherever the focus is on this page, except in a field.
    let keys = window_event_listener(leptos::ev::keydown, on_key);
    on_cleanup(move || keys.remove());
    let suggestions = {
        let lines = call.lines.clone();
        Memo::new(move |_| {
            let i = active.get();
            state.program.with(|p| {
                p.rubric
                    .criteria()
                    .get(i)
                    .map(|c| suggested_lines(c, &lines))
                    .unwrap_or_default()
            })
        })
    };

    let other_agents = state.program.with_untracked(|p| {
        let mut a: Vec<_> = p
            .agents
            .iter()
            .filter(|a| a.id != call.agent_id)
            .map(|a| (a.id.clone(), a.name.clone()))
            .collect();
        a.sort_by(|x, y| x.1.cmp(&y.1));
        a
    });
    let lines = call.lines.clone();

    view! {
        <section class="page">
            <a class="back-link" href=Route::Calls.href()>"← All calls"</a>
            <h2>{agent_name.clone()} " · " {call.reason.clone()}</h2>
            <dl class="call-facts">
                <div><dt>"Started"</dt><dd>{call.started_at.format("%Y-%m-%d %H:%M (UTC%:z)").to_string()}</dd></div>
                <div><dt>"Team"</dt><dd>{team_name}</dd></div>
                <div><dt>"Outcome"</dt><dd>{outcome_label(call.resolved)}</dd></div>
                <div><dt>"Source"</dt><dd>{call.source.clone()}</dd></div>
            </dl>
            <p class="keys-hint">
                "Keyboard: " <kbd>"1"</kbd> "–" <kbd>"5"</kbd> " score · " <kbd>"N"</kbd> " N/A · "
                <kbd>"↑"</kbd> <kbd>"↓"</kbd> " criterion · " <kbd>"Enter"</kbd> " on a line attaches it · "
                <kbd>"Ctrl"</kbd> "+" <kbd>"Enter"</kbd> " save"
            </p>
            <div class="call-layout">
                <div class="transcript" aria-label="Transcript">
                    <h3>"Transcript"</h3>
                    <p class="muted">
                        "Click a line to attach it as evidence to "
                        <strong>{move || criteria_name(&state, drafts, active)}</strong>
                        ". Highlighted lines contain the criterion's phrases: accept one by attaching it, or ignore it."
                    </p>
                    <ol class="transcript__lines">
                        {lines
                            .into_iter()
                            .enumerate()
                            .map(|(index, line)| {
                                let hint = move || {
                                    suggestions.with(|s| s.iter().find(|(i, _)| *i == index).map(|(_, h)| h.clone()))
                                };
                                let moment = Moment { offset_secs: line.offset_secs, quote: line.text.clone() };
                                let m2 = moment.clone();
                                let attached = move || {
                                    drafts.with(|d| d.iter().any(|x| x.evidence.contains(&m2)))
                                };
                                let speaker_class = match line.speaker {
                                    Speaker::Agent => "transcript__line transcript__line--agent",
                                    Speaker::Customer => "transcript__line transcript__line--customer",
                                };
                                view! {
                                    <li>
                                        <button
                                            class=speaker_class
                                            class:transcript__line--attached=attached
                                            class:transcript__line--look-for=move || matches!(hint(), Some(Hint::LookFor(_)))
                                            class:transcript__line--avoid=move || matches!(hint(), Some(Hint::Avoid(_)))
                                            on:click=move |_| attach(moment.clone())
                                        >
                                            <span class="transcript__time">{format_offset(line.offset_secs)}</span>
                                            <span class="transcript__speaker">{line.speaker.label()}</span>
                                            <span class="transcript__text">{line.text}</span>
                                            {move || hint().map(|h| {
                                                let (class, text) = match h {
                                                    Hint::LookFor(p) => ("transcript__hint transcript__hint--look-for", format!("Suggested: “{p}”")),
                                                    Hint::Avoid(p) => ("transcript__hint transcript__hint--avoid", format!("Watch: “{p}”")),
                                                };
                                                view! { <span class=class>{text}</span> }
                                            })}
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </div>
                <div class="scoring" aria-label="Score this call">
                    <h3>"Score this call"</h3>
                    <div class="scoring__who">
                        <label>
                            "Scored as "
                            <select on:change=move |ev| {
                                role.set(match event_target_value(&ev).as_str() {
                                    "coach" => Role::PeerCoach,
                                    "self" => Role::SelfReview,
                                    _ => Role::Qa,
                                })
                            }>
                                <option value="qa">"QA"</option>
                                <option value="coach">"Peer coach"</option>
                                <option value="self">{format!("Self ({agent_name})")}</option>
                            </select>
                        </label>
                        {move || match role.get() {
                            Role::Qa => view! {
                                <label>
                                    "Evaluator "
                                    <input
                                        type="text"
                                        name="evaluator"
                                        placeholder="Your name"
                                        prop:value=move || evaluator.get()
                                        on:input=move |ev| evaluator.set(event_target_value(&ev))
                                    />
                                </label>
                            }
                            .into_any(),
                            Role::PeerCoach => {
                                let options = other_agents.clone();
                                view! {
                                    <label>
                                        "Coach "
                                        <select name="coach" on:change=move |ev| coach.set(event_target_value(&ev))>
                                            <option value="">"Choose the coach"</option>
                                            {options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                        </select>
                                    </label>
                                }
                                .into_any()
                            }
                            Role::SelfReview => view! { <span class="muted">"The agent scores their own call."</span> }.into_any(),
                        }}
                    </div>
                    <ol class="criteria">
                        {criteria
                            .into_iter()
                            .enumerate()
                            .map(|(i, c)| {
                                let anchors = c.anchors.clone();
                                let pick = move || drafts.with(|d| d[i].pick);
                                let previous = state.program.with_untracked(|p| {
                                    previous_scores(p, &agent_id_for_history, &c.id, &call_id_for_history, state.as_of_untracked())
                                });
                                let previous_text = match previous {
                                    Some(prev) => format!(
                                        "Before: {:.1} average over {} scored calls, last {}",
                                        prev.average, prev.count, prev.last
                                    ),
                                    None => "Before: no earlier scores".to_string(),
                                };
                                let set_pick = move |p: Pick| {
                                    drafts.update(|d| d[i].pick = p);
                                    active.set(i);
                                };
                                view! {
                                    <li
                                        class="criterion"
                                        class:criterion--active=move || active.get() == i
                                        on:click=move |_| active.set(i)
                                    >
                                        <div class="criterion__head">
                                            <span class="criterion__name">{c.name.clone()}</span>
                                            <span class="criterion__meta">{format!("{} · {}%", c.dimension, c.weight)}</span>
                                        </div>
                                        <div class="levels" role="group" aria-label=format!("Score for {}", c.name)>
                                            {(1u8..=5)
                                                .map(|level| {
                                                    view! {
                                                        <button
                                                            class="level"
                                                            class:level--on=move || pick() == Pick::Level(level)
                                                            title=anchors[usize::from(level - 1)].clone()
                                                            on:mouseenter=move |_| hovered.set(Some((i, level)))
                                                            on:mouseleave=move |_| hovered.set(None)
                                                            on:focus=move |_| hovered.set(Some((i, level)))
                                                            on:click=move |_| set_pick(Pick::Level(level))
                                                        >
                                                            {level}
                                                        </button>
                                                    }
                                                })
                                                .collect_view()}
                                            <button
                                                class="level level--na"
                                                class:level--on=move || pick() == Pick::NotApplicable
                                                on:click=move |_| set_pick(Pick::NotApplicable)
                                            >
                                                "N/A"
                                            </button>
                                        </div>
                                        <p class="criterion__anchor">
                                            {move || match (hovered.get(), pick()) {
                                                (Some((h, l)), _) if h == i => format!("{l}: {}", c.anchors[usize::from(l - 1)]),
                                                (_, Pick::Level(l)) => format!("{l}: {}", c.anchors[usize::from(l - 1)]),
                                                (_, Pick::NotApplicable) => "Not applicable on this call: left out of the overall score.".into(),
                                                (_, Pick::Unset) => c.description.clone(),
                                            }}
                                        </p>
                                        <p class="criterion__previous">
                                            {move || if role.get() == Role::SelfReview {
                                                "Earlier scores are hidden while the agent scores blind.".to_string()
                                            } else {
                                                previous_text.clone()
                                            }}
                                        </p>
                                        <ul class="criterion__evidence">
                                            {move || {
                                                drafts
                                                    .with(|d| d[i].evidence.clone())
                                                    .into_iter()
                                                    .map(|m| view! { <li>{format!("{} “{}”", format_offset(m.offset_secs), m.quote)}</li> })
                                                    .collect_view()
                                            }}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <div class="scoring__footer">
                        <span>"Overall " <ScoreBadgeLive score=Signal::derive(live_overall) /></span>
                        <button class="button" on:click=move |_| save.run(())>"Save score"</button>
                    </div>
                </div>
            </div>
            <ExistingScores call_id=call_id />
        </section>
    }
}

fn criteria_name(
    state: &crate::ui::state::AppState,
    drafts: RwSignal<Vec<Draft>>,
    active: RwSignal<usize>,
) -> String {
    let id = drafts.with(|d| d.get(active.get()).map(|x| x.criterion_id.clone()));
    state.program.with(|p| {
        id.and_then(|id| p.rubric.criterion(&id).map(|c| c.name.clone()))
            .unwrap_or_default()
    })
}

#[component]
fn ScoreBadgeLive(score: Signal<Option<f64>>) -> impl IntoView {
    move || view! { <ScoreBadge score=score.get() /> }
}

fn build_evaluation(
    drafts: &[Draft],
    call_id: &str,
    role: Role,
    evaluator: &str,
    today: chrono::NaiveDate,
) -> Evaluation {
    Evaluation {
        id: String::new(),
        call_id: call_id.to_string(),
        role,
        evaluator: evaluator.to_string(),
        scored_on: today,
        scores: drafts
            .iter()
            .filter(|d| d.pick != Pick::Unset)
            .map(|d| CriterionScore {
                criterion_id: d.criterion_id.clone(),
                score: match d.pick {
                    Pick::Level(l) => Some(l),
                    _ => None,
                },
                evidence: d.evidence.clone(),
            })
            .collect(),
    }
}

/// The scores this call already has, newest first.
#[component]
fn ExistingScores(call_id: String) -> impl IntoView {
    let state = use_app();
    let evaluations = Memo::new(move |_| {
        state.program.with(|p| {
            let mut e: Vec<Evaluation> = p.evaluations_of_call(&call_id).cloned().collect();
            e.sort_by(|a, b| b.scored_on.cmp(&a.scored_on));
            e
        })
    });
    view! {
        <h3>"Scores on this call"</h3>
        <Show
            when=move || evaluations.with(|e| !e.is_empty())
            fallback=|| view! { <p class="muted">"Not scored yet."</p> }
        >
            <table class="table table--scores">
                <thead>
                    <tr>
                        <th>"Scored on"</th>
                        <th>"By"</th>
                        {move || state.program.with(|p| p.rubric.criteria().iter().map(|c| view! { <th class="num" title=c.name.clone()>{c.dimension.clone()}</th> }).collect_view())}
                        <th class="num">"Overall"</th>
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        state.program.with(|p| {
                            evaluations
                                .get()
                                .into_iter()
                                .map(|e| {
                                    let who = match e.role {
                                        Role::Qa => format!("QA · {}", e.evaluator),
                                        r => format!("{} · {}", r.label(), p.agent_name(&e.evaluator)),
                                    };
                                    let cells = p
                                        .rubric
                                        .criteria()
                                        .iter()
                                        .map(|c| {
                                            let s = e.score_for(&c.id);
                                            let text = match s.map(|s| s.score) {
                                                Some(Some(v)) => v.to_string(),
                                                Some(None) => "N/A".into(),
                                                None => "–".into(),
                                            };
                                            let evidence = s
                                                .map(|s| s.evidence.iter().map(|m| format!("{} “{}”", format_offset(m.offset_secs), m.quote)).collect::<Vec<_>>().join("\n"))
                                                .unwrap_or_default();
                                            view! { <td class="num" title=evidence>{text}</td> }
                                        })
                                        .collect_view();
                                    let evidence: Vec<String> = p
                                        .rubric
                                        .criteria()
                                        .iter()
                                        .filter_map(|c| e.score_for(&c.id).map(|s| (c, s)))
                                        .flat_map(|(c, s)| {
                                            s.evidence.iter().map(move |m| {
                                                format!("{}: {} “{}”", c.name, format_offset(m.offset_secs), m.quote)
                                            })
                                        })
                                        .collect();
                                    let columns = p.rubric.criteria().len() + 3;
                                    view! {
                                        <tr>
                                            <td class="nowrap">{e.scored_on.to_string()}</td>
                                            <td>{who}</td>
                                            {cells}
                                            <td class="num">{format_score(overall_score(&p.rubric, &e))}</td>
                                        </tr>
                                        <Show when={let none = evidence.is_empty(); move || !none}>
                                            <tr class="evidence-row">
                                                <td colspan=columns.to_string()>
                                                    <ul class="evidence-list">
                                                        {evidence.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}
                                                    </ul>
                                                </td>
                                            </tr>
                                        </Show>
                                    }
                                })
                                .collect_view()
                        })
                    }}
                </tbody>
            </table>
        </Show>
    }
}

/// Whether a key press belongs to a text field rather than to the scoring
/// shortcuts: digits typed into the evaluator's name must stay there.
fn typing_in_a_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .map(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"))
        .unwrap_or(false)
}
