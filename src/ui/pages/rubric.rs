//! The shared rubric as coach and agent both see it: criteria, weights and
//! the behavioural anchor for every level.

use leptos::prelude::*;

use crate::ui::state::use_app;

#[component]
pub fn RubricPage() -> impl IntoView {
    let state = use_app();
    let rubric = move || state.program.with(|p| p.rubric.clone());
    view! {
        <section class="page">
            <h2>{move || format!("Rubric: {}", rubric().name())}</h2>
            <p class="muted">
                "Every call is scored 1 to 5 on each criterion, or N/A where it does not apply. The overall score is the weighted mean of the criteria that were scored; N/A criteria are left out of it entirely."
            </p>
            {move || {
                rubric()
                    .criteria()
                    .iter()
                    .map(|c| {
                        view! {
                            <article class="rubric-criterion">
                                <header class="rubric-criterion__head">
                                    <h3>{c.name.clone()}</h3>
                                    <span class="pill">{c.dimension.clone()}</span>
                                    <span class="rubric-criterion__weight">{format!("Weight {}%", c.weight)}</span>
                                </header>
                                <p>{c.description.clone()}</p>
                                <ol class="anchors">
                                    {c
                                        .anchors
                                        .iter()
                                        .enumerate()
                                        .map(|(i, a)| {
                                            view! {
                                                <li class=format!("anchor anchor--{}", i + 1)>
                                                    <span class="anchor__level">{i + 1}</span>
                                                    <span class="anchor__text">{a.clone()}</span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ol>
                            </article>
                        }
                    })
                    .collect_view()
            }}
        </section>
    }
}
