//! Import, export and the program's settings.
//!
//! Every import is read and checked in full first and shown as a preview;
//! nothing changes until the person confirms, and a file with a problem
//! stops the whole import with a message naming the file and the place.

use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::demo::demo_program;
use crate::domain::merge::{
    add_calls, merge_programs, preview_calls, preview_program_import, CallBatchPreview,
    ProgramImportPreview,
};
use crate::domain::{plural, Agent, Call, Program, Team};
use crate::formats::program_json::{export_program, parse_program};
use crate::formats::travel_calls::parse_travel_call;
use crate::ui::components::files::{download, files_of, read_files, PickedFile};
use crate::ui::state::{use_app, AppState};

/// What an import has read and is waiting for the person to confirm.
#[derive(Clone)]
enum Pending {
    Nothing,
    Calls {
        batch: Vec<(Call, Agent, Team)>,
        preview: CallBatchPreview,
        files: usize,
    },
    Program {
        file: String,
        program: Box<Program>,
        preview: ProgramImportPreview,
    },
    /// Problems found; nothing will be imported.
    Refused {
        what: String,
        problems: Vec<String>,
    },
}

/// A Peercoach backup announces itself; anything else is read as calls.
fn is_program_file(text: &str) -> bool {
    text.contains("\"peercoach-program\"")
}

fn read_batch(files: Vec<PickedFile>, program: &Program) -> Pending {
    if files.is_empty() {
        return Pending::Nothing;
    }
    if files.len() == 1 && is_program_file(&files[0].text) {
        let f = &files[0];
        return match parse_program(&f.name, &f.text) {
            Ok(incoming) => Pending::Program {
                file: f.name.clone(),
                preview: preview_program_import(program, &incoming),
                program: Box::new(incoming),
            },
            Err(e) => Pending::Refused {
                what: f.name.clone(),
                problems: vec![e.to_string()],
            },
        };
    }
    let mut batch = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        if is_program_file(&f.text) {
            problems.push(format!(
                "{} is a Peercoach backup: import one backup at a time, on its own.",
                f.name
            ));
            continue;
        }
        let lower = f.name.to_lowercase();
        if lower.ends_with(".csv") {
            problems.push(format!(
                "{} is a CSV: import scores from a QA tool under “Import scores”, or one-row-per-utterance transcripts under “Import transcripts”.",
                f.name
            ));
            continue;
        }
        if [".vtt", ".srt", ".txt"]
            .iter()
            .any(|ext| lower.ends_with(ext))
        {
            problems.push(format!(
                "{} is a transcript: import it under “Import transcripts”.",
                f.name
            ));
            continue;
        }
        match parse_travel_call(&f.name, &f.text) {
            Ok(c) => batch.push((c.call, c.agent, c.team)),
            Err(e) => problems.push(e.to_string()),
        }
    }
    if !problems.is_empty() {
        return Pending::Refused {
            what: format!("{} files", files.len()),
            problems,
        };
    }
    Pending::Calls {
        preview: preview_calls(program, &batch),
        batch,
        files: files.len(),
    }
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = use_app();
    let pending = RwSignal::new(Pending::Nothing);
    let dragging = RwSignal::new(false);

    let take_files = move |list: Option<web_sys::FileList>| {
        let list = files_of(list);
        spawn_local(async move {
            match read_files(list).await {
                Ok(files) => {
                    let next = state.program.with_untracked(|p| read_batch(files, p));
                    pending.set(next);
                }
                Err(e) => pending.set(Pending::Refused {
                    what: "the files".into(),
                    problems: vec![e],
                }),
            }
        });
    };

    view! {
        <section class="page">
            <h2>"Import & export"</h2>
            <div class="data-grid">
                <article class="card">
                    <h3>"Import calls or a backup"</h3>
                    <p class="muted">
                        "Call-analytics JSON exports, one file per call (agent, team, outcome, timestamped transcript), or a Peercoach backup file. You will see a preview before anything changes."
                    </p>
                    <label
                        class="dropzone"
                        class:dropzone--over=move || dragging.get()
                        on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                        on:dragleave=move |_| dragging.set(false)
                        on:drop=move |ev: web_sys::DragEvent| {
                            ev.prevent_default();
                            dragging.set(false);
                            take_files(ev.data_transfer().and_then(|d| d.files()));
                        }
                    >
                        <span>"Drop files here, or "</span>
                        <span class="dropzone__pick">"choose files"</span>
                        <input
                            type="file"
                            name="import-files"
                            accept=".json,application/json"
                            multiple
                            on:change=move |ev| {
                                let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
                                take_files(input.files());
                                input.set_value("");
                            }
                        />
                    </label>
                    <PendingImport pending=pending />
                </article>

                <super::score_import::ScoreImport />

                <super::transcript_import::TranscriptImport />

                <article class="card">
                    <h3>"Export a backup"</h3>
                    <p class="muted">
                        "One JSON file with the whole program (rubric, teams, agents, calls, scores, sessions). Keep it as a backup or hand it to another team lead, who imports it here."
                    </p>
                    <button class="button" on:click=move |_| export(&state)>"Export program"</button>
                </article>

                <ProgramSettings />

                <DangerZone />
            </div>
        </section>
    }
}

