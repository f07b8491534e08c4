//! Importing scores from a QA tool's CSV export, in three visible steps:
//! read the file, map its columns to the rubric, check the preview. The
//! preview is recomputed on every change of the mapping, and nothing is
//! written until the person confirms; then every accepted row is.

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::plural;
use crate::domain::Role;
use crate::formats::dates::DayOrder;
use crate::formats::score_csv::{
    apply_scores, preview_scores, read_table, suggest_mapping, MappingSuggestion, ScorePreview,
    ScoreScale, Table,
};
use crate::ui::components::files::{files_of, read_bytes};
use crate::ui::state::use_app;

#[derive(Clone, PartialEq)]
struct Loaded {
    table: Table,
}

/// The preview, or the questions the person still has to answer.
type Outcome = Result<ScorePreview, Vec<String>>;

#[component]
pub fn ScoreImport() -> impl IntoView {
    let state = use_app();
    let loaded = RwSignal::new(None::<Loaded>);
    let mapping = RwSignal::new(None::<MappingSuggestion>);
    let role = RwSignal::new(Role::Qa);
    let rubric_id = RwSignal::new(
        state
            .program
            .with_untracked(|p| p.rubric().id().to_string()),
    );
    let outcome = Memo::new(move |_| -> Option<Outcome> {
        let table = loaded.with(|l| l.as_ref().map(|l| l.table.clone()))?;
        if table.rows.is_empty() {
            return Some(Err(vec![format!(
                "{} has a header but no rows of scores: export it again with its data.",
                table.file_name
            )]));
        }
        let suggestion = mapping.get()?;
        let zone = state.program.with(|p| p.time_zone);
        Some(
            suggestion
                .mapping(zone, role.get(), &rubric_id.get())
                .map(|m| state.program.with(|p| preview_scores(&table, &m, p))),
        )
    });
    // A different rubric has different criteria: map the columns afresh.
    let choose_rubric = move |id: String| {
        rubric_id.set(id.clone());
        let suggestion = loaded.with_untracked(|l| {
            l.as_ref().map(|l| {
                state.program.with_untracked(|p| {
                    let rubric = p.current_rubric_or_default(&id);
                    suggest_mapping(&l.table, rubric)
                })
            })
        });
        mapping.set(suggestion);
    };

    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let files = files_of(input.files());
        input.set_value("");
        spawn_local(async move {
            let Some(file) = files.into_iter().next() else {
                return;
            };
            let name = file.name();
            let bytes = match read_bytes(&file).await {
                Ok(b) => b,
                Err(e) => return state.error(e),
            };
            match read_table(&name, &bytes) {
                Ok(table) => {
                    let suggestion = state.program.with_untracked(|p| {
                        let rubric = p.current_rubric_or_default(&rubric_id.get_untracked());
                        suggest_mapping(&table, rubric)
                    });
                    mapping.set(Some(suggestion));
                    loaded.set(Some(Loaded { table }));
                }
                Err(e) => {
                    loaded.set(None);
                    mapping.set(None);
                    state.error(format!("Nothing was imported: {e}"));
                }
            }
        });
    };

    let confirm = move |_| {
        let Some(Ok(preview)) = outcome.get_untracked() else {
            return;
        };
        let (scorings, calls) = (preview.evaluations.len(), preview.new_calls.len());
        let mut program = state.program.get_untracked();
        apply_scores(&mut program, preview);
        state.replace_program(program);
        state.info(format!(
            "Imported {scorings} scorings{}.",
            if calls > 0 {
                format!(" and {calls} calls without transcript")
            } else {
                String::new()
            }
        ));
        loaded.set(None);
        mapping.set(None);
    };
    let cancel = move |_| {
        loaded.set(None);
        mapping.set(None);
    };

    view! {
        <article class="card card--wide score-import">
            <h3>"Import scores from a QA tool (CSV)"</h3>
            <p class="muted">
                "A CSV export with one row per scored call: call id, agent, date, and a column per rubric criterion. Comma, semicolon or tab separated; UTF-8 or Windows-1252. You map the columns and see the rows as they will be read before anything is saved."
            </p>
            <input type="file" name="score-csv" accept=".csv,.tsv,.txt,text/csv" on:change=pick />
            {move || {
                loaded
                    .get()
                    .map(|l| {
                        let t = l.table;
                        let delimiter = match t.delimiter {
                            ',' => "comma",
                            ';' => "semicolon",
                            '\t' => "tab",
                            _ => "other",
                        };
                        let summary = format!(
                            "{}: {} rows, {}-separated, {}",
                            t.file_name,
                            t.rows.len(),
                            delimiter,
                            t.encoding
                        );
                        view! {
                            <p class="score-import__file">{summary}</p>
                            <label class="mapping__field mapping__rubric">
                                <span>"The scores are for the rubric"</span>
                                <select name="csv-rubric" prop:value=move || rubric_id.get() on:change=move |ev| choose_rubric(event_target_value(&ev))>
                                    {move || state.program.with(|p| p.current_rubrics().into_iter().map(|r| view! {
                                        <option value=r.id().to_string()>{r.label()}</option>
                                    }).collect_view())}
                                </select>
                            </label>
                            <MappingForm headers=t.headers mapping=mapping role=role rubric_id=rubric_id />
                            <PreviewPanel outcome=outcome />
                            <div class="form-actions">
                                <button
                                    class="button"
                                    disabled=move || !matches!(outcome.get(), Some(Ok(p)) if !p.evaluations.is_empty())
                                    on:click=confirm
                                >
                                    {move || match outcome.get() {
                                        Some(Ok(p)) => format!("Import {}", plural(p.evaluations.len(), "scoring", "scorings")),
                                        _ => "Import scorings".to_string(),
                                    }}
                                </button>
                                <button class="button button--secondary" on:click=cancel>"Cancel"</button>
                            </div>
                        }
                    })
            }}
        </article>
    }
}

