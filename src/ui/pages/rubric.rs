//! The program's rubrics: see them with their anchors, start one from a
//! template, edit, duplicate, delete, choose the default, and assign one
//! to a coaching pair so coach and agent always score alike.
//!
//! Saving a rubric that has scores makes a new version; the scores keep
//! the version they were given under. The editor checks the rubric the
//! same way the domain does and says what is wrong and where.

use leptos::prelude::*;

use crate::domain::rubric::{Criterion, Rubric, Scale};
use crate::domain::templates::{template_rubric, TEMPLATES};
use crate::domain::PairRubric;
use crate::ui::state::{new_id, use_app, AppState};

/// A criterion as the editor holds it: text fields as typed.
#[derive(Debug, Clone, PartialEq)]
struct Draft {
    key: u32,
    id: String,
    name: String,
    dimension: String,
    weight: String,
    description: String,
    anchors: [String; 5],
    look_for: String,
    avoid: String,
    scale: Scale,
    na_allowed: bool,
    critical_at: Option<u8>,
}

#[derive(Debug, Clone, PartialEq)]
struct Editor {
    /// The rubric being edited; `None` for a new one.
    rubric_id: Option<String>,
    name: String,
    criteria: Vec<Draft>,
    next_key: u32,
}

fn phrases(text: &str) -> Vec<String> {
    text.split(',')
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect()
}

impl Editor {
    fn of(rubric: &Rubric, rubric_id: Option<String>) -> Editor {
        let criteria: Vec<Draft> = rubric
            .criteria()
            .iter()
            .enumerate()
            .map(|(i, c)| Draft {
                key: i as u32,
                id: c.id.clone(),
                name: c.name.clone(),
                dimension: c.dimension.clone(),
                weight: c.weight.to_string(),
                description: c.description.clone(),
                anchors: c.anchors.clone(),
                look_for: c.look_for.join(", "),
                avoid: c.avoid.join(", "),
                scale: c.scale,
                na_allowed: c.na_allowed,
                critical_at: c.critical_at,
            })
            .collect();
        let next_key = criteria.len() as u32;
        Editor {
            rubric_id,
            name: rubric.name().to_string(),
            criteria,
            next_key,
        }
    }

    fn total_weight(&self) -> u32 {
        self.criteria
            .iter()
            .map(|d| d.weight.trim().parse::<u32>().unwrap_or(0))
            .sum()
    }

    /// The rubric the editor describes, or what is wrong with it, naming
    /// the criterion by its position and name.
    fn build(&self) -> Result<Rubric, String> {
        let mut criteria = Vec::new();
        for (n, d) in self.criteria.iter().enumerate() {
            let Ok(weight) = d.weight.trim().parse::<u32>() else {
                return Err(format!(
                    "Criterion {} ({}): the weight \"{}\" is not a whole number from 0 to 100.",
                    n + 1,
                    d.name,
                    d.weight
                ));
            };
            criteria.push(Criterion {
                id: d.id.clone(),
                name: d.name.trim().to_string(),
                dimension: d.dimension.trim().to_string(),
                weight,
                description: d.description.trim().to_string(),
                anchors: d.anchors.clone(),
                look_for: phrases(&d.look_for),
                avoid: phrases(&d.avoid),
                scale: d.scale,
                na_allowed: d.na_allowed,
                critical_at: d.critical_at,
            });
        }
        Rubric::new(self.name.trim(), criteria).map_err(|e| {
            // The domain names criteria by id; the person knows them by name.
            let mut text = e.to_string();
            for (n, d) in self.criteria.iter().enumerate() {
                text = text.replace(
                    &format!("\"{}\"", d.id),
                    &format!("{} (\"{}\")", n + 1, d.name.trim()),
                );
            }
            format!("{}{}.", text[..1].to_uppercase(), &text[1..])
        })
    }
}

