//! Recording a coaching session: who coaches whom on which dimension, and
//! one to three moments from the agent's real calls, each with what
//! happened, the rubric standard and what to say instead.

use chrono::NaiveDate;
use leptos::prelude::*;

use crate::domain::selection::select_coaches;
use crate::domain::{format_offset, Example, Moment, Program, Session, Speaker};
use crate::ui::route::{navigate, Route};
use crate::ui::state::{new_id, use_app};

/// The most examples a session holds: a session is short, and three moments
/// are as many as an agent can practise at once.
const MAX_EXAMPLES: usize = 3;
const DEFAULT_TARGET_LEVEL: u8 = 4;

#[derive(Debug, Clone, Default, PartialEq)]
struct ExampleDraft {
    key: u32,
    call_id: String,
    line: Option<usize>,
    what_happened: String,
    /// Empty until the person edits it; until then the anchor text shows.
    standard: String,
    say_instead: String,
}

fn anchor_text(p: &Program, dimension: &str, level: u8) -> String {
    p.rubric()
        .criteria_in(dimension)
        .next()
        .and_then(|c| {
            c.anchor(level)
                .map(|a| format!("{} at level {level}: {a}", c.name))
        })
        .unwrap_or_default()
}

#[component]
pub fn NewSessionPage(
    /// Preselected when the form is opened from a coach on the Coaches page.
    #[prop(optional)]
    coach: String,
    #[prop(optional)] dimension: String,
) -> impl IntoView {
    let state = use_app();
    let (initial_coach, initial_dimension) = (coach, dimension);
    let coach = RwSignal::new(initial_coach);
    let agent = RwSignal::new(String::new());
    let dimension = RwSignal::new(initial_dimension);
    let date = RwSignal::new(state.as_of_untracked());
    let target = RwSignal::new(DEFAULT_TARGET_LEVEL);
    let completed = RwSignal::new(true);
    let examples = RwSignal::new(vec![ExampleDraft {
        key: 0,
        ..Default::default()
    }]);
    let next_key = StoredValue::new(1u32);

    let agents = state.program.with_untracked(|p| p.agents_by_name());
    let dimensions: Vec<String> = state.program.with_untracked(|p| {
        p.rubric()
            .dimensions()
            .into_iter()
            .map(String::from)
            .collect()
    });
    let suggestions = Memo::new(move |_| {
        let dim = dimension.get();
        if dim.is_empty() {
            return String::new();
        }
        let as_of = state.as_of();
        state.program.with(|p| {
            let names: Vec<String> = select_coaches(p, as_of)
                .into_iter()
                .find(|d| d.dimension == dim)
                .map(|d| {
                    d.coaches
                        .iter()
                        .map(|c| format!("{} ({:.2})", p.agent_name(&c.agent_id), c.average))
                        .collect()
                })
                .unwrap_or_default();
            if names.is_empty() {
                format!("No coach qualifies on {dim} yet.")
            } else {
                format!("Top coaches on {dim}: {}.", names.join(", "))
            }
        })
    });
    let standard = move || {
        state
            .program
            .with(|p| anchor_text(p, &dimension.get(), target.get()))
    };

    let save = move |_| {
        let result = state.program.with_untracked(|p| {
            build_session(
                p,
                &coach.get_untracked(),
                &agent.get_untracked(),
                &dimension.get_untracked(),
                date.get_untracked(),
                completed.get_untracked(),
                &examples.get_untracked(),
                &anchor_text(p, &dimension.get_untracked(), target.get_untracked()),
            )
        });
        match result {
            Ok(session) => {
                state.save_session(session);
                state.info("Session recorded. Its result shows below once both 30-day windows have ended and each has 3 scored calls.");
                navigate(&Route::Sessions);
            }
            Err(problems) => state.error(format!(
                "The session is not saved yet: {}",
                problems.join(" ")
            )),
        }
    };

    let agent_options = agents.clone();
    view! {
        <section class="page">
            <a class="back-link" href=Route::Sessions.href()>"← All sessions"</a>
            <h2>"Record a coaching session"</h2>
            <div class="form-grid">
                <label>
                    "Dimension"
                    <select name="dimension" prop:value=move || dimension.get() on:change=move |ev| dimension.set(event_target_value(&ev))>
                        <option value="">"Choose a dimension"</option>
                        {dimensions.into_iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Coach"
                    <select name="coach" prop:value=move || coach.get() on:change=move |ev| coach.set(event_target_value(&ev))>
                        <option value="">"Choose the coach"</option>
                        {agents.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                    <span class="hint">{move || suggestions.get()}</span>
                </label>
                <label>
                    "Coached agent"
                    <select name="agent" on:change=move |ev| {
                        agent.set(event_target_value(&ev));
                        examples.update(|e| e.iter_mut().for_each(|x| { x.call_id.clear(); x.line = None; }));
                    }>
                        <option value="">"Choose the agent"</option>
                        {agent_options.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Date"
                    <input
                        type="date"
                        name="date"
                        prop:value=move || date.get().to_string()
                        on:change=move |ev| {
                            if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                                date.set(d);
                            }
                        }
                    />
                </label>
                <label>
                    "Target level"
                    <select name="target" on:change=move |ev| target.set(event_target_value(&ev).parse().unwrap_or(DEFAULT_TARGET_LEVEL))>
                        {(1u8..=5).map(|l| view! { <option value=l.to_string() selected=l == DEFAULT_TARGET_LEVEL>{l.to_string()}</option> }).collect_view()}
                    </select>
                </label>
                <label class="checkbox">
                    <input type="checkbox" name="completed" prop:checked=move || completed.get() on:change=move |ev| completed.set(event_target_checked(&ev)) />
                    "Session held (uncheck if only planned)"
                </label>
            </div>

            <h3>"Examples from the agent's calls"</h3>
            <p class="muted">"One to three moments. Pick the call, then the line where it happened."</p>
            <ol class="example-forms">
                <For each=move || examples.get() key=|e| e.key let:draft>
                    <ExampleForm key=draft.key examples=examples agent=agent date=date standard=Signal::derive(standard) />
                </For>
            </ol>
            <div class="form-actions">
                <button
                    class="button button--secondary"
                    disabled=move || examples.with(|e| e.len() >= MAX_EXAMPLES)
                    on:click=move |_| {
                        let key = next_key.get_value();
                        next_key.set_value(key + 1);
                        examples.update(|e| e.push(ExampleDraft { key, ..Default::default() }));
                    }
                >
                    "Add another example"
                </button>
                <button class="button" on:click=save>"Save session"</button>
            </div>
        </section>
    }
}

#[component]
fn ExampleForm(
    key: u32,
    examples: RwSignal<Vec<ExampleDraft>>,
    agent: RwSignal<String>,
    date: RwSignal<NaiveDate>,
    standard: Signal<String>,
) -> impl IntoView {
    let state = use_app();
    let edit = move |change: Box<dyn Fn(&mut ExampleDraft)>| {
        examples.update(|e| {
            if let Some(d) = e.iter_mut().find(|d| d.key == key) {
                change(d);
            }
        })
    };
    let get = move |read: fn(&ExampleDraft) -> String| {
        examples.with(|e| {
            e.iter()
                .find(|d| d.key == key)
                .map(read)
                .unwrap_or_default()
        })
    };
    let calls = move || {
        let a = agent.get();
        state.program.with(|p| {
            let day = date.get();
            let mut c: Vec<_> = p
                .calls
                .iter()
                .filter(|c| c.agent_id == a && c.day() <= day)
                .collect();
            c.sort_by(|x, y| y.started_at.cmp(&x.started_at));
            c.into_iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        format!("{} · {}", c.started_at.format("%Y-%m-%d %H:%M"), c.reason),
                    )
                })
                .collect::<Vec<_>>()
        })
    };
    let lines = move || {
        let id = get(|d| d.call_id.clone());
        state.program.with(|p| {
            p.call(&id)
                .map(|c| {
                    c.lines
                        .iter()
                        .enumerate()
                        .map(|(i, l)| {
                            let who = if l.speaker == Speaker::Agent {
                                "Agent"
                            } else {
                                "Customer"
                            };
                            (
                                i,
                                format!("{} {who}: {}", format_offset(l.offset_secs), l.text),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <li class="example-form">
            <div class="example-form__head">
                <select name="call" on:change=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| { d.call_id = v.clone(); d.line = None; })) }>
                    <option value="">{move || if agent.get().is_empty() {
                        "Choose the coached agent first".to_string()
                    } else if calls().is_empty() {
                        "This agent has no calls on or before the session date".to_string()
                    } else {
                        "Choose a call (on or before the session date)".to_string()
                    }}</option>
                    {move || calls().into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                </select>
                <button
                    class="button button--small button--secondary"
                    disabled=move || examples.with(|e| e.len() <= 1)
                    on:click=move |_| examples.update(|e| e.retain(|d| d.key != key))
                >
                    "Remove"
                </button>
            </div>
            <select name="moment" class="example-form__moment" on:change=move |ev| { let v = event_target_value(&ev).parse().ok(); edit(Box::new(move |d| d.line = v)) }>
                <option value="">"Choose the moment (transcript line)"</option>
                {move || lines().into_iter().map(|(i, label)| view! { <option value=i.to_string()>{label}</option> }).collect_view()}
            </select>
            <label>
                "What happened"
                <textarea name="what_happened" on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.what_happened = v.clone())) }></textarea>
            </label>
            <label>
                "Rubric standard"
                <textarea
                    name="standard"
                    prop:value=move || { let own = get(|d| d.standard.clone()); if own.is_empty() { standard.get() } else { own } }
                    on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.standard = v.clone())) }
                ></textarea>
            </label>
            <label>
                "What to say instead"
                <textarea name="say_instead" on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |d| d.say_instead = v.clone())) }></textarea>
            </label>
        </li>
    }
}

