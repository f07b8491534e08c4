//! One call: its transcript beside the scoring form, and the scores it has.
//!
//! The scorer picks a criterion, then clicks transcript lines to attach
//! them as evidence to it, so every score can point at what was said.

use leptos::prelude::*;

use crate::domain::advice::{previous_scores, suggested_lines, Hint};
use crate::domain::scoring::verdict;
use crate::domain::{
    format_offset, Call, CriterionScore, Evaluation, Moment, Role, Rubric, Speaker,
};
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

fn fresh_drafts(rubric: &Rubric) -> Vec<Draft> {
    rubric
        .criteria()
        .iter()
        .map(|c| Draft {
            criterion_id: c.id.clone(),
            pick: Pick::Unset,
            evidence: Vec::new(),
        })
        .collect()
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

    // Coach and agent score with the rubric assigned to their pair, if any;
    // the rubric is fixed for the life of the page so a draft never mixes two.
    let rubric = state
        .program
        .with_untracked(|p| p.rubric_for(&call.agent_id, None).clone());
    let rubric_label = rubric.label();
    let rubric = StoredValue::new(rubric);
    let role = RwSignal::new(Role::Qa);
    let evaluator = RwSignal::new(prefs::evaluator_name());
    let coach = RwSignal::new(String::new());
    let drafts = RwSignal::new(rubric.with_value(fresh_drafts));
    let active = RwSignal::new(0usize);
    // The level under the pointer or keyboard focus, whose anchor is shown.
    let hovered = RwSignal::new(None::<(usize, u8)>);

    let agent_id_for_history = call.agent_id.clone();
    let call_id_for_history = call.id.clone();
    let criteria = rubric.with_value(|r| r.criteria().to_vec());
    let live_verdict = {
        let call_id = call_id.clone();
        move || {
            let ev = rubric.with_value(|r| {
                build_evaluation(&drafts.get(), &call_id, Role::Qa, "", state.today, r)
            });
            rubric.with_value(|r| verdict(r, &ev))
        }
    };

    let attach = move |moment: Moment| {
        drafts.update(|d| {
            if let Some(draft) = d.get_mut(active.get_untracked()) {
                let same =
                    |m: &Moment| m.offset_secs == moment.offset_secs && m.quote == moment.quote;
                match draft.evidence.iter().position(same) {
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
            let missing: Vec<String> = rubric.with_value(|r| {
                d.iter()
                    .filter(|x| x.pick == Pick::Unset)
                    .filter_map(|x| r.criterion(&x.criterion_id).map(|c| c.name.clone()))
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
            let mut ev =
                rubric.with_value(|rb| build_evaluation(&d, &call_id, r, &who, state.today, rb));
            // One scoring per person and role on a call: scoring again
            // replaces the earlier one rather than counting the call twice.
            let earlier = state.program.with_untracked(|p| {
                p.evaluations_of_call(&call_id)
                    .find(|e| e.role == r && e.evaluator == who)
                    .map(|e| e.id.clone())
            });
            let replaced = earlier.is_some();
            ev.id = earlier.unwrap_or_else(|| new_id("eval"));
            let result = rubric.with_value(|rb| verdict(rb, &ev));
            state.save_evaluation(ev);
            let failed = if result.failed() {
                format!(
                    " The call fails on a critical criterion: {}.",
                    result.failed_on.join(", ")
                )
            } else {
                String::new()
            };
            let verb = if replaced {
                "Score updated (it replaces this scorer's earlier one)"
            } else {
                "Score saved"
            };
            state.info(format!(
                "{verb}: overall {} on the 5-point scale.{failed}",
                result
                    .overall
                    .map(|o| crate::domain::scoring::rounded(o, 1))
                    .unwrap_or_else(|| "none (every criterion N/A)".into())
            ));
            drafts.set(rubric.with_value(fresh_drafts));
            active.set(0);
            hovered.set(None);
        })
    };
    let criteria_count = criteria.len();
    // The next call, in the list's order (newest first), that no QA or coach
    // has scored: scoring a batch of calls goes from one to the next.
    let next_unscored = {
        let this = call.started_at;
        let this_id = call.id.clone();
        Memo::new(move |_| {
            state.program.with(|p| {
                let mut calls: Vec<_> = p.calls.iter().collect();
                calls.sort_by(|a, b| b.started_at.cmp(&a.started_at));
                calls
                    .into_iter()
                    .skip_while(|c| c.id != this_id)
                    .skip(1)
                    .chain(p.calls.iter().filter(|c| c.started_at > this))
                    .find(|c| {
                        !p.evaluations_of_call(&c.id)
                            .any(|e| e.role.counts_for_performance())
                    })
                    .map(|c| c.id.clone())
            })
        })
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        if typing_in_a_field(&ev) {
            return;
        }
        let i = active.get_untracked();
        let key = ev.key();
        match key.as_str() {
            "1" | "2" | "3" | "4" | "5" if !ev.ctrl_key() && !ev.meta_key() => {
                let level: u8 = key.parse().unwrap_or(1);
                let on_scale = rubric.with_value(|r| {
                    r.criteria()
                        .get(i)
                        .is_some_and(|c| c.scale.levels().contains(&level))
                });
                if on_scale {
                    drafts.update(|d| d[i].pick = Pick::Level(level));
                    hovered.set(Some((i, level)));
                }
            }
            "n" | "N" => {
                if rubric.with_value(|r| r.criteria().get(i).is_some_and(|c| c.na_allowed)) {
                    drafts.update(|d| d[i].pick = Pick::NotApplicable);
                }
            }
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
            rubric.with_value(|r| {
                r.criteria()
                    .get(i)
                    .map(|c| suggested_lines(c, &lines))
                    .unwrap_or_default()
            })
        })
    };

    let other_agents: Vec<(String, String)> = state.program.with_untracked(|p| {
        p.agents_by_name()
            .into_iter()
            .filter(|(id, _)| *id != call.agent_id)
            .collect()
    });
    let lines = call.lines.clone();

    view! {
        <section class="page">
            <a class="back-link" href=Route::Calls.href()>"← All calls"</a>
            <h2>
                {if call.reason.trim().is_empty() {
                    agent_name.clone()
                } else {
                    format!("{} · {}", agent_name, call.reason)
                }}
            </h2>
            <dl class="call-facts">
                <div><dt>"Started"</dt><dd>{call.started_at.format("%Y-%m-%d %H:%M (UTC%:z)").to_string()}</dd></div>
                <div><dt>"Team"</dt><dd>{team_name}</dd></div>
                <div><dt>"Outcome"</dt><dd>{outcome_label(call.resolved)}</dd></div>
                <div><dt>"Source"</dt><dd>{call.source.clone()}</dd></div>
            </dl>
            <p class="keys-hint">
                "Keyboard: " <kbd>"1"</kbd> "–" <kbd>"5"</kbd> " score · " <kbd>"N"</kbd> " N/A · "
                <kbd>"↑"</kbd> <kbd>"↓"</kbd> " criterion · " <kbd>"Enter"</kbd> " on a line attaches it · "
                <kbd>"Ctrl"</kbd> "+" <kbd>"Enter"</kbd> " save · on yes/no items " <kbd>"5"</kbd> " is yes, " <kbd>"1"</kbd> " is no"
            </p>
            <div class="call-layout">
                <div class="transcript" aria-label="Transcript">
                    <h3>"Transcript"</h3>
                    <p class="muted">
                        "Click a line to attach it as evidence to "
                        <strong>{move || criteria_name(rubric, drafts, active)}</strong>
                        ". Highlighted lines contain the criterion's phrases: accept one by attaching it, or ignore it."
                    </p>
                    {call.lines.is_empty().then(|| view! {
                        <p class="empty-state">
                            "No transcript yet. This call came from a score import; import its transcript under Import & export with the call id "
                            <code>{call.id.clone()}</code> " and it fills in here."
                        </p>
                    })}
                    <ol class="transcript__lines">
                        {lines
                            .into_iter()
                            .enumerate()
                            .map(|(index, line)| {
                                let hint = move || {
                                    suggestions.with(|s| s.iter().find(|(i, _)| *i == index).map(|(_, h)| h.clone()))
                                };
                                let moment = Moment { offset_secs: line.offset_secs, quote: line.text.clone(), note: String::new() };
                                let offset = line.offset_secs;
                                let attached = move || {
                                    drafts.with(|d| d.iter().any(|x| x.evidence.iter().any(|m| m.offset_secs == offset)))
                                };
                                let speaker_class = match line.speaker {
                                    Speaker::Agent => "transcript__line transcript__line--agent",
                                    Speaker::Customer => "transcript__line transcript__line--customer",
                                };
                                let whole = moment.clone();
                                let on_key_line = move |ev: web_sys::KeyboardEvent| {
                                    if ev.key() == "Enter" || ev.key() == " " {
                                        ev.prevent_default();
                                        attach(whole.clone());
                                    }
                                };
                                view! {
                                    <li>
                                        <div
                                            role="button"
                                            tabindex="0"
                                            class=speaker_class
                                            class:transcript__line--attached=attached
                                            class:transcript__line--look-for=move || matches!(hint(), Some(Hint::LookFor(_)))
                                            class:transcript__line--avoid=move || matches!(hint(), Some(Hint::Avoid(_)))
                                            on:click=move |_| attach(selected_part(&moment))
                                            on:keydown=on_key_line
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
                                        </div>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </div>
                <div class="scoring" aria-label="Score this call">
                    <h3>"Score this call"</h3>
                    <p class="muted scoring__rubric">{format!("Rubric: {rubric_label}")}</p>
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
                                let yes_no = c.scale.is_yes_no();
                                let na_allowed = c.na_allowed;
                                let meta = if c.scale.is_weighted() {
                                    format!("{} · {}%", c.dimension, c.weight)
                                } else {
                                    format!("{} · pass/fail", c.dimension)
                                };
                                let critical = c.critical_at.map(|at| {
                                    if yes_no {
                                        "Critical: a “no” fails the call".to_string()
                                    } else {
                                        format!("Critical: {at} or lower fails the call")
                                    }
                                });
                                let pick = move || drafts.with(|d| d[i].pick);
                                // The attached moments without their notes: typing a note must
                                // not rebuild the list, or the field would lose focus.
                                let moments = Memo::new(move |_| {
                                    drafts.with(|d| {
                                        d[i].evidence.iter().map(|m| (m.offset_secs, m.quote.clone())).collect::<Vec<_>>()
                                    })
                                });
                                let previous = state.program.with_untracked(|p| {
                                    previous_scores(p, &agent_id_for_history, &c.id, &call_id_for_history, state.as_of_untracked())
                                });
                                let previous_text = match previous {
                                    Some(prev) => format!(
                                        "Before: {} average over {}, last {}",
                                        crate::domain::scoring::rounded(prev.average, 1),
                                        crate::domain::plural(prev.count, "scored call", "scored calls"),
                                        prev.last
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
                                            <span class="criterion__meta">{meta.clone()}</span>
                                        </div>
                                        {critical.clone().map(|text| view! { <p class="criterion__critical">{text}</p> })}
                                        <div class="levels" role="group" aria-label=format!("Score for {}", c.name)>
                                            {c.scale
                                                .levels()
                                                .iter()
                                                .copied()
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
                                                            aria-pressed=move || (pick() == Pick::Level(level)).to_string()
                                                        >
                                                            {level_label(yes_no, level)}
                                                        </button>
                                                    }
                                                })
                                                .collect_view()}
                                            <Show when=move || na_allowed>
                                                <button
                                                    class="level level--na"
                                                    class:level--on=move || pick() == Pick::NotApplicable
                                                    aria-pressed=move || (pick() == Pick::NotApplicable).to_string()
                                                    on:click=move |_| set_pick(Pick::NotApplicable)
                                                >
                                                    "N/A"
                                                </button>
                                            </Show>
                                        </div>
                                        <p class="criterion__anchor">
                                            {move || match (hovered.get(), pick()) {
                                                (Some((h, l)), _) if h == i => format!("{}: {}", level_label(yes_no, l), c.anchors[usize::from(l - 1)]),
                                                (_, Pick::Level(l)) => format!("{}: {}", level_label(yes_no, l), c.anchors[usize::from(l - 1)]),
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
                                                moments
                                                    .get()
                                                    .into_iter()
                                                    .enumerate()
                                                    .map(|(k, (offset, quote))| {
                                                        let label = format!("{} “{}”", format_offset(offset), quote);
                                                        view! {
                                                            <li class="evidence">
                                                                <span class="evidence__quote">{label}</span>
                                                                <input
                                                                    type="text"
                                                                    class="evidence__note"
                                                                    name="evidence-note"
                                                                    placeholder="Note (optional)"
                                                                    prop:value=move || drafts.with(|d| d[i].evidence.get(k).map(|m| m.note.clone()).unwrap_or_default())
                                                                    on:input=move |ev| {
                                                                        let v = event_target_value(&ev);
                                                                        drafts.update(|d| if let Some(m) = d[i].evidence.get_mut(k) { m.note = v });
                                                                    }
                                                                />
                                                                <button
                                                                    class="evidence__remove"
                                                                    aria-label="Remove this moment"
                                                                    on:click=move |ev| {
                                                                        ev.stop_propagation();
                                                                        drafts.update(|d| { if k < d[i].evidence.len() { d[i].evidence.remove(k); } });
                                                                    }
                                                                >"×"</button>
                                                            </li>
                                                        }
                                                    })
                                                    .collect_view()
                                            }}
                                        </ul>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                    <div class="scoring__footer">
                        <span>
                            "Overall " <ScoreBadgeLive score=Signal::derive({ let v = live_verdict.clone(); move || v().overall }) />
                            {move || {
                                let v = live_verdict();
                                v.failed().then(|| view! { <strong class="failed-badge">{format!(" Fails: {}", v.failed_on.join(", "))}</strong> })
                            }}
                        </span>
                        <span class="scoring__actions">
                            {move || next_unscored.get().map(|id| view! {
                                <a class="scoring__next" href=Route::Call(id).href()>"Next unscored call →"</a>
                            })}
                            <button class="button" on:click=move |_| save.run(())>"Save score"</button>
                        </span>
                    </div>
                </div>
            </div>
            <Show
                when=move || role.get() != Role::SelfReview
                fallback=|| view! {
                    <h3>"Scores on this call"</h3>
                    <p class="muted">"Other scores on this call are hidden while the agent scores it blind."</p>
                }
            >
                <ExistingScores call_id=call_id.clone() />
            </Show>
        </section>
    }
}

fn criteria_name(
    rubric: StoredValue<Rubric>,
    drafts: RwSignal<Vec<Draft>>,
    active: RwSignal<usize>,
) -> String {
    let id = drafts.with(|d| d.get(active.get()).map(|x| x.criterion_id.clone()));
    rubric.with_value(|r| {
        id.and_then(|id| r.criterion(&id).map(|c| c.name.clone()))
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
    rubric: &Rubric,
) -> Evaluation {
    Evaluation {
        id: String::new(),
        call_id: call_id.to_string(),
        role,
        evaluator: evaluator.to_string(),
        scored_on: today,
        rubric_id: rubric.id().to_string(),
        rubric_version: rubric.version(),
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

/// The scores this call already has, newest first, one table per rubric
/// version they were given under, so every column means what it said then.
#[component]
fn ExistingScores(call_id: String) -> impl IntoView {
    let state = use_app();
    let groups = Memo::new(move |_| {
        state.program.with(|p| {
            // Newest first; among scores of the same day, the last saved first.
            let mut e: Vec<Evaluation> = p.evaluations_of_call(&call_id).cloned().collect();
            e.reverse();
            e.sort_by(|a, b| b.scored_on.cmp(&a.scored_on));
            let mut groups: Vec<(Rubric, Vec<Evaluation>)> = Vec::new();
            for ev in e {
                let rubric = p.rubric_of(&ev).clone();
                match groups
                    .iter_mut()
                    .find(|(r, _)| r.id() == rubric.id() && r.version() == rubric.version())
                {
                    Some((_, list)) => list.push(ev),
                    None => groups.push((rubric, vec![ev])),
                }
            }
            groups
        })
    });
    view! {
        <h3>"Scores on this call"</h3>
        <Show
            when=move || groups.with(|g| !g.is_empty())
            fallback=|| view! { <p class="muted">"Not scored yet."</p> }
        >
            {move || groups.get().into_iter().map(|(rubric, evaluations)| view! {
                <ScoreTable rubric=rubric evaluations=evaluations />
            }).collect_view()}
        </Show>
    }
}

#[component]
fn ScoreTable(rubric: Rubric, evaluations: Vec<Evaluation>) -> impl IntoView {
    let state = use_app();
    let columns = rubric.criteria().len() + 3;
    let head = rubric
        .criteria()
        .iter()
        .map(|c| view! { <th class="num" title=format!("{} ({})", c.name, c.dimension)>{c.name.clone()}</th> })
        .collect_view();
    let rows = evaluations
        .into_iter()
        .map(|e| {
            let who = state.program.with_untracked(|p| match e.role {
                Role::Qa => format!("QA · {}", e.evaluator),
                r => format!("{} · {}", r.label(), p.agent_name(&e.evaluator)),
            });
            let cells = rubric
                .criteria()
                .iter()
                .map(|c| {
                    let text = match e.score_for(&c.id).map(|s| s.score) {
                        Some(Some(v)) if c.scale.is_yes_no() => (if v == 5 { "Yes" } else { "No" }).to_string(),
                        Some(Some(v)) => v.to_string(),
                        Some(None) => "N/A".into(),
                        None => "–".into(),
                    };
                    view! { <td class="num">{text}</td> }
                })
                .collect_view();
            let evidence: Vec<String> = rubric
                .criteria()
                .iter()
                .filter_map(|c| e.score_for(&c.id).map(|s| (c, s)))
                .flat_map(|(c, s)| {
                    s.evidence
                        .iter()
                        .map(move |m| {
                            let note = if m.note.is_empty() { String::new() } else { format!(" — {}", m.note) };
                            format!("{}: {} “{}”{note}", c.name, format_offset(m.offset_secs), m.quote)
                        })
                })
                .collect();
            let result = verdict(&rubric, &e);
            let id = e.id.clone();
            let remove = move |_| {
                let question = "Delete this scoring? Coach choice and session results will no longer count it.";
                if window().confirm_with_message(question).unwrap_or(false) {
                    state.remove_evaluation(id.clone());
                    state.info("Scoring deleted.");
                }
            };
            view! {
                <tr>
                    <td class="nowrap">
                        {e.scored_on.to_string()}
                        " "
                        <button class="link-button" on:click=remove title="Delete this scoring">"delete"</button>
                    </td>
                    <td>{who}</td>
                    {cells}
                    <td class="num">
                        {format_score(result.overall)}
                        {result.failed().then(|| view! {
                            <span class="failed-badge" title=format!("Failed on: {}", result.failed_on.join(", "))>" failed"</span>
                        })}
                    </td>
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
        .collect_view();
    view! {
        <p class="score-table__rubric muted">{format!("Scored with {}", rubric.label())}</p>
        <div class="table-wrap">
            <table class="table table--scores">
                <thead>
                    <tr>
                        <th>"Scored on"</th>
                        <th>"By"</th>
                        {head}
                        <th class="num">"Overall"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
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

/// How a level reads on its button: a number, or Yes/No on a yes/no item.
fn level_label(yes_no: bool, level: u8) -> String {
    match (yes_no, level) {
        (true, 5) => "Yes".to_string(),
        (true, _) => "No".to_string(),
        (false, l) => l.to_string(),
    }
}

/// The moment to attach for a click on a line: the part of the line the
/// scorer selected, if any, else the whole line.
fn selected_part(line: &Moment) -> Moment {
    let selected = window().get_selection().ok().flatten().and_then(|sel| {
        let text = String::from(sel.to_string());
        let part = text.trim().to_string();
        let usable = !part.is_empty() && part != line.quote.trim() && line.quote.contains(&part);
        if usable {
            let _ = sel.remove_all_ranges();
        }
        usable.then_some(part)
    });
    match selected {
        Some(part) => Moment {
            quote: part,
            ..line.clone()
        },
        None => line.clone(),
    }
}
