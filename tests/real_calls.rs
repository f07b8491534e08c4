//! Native checks on the real travel calls in ../shared/data: the importer
//! and the scoring suggestions together, as a scorer meets them.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::PathBuf;

use peercoach::domain::advice::{suggested_lines, Hint};
use peercoach::domain::{Rubric, Speaker};
use peercoach::formats::travel_calls::parse_travel_call;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/ms-travel-calls")
}

fn real_call(file: &str) -> peercoach::domain::Call {
    let text = fs::read_to_string(data_dir().join(file)).expect("the shared test data is there");
    parse_travel_call(file, &text)
        .expect("a real call parses")
        .call
}

#[test]
fn empathy_suggestions_surface_the_apologies_in_a_real_complaint_call() {
    let call = real_call("Travel_20240602163632.json");
    let rubric = Rubric::default_rubric();
    let empathy = rubric.criterion("empathy").unwrap();

    let suggested = suggested_lines(empathy, &call.lines);

    let texts: Vec<&str> = suggested
        .iter()
        .map(|(i, _)| call.lines[*i].text.as_str())
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("I'm really sorry to hear that, Lisa.")),
        "suggested: {texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("I apologize for the inconvenience, Lisa.")),
        "suggested: {texts:?}"
    );
}

#[test]
fn most_real_complaint_calls_get_an_empathy_suggestion_on_an_agent_line() {
    let rubric = Rubric::default_rubric();
    let empathy = rubric.criterion("empathy").unwrap();
    let mut complaints = 0;
    let mut with_suggestion = 0;
    for entry in fs::read_dir(data_dir()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if !name.ends_with(".json") {
            continue;
        }
        let call = real_call(&name);
        if call.reason != "Complaints" {
            continue;
        }
        complaints += 1;
        let agent_hit = suggested_lines(empathy, &call.lines).iter().any(|(i, h)| {
            call.lines[*i].speaker == Speaker::Agent && matches!(h, Hint::LookFor(_))
        });
        if agent_hit {
            with_suggestion += 1;
        }
    }
    assert_eq!(complaints, 36);
    assert!(
        with_suggestion >= 30,
        "{with_suggestion} of {complaints} complaint calls"
    );
}
