//! Browser tests for the IndexedDB store, run in headless Chromium by
//! `wasm-bindgen-test-runner`: what is saved is what a reload reads back,
//! and clearing leaves nothing behind.
#![cfg(target_arch = "wasm32")]

use chrono::NaiveDate;
use peercoach::domain::demo::demo_program;
use peercoach::domain::{CriterionScore, Evaluation, Moment, Program, Role};
use peercoach::store;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn small_program() -> Program {
    let mut p = demo_program(7, NaiveDate::from_ymd_opt(2026, 12, 3).unwrap());
    p.calls.truncate(40);
    let kept: Vec<String> = p.calls.iter().map(|c| c.id.clone()).collect();
    p.evaluations.retain(|e| kept.contains(&e.call_id));
    p.sessions
        .retain(|s| s.examples.iter().all(|x| kept.contains(&x.call_id)));
    p
}

// The tests share one database, so each starts by replacing what is there.

#[wasm_bindgen_test]
async fn a_saved_program_reads_back_equal() {
    let program = small_program();
    store::replace_all(&program).await.expect("save");

    let loaded = store::load().await.expect("load").expect("a program");

    assert_eq!(loaded.calls.len(), program.calls.len());
    assert_eq!(loaded, program);
}

#[wasm_bindgen_test]
async fn a_new_evaluation_survives_a_reload() {
    let program = small_program();
    store::replace_all(&program).await.expect("save");
    let call = &program.calls[0];
    let evaluation = Evaluation {
        id: "eval-browser-test".into(),
        call_id: call.id.clone(),
        role: Role::PeerCoach,
        evaluator: program.agents[1].id.clone(),
        scored_on: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
        rubric_id: program.rubric().id().to_string(),
        rubric_version: program.rubric().version(),
        scores: vec![CriterionScore {
            criterion_id: "empathy".into(),
            score: Some(4),
            evidence: vec![Moment {
                offset_secs: call.lines[0].offset_secs,
                quote: call.lines[0].text.clone(),
                note: String::new(),
            }],
        }],
    };

    store::put_evaluation(&evaluation).await.expect("put");
    let loaded = store::load().await.expect("load").expect("a program");

    let found = loaded
        .evaluations
        .iter()
        .find(|e| e.id == "eval-browser-test");
    assert_eq!(found, Some(&evaluation));
    assert_eq!(loaded.evaluations.len(), program.evaluations.len() + 1);
}

#[wasm_bindgen_test]
async fn replacing_the_program_leaves_none_of_the_old_records() {
    store::replace_all(&small_program()).await.expect("save");
    let mut other = Program::empty("Second program");
    other.as_of = NaiveDate::from_ymd_opt(2024, 6, 30);

    store::replace_all(&other).await.expect("replace");
    let loaded = store::load().await.expect("load").expect("a program");

    assert_eq!(loaded, other);
}

#[wasm_bindgen_test]
async fn a_cleared_store_loads_as_a_first_visit() {
    store::replace_all(&small_program()).await.expect("save");

    store::clear().await.expect("clear");

    assert_eq!(store::load().await.expect("load"), None);
}

#[wasm_bindgen_test]
async fn rubric_versions_and_pair_rubrics_survive_a_reload() {
    let mut program = small_program();
    let mut criteria = program.rubric().criteria().to_vec();
    criteria[1].name = "Acknowledges the customer's feelings".into();
    let v2 = peercoach::domain::Rubric::new("Customer service", criteria)
        .unwrap()
        .with_identity(program.rubric().id(), 2);
    program.rubrics.push(v2);
    program.pair_rubrics.push(peercoach::domain::PairRubric {
        coach_id: program.agents[0].id.clone(),
        agent_id: program.agents[1].id.clone(),
        rubric_id: program.default_rubric.clone(),
    });

    store::replace_all(&program).await.expect("save");
    let loaded = store::load().await.expect("load").expect("a program");

    assert_eq!(loaded.rubric().version(), 2);
    assert_eq!(loaded.rubrics.len(), 2);
    assert_eq!(loaded, program);
}

#[wasm_bindgen_test]
async fn a_deleted_scoring_and_session_stay_deleted_after_a_reload() {
    let program = small_program();
    store::replace_all(&program).await.expect("save");
    let evaluation = program.evaluations[0].id.clone();
    let session = program.sessions.first().map(|s| s.id.clone());

    store::delete_evaluation(&evaluation)
        .await
        .expect("delete scoring");
    if let Some(id) = &session {
        store::delete_session(id).await.expect("delete session");
    }
    let loaded = store::load().await.expect("load").expect("a program");

    assert!(loaded.evaluations.iter().all(|e| e.id != evaluation));
    assert_eq!(loaded.evaluations.len(), program.evaluations.len() - 1);
    assert_eq!(
        loaded.sessions.len(),
        program.sessions.len() - usize::from(session.is_some())
    );
}