#[component]
pub fn RubricPage() -> impl IntoView {
    let state = use_app();
    let editor = RwSignal::new(None::<Editor>);
    let shown = RwSignal::new(None::<String>);
    let template = RwSignal::new(TEMPLATES[0].key.to_string());

    let rubrics = Memo::new(move |_| {
        state.program.with(|p| {
            p.current_rubrics()
                .into_iter()
                .map(|r| {
                    let scores = p
                        .evaluations
                        .iter()
                        .filter(|e| e.rubric_id == r.id())
                        .count();
                    (r.clone(), r.id() == p.default_rubric, scores)
                })
                .collect::<Vec<_>>()
        })
    });

    let start_from_template = move |_| {
        if let Some(r) = template_rubric(&template.get_untracked()) {
            editor.set(Some(Editor::of(&r, None)));
        }
    };

    view! {
        <section class="page">
            <h2>"Rubrics"</h2>
            <p class="muted">
                "Every call is scored on each criterion (1 to 5, yes/no, or N/A where allowed). The overall score is the weighted mean of the criteria scored; N/A criteria and pass/fail items are left out of it, and a critical criterion at or below its level fails the call. Editing a rubric that has scores saves a new version: old scores keep theirs, and dimension averages join across versions."
            </p>
            <Show when=move || editor.with(Option::is_some)>
                <RubricEditor editor=editor />
            </Show>
            <Show when=move || editor.with(Option::is_none)>
                <div class="rubric-new">
                    <label>
                        "Start a new rubric from a template"
                        <select name="template" on:change=move |ev| template.set(event_target_value(&ev))>
                            {TEMPLATES.iter().map(|t| view! { <option value=t.key>{format!("{}: {}", t.name, t.summary)}</option> }).collect_view()}
                        </select>
                    </label>
                    <button class="button" on:click=start_from_template>"Start editing"</button>
                </div>
                <div class="rubric-list">
                    {move || {
                        rubrics
                            .get()
                            .into_iter()
                            .map(|(r, is_default, scores)| {
                                let id = r.id().to_string();
                                let (id_edit, id_dup, id_del, id_def, id_show, id_shown) =
                                    (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                                let dims = r.dimensions().join(", ");
                                let summary = format!(
                                    "{} criteria · {} · {} across all versions",
                                    r.criteria().len(),
                                    dims,
                                    crate::domain::plural(scores, "score", "scores")
                                );
                                let for_view = r.clone();
                                view! {
                                    <article class="rubric-card">
                                        <header class="rubric-card__head">
                                            <h3>{r.label()}</h3>
                                            {is_default.then(|| view! { <span class="pill">"default"</span> })}
                                        </header>
                                        <p class="muted">{summary}</p>
                                        <div class="form-actions">
                                            <button class="button button--small" on:click=move |_| {
                                                let current = state.program.with_untracked(|p| p.current_rubric(&id_edit).cloned());
                                                if let Some(r) = current {
                                                    editor.set(Some(Editor::of(&r, Some(id_edit.clone()))));
                                                }
                                            }>"Edit"</button>
                                            <button class="button button--small button--secondary" on:click=move |_| duplicate(state, &id_dup)>"Duplicate"</button>
                                            <Show when=move || !is_default>
                                                <button class="button button--small button--secondary" on:click={let id = id_def.clone(); move |_| {
                                                    let id = id.clone();
                                                    state.update_meta(move |p| p.default_rubric = id);
                                                    state.info("Default rubric changed: new scores use it unless a coaching pair has its own.");
                                                }}>"Make default"</button>
                                            </Show>
                                            <button class="button button--small button--secondary" on:click=move |_| delete(state, &id_del)>"Delete"</button>
                                            <button class="button button--small button--secondary" on:click=move |_| {
                                                shown.update(|s| *s = if s.as_deref() == Some(id_show.as_str()) { None } else { Some(id_show.clone()) })
                                            }>"Anchors"</button>
                                        </div>
                                        <Show when=move || shown.get().as_deref() == Some(id_shown.as_str())>
                                            <RubricView rubric=for_view.clone() />
                                        </Show>
                                    </article>
                                }
                            })
                            .collect_view()
                    }}
                </div>
                <PairRubrics />
            </Show>
        </section>
    }
}

fn duplicate(state: AppState, id: &str) {
    let Some(original) = state
        .program
        .with_untracked(|p| p.current_rubric(id).cloned())
    else {
        return;
    };
    let copy_name = format!("Copy of {}", original.name());
    let Ok(copy) = Rubric::new(&copy_name, original.criteria().to_vec()) else {
        return;
    };
    let copy = copy.with_identity(&new_id("rubric"), 1);
    state.update_meta(|p| p.rubrics.push(copy));
    state.info(format!("Made “{copy_name}”. Edit it to make it your own."));
}

fn delete(state: AppState, id: &str) {
    let name = state
        .program
        .with_untracked(|p| p.current_rubric(id).map(|r| r.name().to_string()));
    let refusal = state.program.with_untracked(|p| {
        let scores = p.evaluations.iter().filter(|e| e.rubric_id == id).count();
        if p.default_rubric == id {
            Some("It is the default rubric: make another one the default first.".to_string())
        } else if scores > 0 {
            Some(format!(
                "{scores} scores were given with it, and they need it to be read."
            ))
        } else if p.pair_rubrics.iter().any(|pr| pr.rubric_id == id) {
            Some("A coaching pair uses it: remove that assignment first.".to_string())
        } else {
            None
        }
    });
    match refusal {
        Some(why) => state.error(format!("The rubric is not deleted. {why}")),
        None => {
            let question = format!(
                "Delete the rubric “{}” and all its versions?",
                name.unwrap_or_default()
            );
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
            let id = id.to_string();
            state.update_meta(move |p| p.rubrics.retain(|r| r.id() != id));
            state.info("Rubric deleted.");
        }
    }
}

#[component]
fn RubricEditor(editor: RwSignal<Option<Editor>>) -> impl IntoView {
    let state = use_app();
    let built = Memo::new(move |_| {
        editor.with(|e| {
            e.as_ref().map(|e| {
                let rubric = e.build()?;
                // Two rubrics of one name would be told apart only by id.
                let clash = state.program.with(|p| {
                    p.current_rubrics().into_iter().any(|r| {
                        Some(r.id()) != e.rubric_id.as_deref()
                            && r.name().trim().eq_ignore_ascii_case(rubric.name().trim())
                    })
                });
                if clash {
                    Err(format!(
                        "Another rubric is already named “{}”: choose another name.",
                        rubric.name()
                    ))
                } else {
                    Ok(rubric)
                }
            })
        })
    });
    let total = move || editor.with(|e| e.as_ref().map(Editor::total_weight).unwrap_or(0));
    let edit = move |change: Box<dyn FnOnce(&mut Editor)>| {
        editor.update(|e| {
            if let Some(e) = e {
                change(e)
            }
        })
    };

    let save = move |_| {
        let Some(Ok(rubric)) = built.get_untracked() else {
            return;
        };
        let Some(ed) = editor.get_untracked() else {
            return;
        };
        let message = state.program.with_untracked(|p| match &ed.rubric_id {
            None => (rubric.clone().with_identity(&new_id("rubric"), 1), None),
            Some(id) => {
                let current = p.current_rubric(id).map(|r| r.version()).unwrap_or(1);
                let scored = p
                    .evaluations
                    .iter()
                    .filter(|e| &e.rubric_id == id && e.rubric_version == current)
                    .count();
                if scored > 0 {
                    (
                        rubric.clone().with_identity(id, current + 1),
                        Some((current + 1, scored, current)),
                    )
                } else {
                    (rubric.clone().with_identity(id, current), None)
                }
            }
        });
        let (saved, new_version) = message;
        let label = saved.label();
        state.update_meta(move |p| {
            p.rubrics
                .retain(|r| !(r.id() == saved.id() && r.version() == saved.version()));
            p.rubrics.push(saved);
        });
        state.info(match new_version {
            Some((v, scored, old)) => format!(
                "Saved {label} as version {v}. The {scored} scores given with version {old} keep it."
            ),
            None => format!("Saved {label}."),
        });
        editor.set(None);
    };

    view! {
        <div class="rubric-editor">
            <div class="rubric-editor__top">
                <label>
                    "Rubric name"
                    <input
                        type="text"
                        name="rubric-name"
                        prop:value=move || editor.with(|e| e.as_ref().map(|e| e.name.clone()).unwrap_or_default())
                        on:input=move |ev| { let v = event_target_value(&ev); edit(Box::new(move |e| e.name = v)) }
                    />
                </label>
                <p class="weights" class:weights--ok=move || total() == 100>
                    {move || format!("Weights total {} of 100", total())}
                </p>
            </div>
            <ol class="criterion-forms">
                <For
                    each=move || editor.with(|e| e.as_ref().map(|e| e.criteria.clone()).unwrap_or_default())
                    key=|d| d.key
                    let:draft
                >
                    <CriterionForm key=draft.key editor=editor />
                </For>
            </ol>
            <button class="button button--secondary" on:click=move |_| edit(Box::new(|e| {
                let key = e.next_key;
                e.next_key += 1;
                e.criteria.push(Draft {
                    key,
                    id: new_id("criterion"),
                    name: String::new(),
                    dimension: String::new(),
                    weight: "0".into(),
                    description: String::new(),
                    anchors: Default::default(),
                    look_for: String::new(),
                    avoid: String::new(),
                    scale: Scale::OneToFive,
                    na_allowed: true,
                    critical_at: None,
                });
            }))>"Add a criterion"</button>
            <p class="rubric-editor__problem" role="status">
                {move || match built.get() {
                    Some(Err(problem)) => problem,
                    _ => String::new(),
                }}
            </p>
            <div class="form-actions">
                <button class="button" disabled=move || !matches!(built.get(), Some(Ok(_))) on:click=save>"Save rubric"</button>
                <button class="button button--secondary" on:click=move |_| editor.set(None)>"Cancel"</button>
            </div>
        </div>
    }
}

#[component]
fn CriterionForm(key: u32, editor: RwSignal<Option<Editor>>) -> impl IntoView {
    let read = move |f: fn(&Draft) -> String| {
        editor.with(|e| {
            e.as_ref()
                .and_then(|e| e.criteria.iter().find(|d| d.key == key))
                .map(f)
                .unwrap_or_default()
        })
    };
    let draft = move || {
        editor.with(|e| {
            e.as_ref()
                .and_then(|e| e.criteria.iter().find(|d| d.key == key).cloned())
        })
    };
    let write = move |change: Box<dyn FnOnce(&mut Draft)>| {
        editor.update(|e| {
            if let Some(d) = e
                .as_mut()
                .and_then(|e| e.criteria.iter_mut().find(|d| d.key == key))
            {
                change(d)
            }
        })
    };
    let text = move |label: &'static str,
                     name: &'static str,
                     get: fn(&Draft) -> String,
                     set: fn(&mut Draft, String)| {
        view! {
            <label>
                {label}
                <input type="text" name=name prop:value=move || read(get) on:input=move |ev| {
                    let v = event_target_value(&ev);
                    write(Box::new(move |d| set(d, v)))
                } />
            </label>
        }
    };
    let number = move || {
        editor.with(|e| {
            e.as_ref()
                .and_then(|e| e.criteria.iter().position(|d| d.key == key))
                .map(|i| i + 1)
                .unwrap_or(0)
        })
    };

    view! {
        <li class="criterion-form">
            <div class="criterion-form__head">
                <strong>{move || format!("Criterion {}", number())}</strong>
                <button class="button button--small button--secondary" on:click=move |_| {
                    editor.update(|e| if let Some(e) = e { e.criteria.retain(|d| d.key != key) })
                }>"Remove"</button>
            </div>
            <div class="criterion-form__grid">
                {text("Name", "criterion-name", |d| d.name.clone(), |d, v| d.name = v)}
                {text("Dimension", "criterion-dimension", |d| d.dimension.clone(), |d, v| d.dimension = v)}
                <label>
                    "Weight (%)"
                    <input type="number" min="0" max="100" name="criterion-weight" prop:value=move || read(|d| d.weight.clone()) on:input=move |ev| {
                        let v = event_target_value(&ev);
                        write(Box::new(move |d| d.weight = v))
                    } />
                </label>
                <label>
                    "Scale"
                    <select name="criterion-scale" prop:value=move || draft().map(|d| scale_key(d.scale)).unwrap_or_default() on:change=move |ev| {
                        let scale = match event_target_value(&ev).as_str() {
                            "yes-no" => Scale::YesNoAsFiveOrOne,
                            "pass-fail" => Scale::PassFail,
                            _ => Scale::OneToFive,
                        };
                        write(Box::new(move |d| {
                            d.scale = scale;
                            if scale == Scale::PassFail {
                                d.weight = "0".into();
                            }
                            // A yes/no item can only fail on a "no".
                            if scale.is_yes_no() {
                                d.critical_at = d.critical_at.map(|_| 1);
                            }
                        }))
                    }>
                        {Scale::ALL.into_iter().map(|s| view! { <option value=scale_key(s)>{s.label()}</option> }).collect_view()}
                    </select>
                </label>
                <label>
                    "Fails the call at"
                    <select name="criterion-critical" prop:value=move || draft().and_then(|d| d.critical_at).map(|l| l.to_string()).unwrap_or_default() on:change=move |ev| {
                        let level = event_target_value(&ev).parse::<u8>().ok();
                        write(Box::new(move |d| d.critical_at = level))
                    }>
                        <option value="">"Not critical"</option>
                        {move || {
                            let yes_no = draft().is_some_and(|d| d.scale.is_yes_no());
                            if yes_no {
                                view! { <option value="1">"A “no”"</option> }.into_any()
                            } else {
                                (1u8..=4).map(|l| view! { <option value=l.to_string()>{format!("{l} or lower")}</option> }).collect_view().into_any()
                            }
                        }}
                    </select>
                </label>
                <label class="checkbox">
                    <input type="checkbox" name="criterion-na" prop:checked=move || draft().is_some_and(|d| d.na_allowed) on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        write(Box::new(move |d| d.na_allowed = on))
                    } />
                    "N/A allowed"
                </label>
            </div>
            {text("What it measures", "criterion-description", |d| d.description.clone(), |d, v| d.description = v)}
            <div class="criterion-form__anchors">
                {(0usize..5)
                    .map(|i| {
                        let level = i as u8 + 1;
                        let shown = move || draft().is_some_and(|d| d.scale.levels().contains(&level));
                        view! {
                            <Show when=shown>
                                <label>
                                    {move || {
                                        let yes_no = draft().is_some_and(|d| d.scale.is_yes_no());
                                        match (yes_no, level) {
                                            (true, 5) => "Yes: what the listener hears".to_string(),
                                            (true, _) => "No: what the listener hears".to_string(),
                                            (false, l) => format!("Level {l}"),
                                        }
                                    }}
                                    <textarea name=format!("anchor-{level}") prop:value=move || draft().map(|d| d.anchors[i].clone()).unwrap_or_default() on:input=move |ev| {
                                        let v = event_target_value(&ev);
                                        write(Box::new(move |d| d.anchors[i] = v))
                                    }></textarea>
                                </label>
                            </Show>
                        }
                    })
                    .collect_view()}
            </div>
            <div class="criterion-form__grid">
                {text("Phrases to look for (comma-separated)", "criterion-look-for", |d| d.look_for.clone(), |d, v| d.look_for = v)}
                {text("Phrases to avoid (comma-separated)", "criterion-avoid", |d| d.avoid.clone(), |d, v| d.avoid = v)}
            </div>
        </li>
    }
}

