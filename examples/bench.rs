//! Prints how long the domain's whole-program computations take on the
//! demo program and on larger copies of it, so a change that slows them
//! shows as numbers: `cargo run --release --example bench`.
//!
//! The figures are native; in the browser, wasm runs them a few times
//! slower.

use std::time::Instant;

use chrono::{Duration, NaiveDate};
use peercoach::domain::demo::demo_program;
use peercoach::domain::measurement::measure_session;
use peercoach::domain::selection::select_coaches;
use peercoach::domain::Program;
use peercoach::formats::program_json::{export_program, parse_program};

/// The demo program with its calls and scores copied `times` times under
/// new ids, a day apart, so the windows see more data.
fn scaled(times: usize, today: NaiveDate) -> Program {
    let base = demo_program(2026, today);
    let mut p = base.clone();
    for n in 1..times {
        for c in &base.calls {
            let mut c = c.clone();
            c.id = format!("{}-x{n}", c.id);
            c.started_at -= Duration::days(n as i64 % 3);
            p.calls.push(c);
        }
        for e in &base.evaluations {
            let mut e = e.clone();
            e.id = format!("{}-x{n}", e.id);
            e.call_id = format!("{}-x{n}", e.call_id);
            p.evaluations.push(e);
        }
    }
    p
}

fn time<T>(label: &str, f: impl Fn() -> T) {
    let runs = 5;
    let start = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(f());
    }
    let each = start.elapsed() / runs;
    println!("  {label:<34} {:>9.2} ms", each.as_secs_f64() * 1000.0);
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 3).expect("a valid date");
    time("generate the demo program", || demo_program(2026, today));
    for times in [1, 5, 15] {
        let p = scaled(times, today);
        println!("{} calls, {} scorings:", p.calls.len(), p.evaluations.len());
        time("choose coaches (all dimensions)", || {
            select_coaches(&p, today)
        });
        time("measure every session", || {
            p.sessions
                .iter()
                .map(|s| measure_session(&p, s, today))
                .count()
        });
        let text = export_program(&p, "2026-12-03T00:00:00Z");
        println!("  export size {:>28.1} MB", text.len() as f64 / 1_000_000.0);
        time("export the program file", || {
            export_program(&p, "2026-12-03T00:00:00Z")
        });
        time("read and check the program file", || {
            parse_program("bench.json", &text)
        });
    }
}