fn export(state: &AppState) {
    let stamp = js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    let (text, name) = state.program.with_untracked(|p| {
        let slug: String = p
            .name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        // "Demo: Northwind" makes "demo--northwind"; keep one dash between words.
        let slug = slug
            .split('-')
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        (
            export_program(p, &stamp),
            format!("peercoach-{slug}-{}.json", &stamp[..10.min(stamp.len())]),
        )
    });
    match download(&name, "application/json", &[text]) {
        Ok(()) => state.info(format!("Exported {name}. Find it in your downloads.")),
        Err(e) => state.error(format!("The export failed: {e}. Nothing was changed.")),
    }
}

#[component]
fn PendingImport(pending: RwSignal<Pending>) -> impl IntoView {
    let state = use_app();
    let cancel = move |_| pending.set(Pending::Nothing);
    // No mode is preselected: replacing loses the current program, so the
    // person chooses, and a replace over real data asks once more.
    let merge_mode = RwSignal::new(None::<bool>);

    let confirm_calls = move |_| {
        let Pending::Calls { batch, .. } = pending.get_untracked() else {
            return;
        };
        let before = state.program.with_untracked(|p| p.calls.len());
        let calls: Vec<Call> = batch.iter().map(|(c, _, _)| c.clone()).collect();
        state.program.update(|p| add_calls(p, batch));
        let added: Vec<Call> = state.program.with_untracked(|p| {
            calls
                .into_iter()
                .filter(|c| p.call(&c.id).is_some())
                .collect()
        });
        state.saved_new_calls(added);
        let after = state.program.with_untracked(|p| p.calls.len());
        let added = after - before;
        let as_of = state.as_of_untracked();
        let latest = state
            .program
            .with_untracked(|p| p.calls.iter().map(|c| c.day()).max());
        let hint = match latest {
            Some(day) if as_of - day > chrono::Duration::days(90) => format!(
                " The latest call is from {day}, more than 90 days before the as-of date ({as_of}): set “Figures as of” below to a day just after it, so coach choice and session results use these calls."
            ),
            _ => String::new(),
        };
        state.info(format!(
            "Imported {}.{hint}",
            plural(added, "call", "calls")
        ));
        pending.set(Pending::Nothing);
    };
    let confirm_program = move |_| {
        let Pending::Program {
            program,
            file,
            preview,
        } = pending.get_untracked()
        else {
            return;
        };
        match merge_mode.get_untracked() {
            None => state.error("Choose Replace or Merge first."),
            Some(true) => match state
                .program
                .with_untracked(|p| merge_programs(p, &program))
            {
                Ok(merged) => {
                    state.replace_program(merged);
                    state.info(format!(
                        "Merged {file}: added {}, {} and {}.",
                        plural(preview.new_calls, "call", "calls"),
                        plural(preview.new_evaluations, "scoring", "scorings"),
                        plural(preview.new_sessions, "session", "sessions")
                    ));
                    merge_mode.set(None);
                    pending.set(Pending::Nothing);
                }
                Err(e) => state.error(format!("Nothing was merged: {e}")),
            },
            Some(false) => {
                let (calls, scorings, sessions, demo) = state.program.with_untracked(|p| {
                    (
                        p.calls.len(),
                        p.evaluations.len(),
                        p.sessions.len(),
                        p.is_demo,
                    )
                });
                if calls + scorings + sessions > 0 && !demo {
                    let question = format!(
                        "Replace this program ({}, {}, {}) with {file}? This cannot be undone; export first if you may need it.",
                        plural(calls, "call", "calls"),
                        plural(scorings, "scoring", "scorings"),
                        plural(sessions, "session", "sessions")
                    );
                    if !window().confirm_with_message(&question).unwrap_or(false) {
                        return;
                    }
                }
                state.replace_program(*program);
                state.info(format!("Replaced the program with {file}."));
                merge_mode.set(None);
                pending.set(Pending::Nothing);
            }
        }
    };

    move || {
        match pending.get() {
        Pending::Nothing => ().into_any(),
        Pending::Refused { what, problems } => view! {
            <div class="preview preview--refused" role="alert">
                <h4>{format!("Nothing was imported from {what}")}</h4>
                <p>"Fix or remove the files below, then import again. Your program is unchanged."</p>
                <ul class="problems">{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                <button class="button button--secondary" on:click=cancel>"Close"</button>
            </div>
        }
        .into_any(),
        Pending::Calls { preview, files, .. } => view! {
            <div class="preview" role="region" aria-label="Import preview">
                <h4>{format!("Read {}", plural(files, "file", "files"))}</h4>
                <ul class="preview__counts">
                    <li><strong>{preview.new_calls}</strong> " new calls"</li>
                    <li><strong>{preview.new_agents.len()}</strong> " new agents"</li>
                    <li><strong>{preview.new_teams.len()}</strong> " new teams"</li>
                    <li><strong>{preview.already_present.len()}</strong> " calls already in the program (skipped)"</li>
                </ul>
                <Show when={let n = preview.new_teams.clone(); move || !n.is_empty()}>
                    <p class="muted">{format!("New teams: {}", preview.new_teams.join(", "))}</p>
                </Show>
                <ul class="notes">
                    {preview
                        .repeated_in_batch
                        .iter()
                        .map(|id| view! { <li>{format!("Call {id} is in more than one of these files; only the first is imported.")}</li> })
                        .collect_view()}
                    {preview.name_differences.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}
                </ul>
                <Show when={let none = preview.new_calls == 0; move || none}>
                    <p class="preview__nothing">"Every call in these files is already in the program: there is nothing to import."</p>
                </Show>
                <div class="form-actions">
                    <button class="button" disabled=preview.new_calls == 0 on:click=confirm_calls>"Import these calls"</button>
                    <button class="button button--secondary" on:click=cancel>"Cancel"</button>
                </div>
            </div>
        }
        .into_any(),
        Pending::Program { file, preview, program } => {
            let conflicts = preview.conflicts.clone();
            let current_is_demo = state.program.with_untracked(|p| p.is_demo);
            let merge_blocked: Option<String> = if let Some(e) = &preview.merge_refused {
                Some(format!("Merge is not possible: {e}"))
            } else if program.is_demo && !current_is_demo {
                Some("Merge is not offered: this file is demo data, and merging would mix made-up calls into your program for good.".to_string())
            } else {
                None
            };
            view! {
                <div class="preview" role="region" aria-label="Import preview">
                    <h4>{format!("Backup {file}")}</h4>
                    <ul class="preview__counts">
                        <li><strong>{preview.calls}</strong> " calls"</li>
                        <li><strong>{preview.evaluations}</strong> " scorings"</li>
                        <li><strong>{preview.sessions}</strong> " sessions"</li>
                        <li><strong>{preview.agents}</strong> " agents"</li>
                        <li><strong>{preview.teams}</strong> " teams"</li>
                    </ul>
                    <fieldset class="import-mode">
                        <legend>"How should it come in?"</legend>
                        <label>
                            <input type="radio" name="mode" prop:checked=move || merge_mode.get() == Some(false) on:change=move |_| merge_mode.set(Some(false)) />
                            "Replace the current program with this file"
                        </label>
                        <label class:import-mode--off=merge_blocked.is_some()>
                            <input
                                type="radio"
                                name="mode"
                                disabled=merge_blocked.is_some()
                                prop:checked=move || merge_mode.get() == Some(true)
                                on:change=move |_| merge_mode.set(Some(true))
                            />
                            {format!(
                                "Merge: add {}, {} and {}; keep what is here",
                                plural(preview.new_calls, "call", "calls"),
                                plural(preview.new_evaluations, "scoring", "scorings"),
                                plural(preview.new_sessions, "session", "sessions")
                            )}
                        </label>
                        {merge_blocked.map(|why| view! { <p class="hint">{why}</p> })}
                    </fieldset>
                    <Show when={let c = conflicts.clone(); move || !c.is_empty()}>
                        <ul class="problems">{conflicts.clone().into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                    </Show>
                    <div class="form-actions">
                        <button class="button" disabled=move || merge_mode.get().is_none() on:click=confirm_program>"Import backup"</button>
                        <button class="button button--secondary" on:click=cancel>"Cancel"</button>
                    </div>
                </div>
            }
            .into_any()
        }
    }
    }
}

#[component]
fn ProgramSettings() -> impl IntoView {
    let state = use_app();
    view! {
        <article class="card">
            <h3>"Program settings"</h3>
            <label>
                "Program name"
                <input
                    type="text"
                    name="program-name"
                    prop:value=move || state.program.with(|p| p.name.clone())
                    on:change=move |ev| {
                        let name = event_target_value(&ev).trim().to_string();
                        if !name.is_empty() {
                            state.update_meta(|p| p.name = name);
                        }
                    }
                />
            </label>
            <label>
                "Figures as of"
                <input
                    type="date"
                    name="as-of"
                    prop:value=move || state.as_of().to_string()
                    on:change=move |ev| {
                        if let Ok(d) = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d") {
                            state.update_meta(|p| p.as_of = Some(d));
                        }
                    }
                />
            </label>
            <label>
                "Time zone of imported times without one"
                <input
                    type="text"
                    name="time-zone"
                    placeholder="+01:00"
                    prop:value=move || state.program.with(|p| p.time_zone.to_string())
                    on:change=move |ev| {
                        match crate::formats::dates::parse_zone(&event_target_value(&ev)) {
                            Ok(zone) => state.update_meta(|p| p.time_zone = zone),
                            Err(e) => state.error(format!("The time zone is unchanged: {e}")),
                        }
                    }
                />
            </label>
            <p class="muted">
                {move || if state.program.with(|p| p.as_of.is_none()) {
                    "Follows today's date. Set a date when you work with historic calls, so the 90-day and 30-day windows fall on them.".to_string()
                } else {
                    "A fixed date is set.".to_string()
                }}
            </p>
            <Show when=move || state.program.with(|p| p.as_of.is_some())>
                <button class="button button--small button--secondary" on:click=move |_| state.update_meta(|p| p.as_of = None)>
                    "Follow today's date"
                </button>
            </Show>
        </article>
    }
}

#[component]
fn DangerZone() -> impl IntoView {
    let state = use_app();
    let confirming = RwSignal::new(false);
    view! {
        <article class="card card--danger">
            <h3>"Start over"</h3>
            <p class="muted">"Removes every call, score and session from this browser. Export first if you may need them."</p>
            <Show
                when=move || confirming.get()
                fallback=move || view! { <button class="button button--danger" on:click=move |_| confirming.set(true)>"Clear the program…"</button> }
            >
                <div class="confirm">
                    <strong>"Clear everything in this browser?"</strong>
                    <button class="button button--danger" on:click=move |_| {
                        state.clear_program();
                        confirming.set(false);
                        state.info("The program is cleared. Import calls or a backup to start again.");
                    }>"Yes, clear it"</button>
                    <button class="button button--secondary" on:click=move |_| confirming.set(false)>"Keep it"</button>
                </div>
            </Show>
            <Show when=move || state.program.with(|p| p.calls.is_empty())>
                <button class="button button--secondary" on:click=move |_| {
                    state.replace_program(demo_program(crate::ui::DEMO_SEED, state.today));
                    state.info("The demo program is loaded. Remove it from the banner when you are done.");
                }>"Load the demo program"</button>
            </Show>
        </article>
    }
}