/// Checks the form and builds the session, or lists what is missing.
#[allow(clippy::too_many_arguments)]
fn build_session(
    p: &Program,
    coach: &str,
    agent: &str,
    dimension: &str,
    date: NaiveDate,
    completed: bool,
    drafts: &[ExampleDraft],
    default_standard: &str,
) -> Result<Session, Vec<String>> {
    let mut problems = Vec::new();
    if dimension.is_empty() {
        problems.push("Choose a dimension.".to_string());
    }
    if coach.is_empty() {
        problems.push("Choose the coach.".to_string());
    }
    if agent.is_empty() {
        problems.push("Choose the coached agent.".to_string());
    }
    if !coach.is_empty() && coach == agent {
        problems.push("The coach and the coached agent must be different people.".to_string());
    }
    let mut examples = Vec::new();
    for (n, d) in drafts.iter().enumerate() {
        let n = n + 1;
        let line = p
            .call(&d.call_id)
            .and_then(|c| d.line.and_then(|i| c.lines.get(i)));
        let Some(line) = line else {
            problems.push(format!("Example {n}: choose a call and a moment."));
            continue;
        };
        if d.what_happened.trim().is_empty() {
            problems.push(format!("Example {n}: say what happened."));
        }
        if d.say_instead.trim().is_empty() {
            problems.push(format!(
                "Example {n}: write what the agent would say instead."
            ));
        }
        let standard = if d.standard.trim().is_empty() {
            default_standard
        } else {
            d.standard.trim()
        };
        examples.push(Example {
            call_id: d.call_id.clone(),
            moment: Moment {
                offset_secs: line.offset_secs,
                quote: line.text.clone(),
                note: String::new(),
            },
            what_happened: d.what_happened.trim().to_string(),
            standard: standard.to_string(),
            say_instead: d.say_instead.trim().to_string(),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Session {
        id: new_id("session"),
        coach_id: coach.to_string(),
        agent_id: agent.to_string(),
        dimension: dimension.to_string(),
        date,
        examples,
        completed,
    })
}
