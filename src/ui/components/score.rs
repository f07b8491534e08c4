//! How scores read on screen: one decimal on the 5-point scale, a dash
//! where there is no score (never 0), and a colour band for a quick scan.

use leptos::prelude::*;

pub fn format_score(score: Option<f64>) -> String {
    score
        .map(|s| crate::domain::scoring::rounded(s, 1))
        .unwrap_or_else(|| "–".to_string())
}

fn band(score: f64) -> &'static str {
    if score >= 4.0 {
        "score--high"
    } else if score >= 3.0 {
        "score--mid"
    } else {
        "score--low"
    }
}

/// A score on the 1-5 scale, or "no score" when nothing was scored.
#[component]
pub fn ScoreBadge(score: Option<f64>) -> impl IntoView {
    match score {
        Some(s) => view! { <span class=format!("score {}", band(s))>{format_score(Some(s))}</span> }
            .into_any(),
        None => view! { <span class="score score--none" title="No criterion was scored">"no score"</span> }
            .into_any(),
    }
}

/// A change on the 5-point scale with its sign, and whether it met the target.
#[component]
pub fn ChangeBadge(change: Option<f64>, reached: Option<bool>) -> impl IntoView {
    match (change, reached) {
        (Some(c), Some(true)) => {
            view! { <span class="change change--met">{signed(c)} " ✓ target met"</span> }.into_any()
        }
        (Some(c), _) => {
            view! { <span class="change change--missed">{signed(c)} " below +0.5"</span> }
                .into_any()
        }
        _ => view! { <span class="change change--pending">"not enough data yet"</span> }.into_any(),
    }
}

fn signed(change: f64) -> String {
    let text = crate::domain::scoring::rounded(change, 2);
    if text.starts_with('-') {
        text
    } else {
        format!("+{text}")
    }
}
