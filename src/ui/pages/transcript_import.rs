//! Importing transcripts from transcription and analytics tools (WebVTT,
//! SRT, labelled plain text, one-row-per-utterance CSV). A transcript says
//! who spoke when, not whose call it was: the person gives the agent, team,
//! outcome and, where the file has no clock time, when the call started.
//! A transcript whose id matches a call without one (made from a score
//! import) fills that call instead.

use chrono::{NaiveDateTime, TimeZone};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::domain::merge::{add_transcripts, transcript_fate, TranscriptCall, TranscriptFate};
use crate::domain::plural;
use crate::domain::{Agent, Line, Team};
use crate::formats::transcripts::{parse_transcript_with, TranscriptOptions};
use crate::ui::components::files::{files_of, read_files};
use crate::ui::state::use_app;

/// One conversation read from a file, before the person's details apply.
#[derive(Debug, Clone, PartialEq)]
struct Read {
    id: String,
    file: String,
    format: &'static str,
    agent_label: Option<String>,
    started_at: Option<chrono::DateTime<chrono::FixedOffset>>,
    lines: Vec<Line>,
}

const NEW: &str = "__new";

fn slug(text: &str) -> String {
    let s: String = text
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The agent names the files' labels give, each once.
fn distinct_agent_labels(items: &[Read]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in items.iter().filter_map(|r| r.agent_label.as_ref()) {
        if !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.clone());
        }
    }
    names
}