fn scale_key(scale: Scale) -> &'static str {
    match scale {
        Scale::OneToFive => "one-to-five",
        Scale::YesNoAsFiveOrOne => "yes-no",
        Scale::PassFail => "pass-fail",
    }
}

/// A rubric's criteria with every anchor, read-only.
#[component]
fn RubricView(rubric: Rubric) -> impl IntoView {
    rubric
        .criteria()
        .iter()
        .map(|c| {
            let weight = if c.scale.is_weighted() {
                format!("Weight {}%", c.weight)
            } else {
                "Pass/fail".to_string()
            };
            let critical = c.critical_at.map(|at| {
                if c.scale.is_yes_no() {
                    "Critical: a “no” fails the call".to_string()
                } else {
                    format!("Critical: {at} or lower fails the call")
                }
            });
            view! {
                <article class="rubric-criterion">
                    <header class="rubric-criterion__head">
                        <h4>{c.name.clone()}</h4>
                        <span class="pill">{c.dimension.clone()}</span>
                        <span class="muted">{c.scale.label()}</span>
                        <span class="rubric-criterion__weight">{weight}</span>
                    </header>
                    <p>{c.description.clone()}</p>
                    {critical.map(|t| view! { <p class="criterion__critical">{t}</p> })}
                    <ol class="anchors">
                        {c.scale
                            .levels()
                            .iter()
                            .map(|&level| {
                                let label = match (c.scale.is_yes_no(), level) {
                                    (true, 5) => "Yes".to_string(),
                                    (true, _) => "No".to_string(),
                                    (false, l) => l.to_string(),
                                };
                                view! {
                                    <li class=format!("anchor anchor--{level}")>
                                        <span class="anchor__level">{label}</span>
                                        <span class="anchor__text">{c.anchors[usize::from(level - 1)].clone()}</span>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </article>
            }
        })
        .collect_view()
}

/// Which rubric each coaching pair scores with.
#[component]
fn PairRubrics() -> impl IntoView {
    let state = use_app();
    let coach = RwSignal::new(String::new());
    let agent = RwSignal::new(String::new());
    let rubric = RwSignal::new(String::new());
    let agents = move || state.program.with(|p| p.agents_by_name());
    let rubric_options = move || {
        state.program.with(|p| {
            p.current_rubrics()
                .into_iter()
                .map(|r| (r.id().to_string(), r.label()))
                .collect::<Vec<_>>()
        })
    };
    let assign = move |_| {
        let (c, a, r) = (
            coach.get_untracked(),
            agent.get_untracked(),
            rubric.get_untracked(),
        );
        if c.is_empty() || a.is_empty() || r.is_empty() {
            state.error("Choose the coach, the agent and the rubric to assign.");
            return;
        }
        if c == a {
            state.error("The coach and the agent must be different people.");
            return;
        }
        state.update_meta(move |p| {
            p.pair_rubrics
                .retain(|pr| !(pr.coach_id == c && pr.agent_id == a));
            p.pair_rubrics.push(PairRubric {
                coach_id: c,
                agent_id: a,
                rubric_id: r,
            });
        });
        state.info("Assigned: every score of this agent's calls now uses that rubric.");
    };
    view! {
        <h3>"Rubrics for coaching pairs"</h3>
        <p class="muted">"A pair's rubric is used for every score of the agent's calls, by QA, the coach or the agent, so they always score alike. Others use the default rubric."</p>
        <ul class="pair-list">
            {move || {
                state.program.with(|p| {
                    p.pair_rubrics
                        .iter()
                        .map(|pr| {
                            let label = format!(
                                "{} coaches {}: {}",
                                p.agent_name(&pr.coach_id),
                                p.agent_name(&pr.agent_id),
                                p.current_rubric(&pr.rubric_id).map(|r| r.label()).unwrap_or_default()
                            );
                            let (c, a) = (pr.coach_id.clone(), pr.agent_id.clone());
                            view! {
                                <li>
                                    {label}
                                    " "
                                    <button class="button button--small button--secondary" on:click=move |_| {
                                        let (c, a) = (c.clone(), a.clone());
                                        state.update_meta(move |p| p.pair_rubrics.retain(|pr| !(pr.coach_id == c && pr.agent_id == a)));
                                    }>"Remove"</button>
                                </li>
                            }
                        })
                        .collect_view()
                })
            }}
        </ul>
        <div class="pair-form">
            <select name="pair-coach" on:change=move |ev| coach.set(event_target_value(&ev))>
                <option value="">"Coach"</option>
                {move || agents().into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
            </select>
            <select name="pair-agent" on:change=move |ev| agent.set(event_target_value(&ev))>
                <option value="">"Agent"</option>
                {move || agents().into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
            </select>
            <select name="pair-rubric" on:change=move |ev| rubric.set(event_target_value(&ev))>
                <option value="">"Rubric"</option>
                {move || rubric_options().into_iter().map(|(id, n)| view! { <option value=id>{n}</option> }).collect_view()}
            </select>
            <button class="button button--small" on:click=assign>"Assign"</button>
        </div>
    }
}