/// A select of the file's columns, bound to one optional column index.
#[component]
fn ColumnSelect(
    label: String,
    headers: Vec<String>,
    #[prop(into)] value: Signal<Option<usize>>,
    on_pick: Callback<Option<usize>>,
    optional: bool,
) -> impl IntoView {
    let none_label = if optional {
        "Not in the file"
    } else {
        "Choose a column"
    };
    view! {
        <label class="mapping__field">
            <span>{label.clone()}</span>
            <select
                name=format!("map-{}", label.to_lowercase().replace(' ', "-"))
                on:change=move |ev| on_pick.run(event_target_value(&ev).parse().ok())
                prop:value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
            >
                <option value="">{none_label}</option>
                {headers
                    .into_iter()
                    .enumerate()
                    .map(|(i, h)| view! { <option value=i.to_string()>{format!("{} (column {})", h, i + 1)}</option> })
                    .collect_view()}
            </select>
        </label>
    }
}

#[component]
fn MappingForm(
    headers: Vec<String>,
    mapping: RwSignal<Option<MappingSuggestion>>,
    role: RwSignal<Role>,
    rubric_id: RwSignal<String>,
) -> impl IntoView {
    let state = use_app();
    let field = move |read: fn(&MappingSuggestion) -> Option<usize>| {
        Signal::derive(move || mapping.with(|m| m.as_ref().and_then(read)))
    };
    let setter = move |write: fn(&mut MappingSuggestion, Option<usize>)| {
        Callback::new(move |v: Option<usize>| {
            mapping.update(|m| {
                if let Some(m) = m {
                    write(m, v)
                }
            })
        })
    };
    let criteria = move || {
        state.program.with(|p| {
            let rubric = p.current_rubric_or_default(&rubric_id.get());
            rubric
                .criteria()
                .iter()
                .map(|c| {
                    let scale = if c.scale.is_yes_no() { " (yes/no)" } else { "" };
                    (c.id.clone(), format!("{} · {}{scale}", c.dimension, c.name))
                })
                .collect::<Vec<_>>()
        })
    };
    let h = headers.clone();

    view! {
        <div class="mapping">
            <h4>"1. Columns"</h4>
            <div class="mapping__grid">
                <ColumnSelect label="Call id".into() headers=h.clone() value=field(|m| m.call_id) on_pick=setter(|m, v| m.call_id = v) optional=false />
                <ColumnSelect label="Agent".into() headers=h.clone() value=field(|m| m.agent) on_pick=setter(|m, v| m.agent = v) optional=false />
                <ColumnSelect label="Date".into() headers=h.clone() value=field(|m| m.date_time) on_pick=setter(|m, v| m.date_time = v) optional=false />
                <ColumnSelect label="Evaluator".into() headers=h.clone() value=field(|m| m.evaluator) on_pick=setter(|m, v| m.evaluator = v) optional=true />
                <ColumnSelect label="Outcome".into() headers=h.clone() value=field(|m| m.outcome) on_pick=setter(|m, v| m.outcome = v) optional=true />
            </div>
            <h4>"2. Rubric criteria"</h4>
            <div class="mapping__grid">
                {move || criteria()
                    .into_iter()
                    .map(|(id, label)| {
                        let id_read = id.clone();
                        let value = Signal::derive(move || {
                            mapping.with(|m| {
                                m.as_ref().and_then(|m| m.criteria.iter().find(|(c, _)| *c == id_read).map(|(_, col)| *col))
                            })
                        });
                        let on_pick = Callback::new(move |v: Option<usize>| {
                            let id = id.clone();
                            mapping.update(|m| {
                                if let Some(m) = m {
                                    m.criteria.retain(|(c, _)| *c != id);
                                    m.unmatched_criteria.retain(|c| *c != id);
                                    match v {
                                        Some(col) => m.criteria.push((id, col)),
                                        None => m.unmatched_criteria.push(id),
                                    }
                                }
                            })
                        });
                        view! { <ColumnSelect label=label headers=h.clone() value=value on_pick=on_pick optional=true /> }
                    })
                    .collect_view()}
            </div>
            <p class="hint">"Yes/no criteria take Yes or No (also Y/N, true/false, pass/fail), or the top and bottom of the scale."</p>
            <h4>"3. How to read the values"</h4>
            <div class="mapping__grid">
                <label class="mapping__field">
                    <span>"Score scale"</span>
                    <select
                        name="scale"
                        prop:value=move || mapping.with(|m| m.as_ref().and_then(|m| m.scale).map(|s| s.label().to_string()).unwrap_or_default())
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            let scale = ScoreScale::ALL.into_iter().find(|s| s.label() == v);
                            mapping.update(|m| if let Some(m) = m { m.scale = scale });
                        }
                    >
                        <option value="">"Choose the scale"</option>
                        {ScoreScale::ALL.into_iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                    </select>
                    <span class="hint">{move || mapping.with(|m| m.as_ref().and_then(|m| m.scale).map(|s| s.rule()).unwrap_or(""))}</span>
                </label>
                <Show when=move || mapping.with(|m| m.as_ref().is_some_and(|m| m.day_order_matters))>
                    <label class="mapping__field">
                        <span>"Dates like 06/07/2024 are"</span>
                        <select
                            name="day-order"
                            prop:value=move || match mapping.with(|m| m.as_ref().and_then(|m| m.day_order)) {
                                Some(DayOrder::MonthFirst) => "month-first",
                                Some(DayOrder::DayFirst) => "day-first",
                                None => "",
                            }
                            on:change=move |ev| {
                                let order = match event_target_value(&ev).as_str() {
                                    "month-first" => Some(DayOrder::MonthFirst),
                                    "day-first" => Some(DayOrder::DayFirst),
                                    _ => None,
                                };
                                mapping.update(|m| if let Some(m) = m { m.day_order = order });
                            }
                        >
                            <option value="">"Choose: the file does not say"</option>
                            <option value="month-first">"month first (06/07/2024 = 7 June, as US tools write)"</option>
                            <option value="day-first">"day first (06/07/2024 = 6 July, as most of Europe writes)"</option>
                        </select>
                    </label>
                </Show>
                <label class="mapping__field">
                    <span>"Scored as"</span>
                    <select name="csv-role" on:change=move |ev| role.set(match event_target_value(&ev).as_str() {
                        "coach" => Role::PeerCoach,
                        "self" => Role::SelfReview,
                        _ => Role::Qa,
                    })>
                        <option value="qa">"QA"</option>
                        <option value="coach">"Peer coach"</option>
                        <option value="self">"Self (the agent's own)"</option>
                    </select>
                </label>
                <p class="hint">{move || format!("Times without a zone are read at UTC{} (set in Program settings).", state.program.with(|p| p.time_zone.to_string()))}</p>
            </div>
        </div>
    }
}