#[component]
pub fn TranscriptImport() -> impl IntoView {
    let state = use_app();
    let read = RwSignal::new(Vec::<Read>::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let agent = RwSignal::new(String::new());
    let new_agent = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let new_team = RwSignal::new(String::new());
    let start = RwSignal::new(String::new());
    let outcome = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());

    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let files = files_of(input.files());
        input.set_value("");
        spawn_local(async move {
            let files = match read_files(files).await {
                Ok(f) => f,
                Err(e) => return problems.set(vec![e]),
            };
            let options = TranscriptOptions {
                zone: state.program.with_untracked(|p| p.time_zone),
                ..TranscriptOptions::default()
            };
            let mut all = Vec::new();
            let mut errors = Vec::new();
            for f in files {
                match parse_transcript_with(&f.name, &f.text, &options) {
                    Ok(parsed) => {
                        let stem = f
                            .name
                            .rsplit_once('.')
                            .map(|(s, _)| s)
                            .unwrap_or(&f.name)
                            .to_string();
                        let many = parsed.conversations.len() > 1;
                        for (n, c) in parsed.conversations.into_iter().enumerate() {
                            let id = c.id.clone().unwrap_or_else(|| {
                                if many {
                                    format!("{stem}-{}", n + 1)
                                } else {
                                    stem.clone()
                                }
                            });
                            all.push(Read {
                                id,
                                file: f.name.clone(),
                                format: parsed.format.label(),
                                agent_label: c.agent_name,
                                started_at: c.started_at,
                                lines: c.lines,
                            });
                        }
                    }
                    Err(e) => errors.push(e.to_string()),
                }
            }
            // A label like "Agent (Maria)" names the agent: preselect her.
            let label = all.iter().find_map(|r| r.agent_label.clone());
            if let Some(label) = label {
                let found = state.program.with_untracked(|p| {
                    p.agents
                        .iter()
                        .find(|a| a.name.eq_ignore_ascii_case(label.trim()))
                        .map(|a| a.id.clone())
                });
                match found {
                    Some(id) => agent.set(id),
                    None => {
                        agent.set(NEW.into());
                        new_agent.set(label);
                    }
                }
            }
            if errors.is_empty() {
                problems.set(Vec::new());
                read.set(all);
            } else {
                read.set(Vec::new());
                problems.set(errors);
            }
        });
    };

    let confirm = move |_| {
        let program_zone = state.program.with_untracked(|p| p.time_zone);
        let given_start = NaiveDateTime::parse_from_str(&start.get_untracked(), "%Y-%m-%dT%H:%M")
            .ok()
            .and_then(|t| program_zone.from_local_datetime(&t).single());
        let items = read.get_untracked();
        let needs_new = state.program.with_untracked(|p| {
            items
                .iter()
                .any(|r| transcript_fate(p, &r.id) == TranscriptFate::NewCall)
        });
        let mut missing = Vec::new();
        let labels = distinct_agent_labels(&items);
        if needs_new && labels.len() > 1 {
            state.error(format!(
                "Nothing was imported yet. These files name different agents ({}); one agent applies to every new call here, so import one agent's transcripts at a time.",
                labels.join(", ")
            ));
            return;
        }
        let agent_value = agent.get_untracked();
        let the_agent = if agent_value == NEW {
            let name = new_agent.get_untracked().trim().to_string();
            (!name.is_empty()).then(|| Agent {
                id: format!("agent-{}", slug(&name)),
                name,
                hired_on: None,
            })
        } else {
            state
                .program
                .with_untracked(|p| p.agent(&agent_value).cloned())
        };
        let team_value = team.get_untracked();
        let the_team = if team_value == NEW {
            let name = new_team.get_untracked().trim().to_string();
            (!name.is_empty()).then(|| Team {
                id: slug(&name),
                name,
            })
        } else {
            state
                .program
                .with_untracked(|p| p.team(&team_value).cloned())
        };
        if needs_new && the_agent.is_none() {
            missing.push("Choose the agent whose calls these are, or name a new one.");
        }
        if needs_new && the_team.is_none() {
            missing.push("Choose the team, or name a new one.");
        }
        if needs_new && given_start.is_none() && items.iter().any(|r| r.started_at.is_none()) {
            missing.push("Give the call's start: some files have no clock time.");
        }
        if !missing.is_empty() {
            state.error(format!("Nothing was imported yet. {}", missing.join(" ")));
            return;
        }
        let fallback_start =
            given_start.unwrap_or_else(|| program_zone.timestamp_opt(0, 0).unwrap());
        let calls: Vec<TranscriptCall> = items
            .into_iter()
            .map(|r| TranscriptCall {
                id: r.id,
                started_at: r.started_at.or(given_start).unwrap_or(fallback_start),
                source: r.file,
                lines: r.lines,
            })
            .collect();
        let resolved = match outcome.get_untracked().as_str() {
            "resolved" => Some(true),
            "unresolved" => Some(false),
            _ => None,
        };
        let placeholder_agent = Agent {
            id: String::new(),
            name: String::new(),
            hired_on: None,
        };
        let placeholder_team = Team {
            id: String::new(),
            name: String::new(),
        };
        let mut program = state.program.get_untracked();
        let changed = add_transcripts(
            &mut program,
            calls,
            the_agent.as_ref().unwrap_or(&placeholder_agent),
            the_team.as_ref().unwrap_or(&placeholder_team),
            resolved,
            reason.get_untracked().trim(),
        );
        let count = changed.len();
        state.program.set(program);
        state.saved_new_calls(changed);
        state.info(format!(
            "Imported {}.",
            plural(count, "transcript", "transcripts")
        ));
        read.set(Vec::new());
    };

    let agents = move || state.program.with(|p| p.agents_by_name());
    let teams = move || state.program.with(|p| p.teams_by_name());

    view! {
        <article class="card card--wide transcript-import">
            <h3>"Import transcripts (WebVTT, SRT, text, CSV)"</h3>
            <p class="muted">
                "Transcripts from transcription or analytics tools: caption files with Agent/Customer labels or voice tags, text with time stamps and labels, or a CSV with one row per utterance. Times become offsets from the call start."
            </p>
            <input type="file" name="transcript-files" accept=".vtt,.srt,.txt,.csv" multiple on:change=pick />
            <Show when=move || !problems.with(Vec::is_empty)>
                <div class="preview preview--refused" role="alert">
                    <h4>"Nothing was imported"</h4>
                    <p>"Fix or remove these files, then pick them again."</p>
                    <ul class="problems">{move || problems.get().into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <Show when=move || !read.with(Vec::is_empty)>
                <div class="preview" role="region" aria-label="Transcript preview">
                    <table class="table table--sample">
                        <thead><tr><th>"File"</th><th>"Format"</th><th>"Call id"</th><th class="num">"Lines"</th><th>"Starts"</th><th>"Will"</th></tr></thead>
                        <tbody>
                            {move || {
                                read.get()
                                    .into_iter()
                                    .map(|r| {
                                        let fate = state.program.with(|p| match transcript_fate(p, &r.id) {
                                            TranscriptFate::NewCall => "become a new call",
                                            TranscriptFate::FillsCall => "fill the call's empty transcript",
                                            TranscriptFate::Skipped => "be skipped: the call has a transcript",
                                        });
                                        view! {
                                            <tr>
                                                <td>{r.file}</td>
                                                <td>{r.format}</td>
                                                <td>{r.id}</td>
                                                <td class="num">{r.lines.len()}</td>
                                                <td>{r.started_at.map(|t| t.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_else(|| "given below".into())}</td>
                                                <td>{fate}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()
                            }}
                        </tbody>
                    </table>
                    <p class="hint">
                        "The agent, team, start and outcome below apply to every new call in this batch; transcripts that fill an existing call keep that call's details."
                    </p>
                    <div class="mapping__grid">
                        <label class="mapping__field">
                            <span>"Agent"</span>
                            <select name="transcript-agent" prop:value=move || agent.get() on:change=move |ev| agent.set(event_target_value(&ev))>
                                <option value="">"Choose the agent"</option>
                                {move || agents().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                <option value=NEW>"A new agent…"</option>
                            </select>
                            <Show when=move || agent.get() == NEW>
                                <input type="text" name="transcript-new-agent" placeholder="Agent's name" prop:value=move || new_agent.get() on:input=move |ev| new_agent.set(event_target_value(&ev)) />
                            </Show>
                        </label>
                        <label class="mapping__field">
                            <span>"Team"</span>
                            <select name="transcript-team" on:change=move |ev| team.set(event_target_value(&ev))>
                                <option value="">"Choose the team"</option>
                                {move || teams().into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                                <option value=NEW>"A new team…"</option>
                            </select>
                            <Show when=move || team.get() == NEW>
                                <input type="text" name="transcript-new-team" placeholder="Team name" on:input=move |ev| new_team.set(event_target_value(&ev)) />
                            </Show>
                        </label>
                        <label class="mapping__field">
                            <span>"Call started (when the file has no clock time)"</span>
                            <input type="datetime-local" name="transcript-start" on:change=move |ev| start.set(event_target_value(&ev)) />
                        </label>
                        <label class="mapping__field">
                            <span>"Outcome"</span>
                            <select name="transcript-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                                <option value="">"Not recorded"</option>
                                <option value="resolved">"Resolved on this call"</option>
                                <option value="unresolved">"Not resolved"</option>
                            </select>
                        </label>
                        <label class="mapping__field">
                            <span>"Reason for the call"</span>
                            <input type="text" name="transcript-reason" on:input=move |ev| reason.set(event_target_value(&ev)) />
                        </label>
                    </div>
                    <div class="form-actions">
                        <button class="button" on:click=confirm>"Import transcripts"</button>
                        <button class="button button--secondary" on:click=move |_| read.set(Vec::new())>"Cancel"</button>
                    </div>
                </div>
            </Show>
        </article>
    }
}