#[component]
fn PreviewPanel(outcome: Memo<Option<Outcome>>) -> impl IntoView {
    let state = use_app();
    move || match outcome.get() {
        None => ().into_any(),
        Some(Err(questions)) => view! {
            <div class="preview preview--questions">
                <h4>"Before the preview"</h4>
                <ul>{questions.into_iter().map(|q| view! { <li>{q}</li> }).collect_view()}</ul>
            </div>
        }
        .into_any(),
        Some(Ok(p)) => {
            let names = state.program.with(|prog| {
                prog.rubric()
                    .criteria()
                    .iter()
                    .map(|c| (c.id.clone(), c.dimension.clone()))
                    .collect::<Vec<_>>()
            });
            let head = names.clone();
            view! {
                <div class="preview" role="region" aria-label="Score import preview">
                    <h4>"4. Preview"</h4>
                    <ul class="preview__counts">
                        <li><strong>{p.evaluations.len()}</strong> " scorings to import"</li>
                        <li><strong>{p.new_calls.len()}</strong> " new calls (no transcript)"</li>
                        <li>{plural(p.rejected.len(), "row", "rows")} " rejected"</li>
                        <li>{plural(p.duplicates.len(), "duplicate row", "duplicate rows")} " skipped"</li>
                    </ul>
                    <table class="table table--sample">
                        <thead>
                            <tr>
                                <th>"Line"</th>
                                <th>"Call"</th>
                                <th>"Agent"</th>
                                <th>"Date"</th>
                                {head.into_iter().map(|(_, d)| view! { <th>{d}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody>
                            {p.sample
                                .into_iter()
                                .map(|row| {
                                    let cells = names
                                        .iter()
                                        .map(|(id, _)| {
                                            let text = row
                                                .scores
                                                .iter()
                                                .find(|s| &s.criterion_id == id)
                                                .map(|s| match s.level {
                                                    Some(l) => format!("{} → {l}", s.raw),
                                                    None => format!("{} → N/A", s.raw),
                                                })
                                                .unwrap_or_else(|| "–".into());
                                            view! { <td>{text}</td> }
                                        })
                                        .collect_view();
                                    view! {
                                        <tr class:sample--rejected=row.rejected.is_some()>
                                            <td>{row.line}</td>
                                            <td class="sample__call">{row.call_id}</td>
                                            <td>{row.agent}</td>
                                            <td>{row.date}</td>
                                            {cells}
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <Show when={let n = p.name_matches.is_empty(); move || !n}>
                        <h5>"Names matched despite case or spacing"</h5>
                    </Show>
                    <ul class="notes">{p.name_matches.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                    <Show when={let n = p.duplicates.is_empty(); move || !n}>
                        <p class="muted">{format!(
                            "Duplicate rows, not imported twice: lines {}.",
                            p.duplicates.iter().map(|l| l.to_string()).collect::<Vec<_>>().join(", ")
                        )}</p>
                    </Show>
                    <Show when={let n = p.rejected.is_empty(); move || !n}>
                        <h5>"Rejected rows (not imported)"</h5>
                    </Show>
                    <ul class="problems">
                        {p.rejected.iter().map(|r| view! { <li>{format!("Line {}: {}", r.line, r.reason)}</li> }).collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
    }
}
