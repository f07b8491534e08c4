//! The Leptos app: the frame around every page (header, navigation, the
//! demo banner, notices) and the first load of the program.

mod components;
mod pages;
mod route;
mod state;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::demo::demo_program;
use crate::store::{self, prefs};
use components::notice::NoticeBar;
use route::{use_route, Route};
use state::{browser_today, AppState, Persistence};

/// The seed of the demo program, fixed so every trainer shows the same one.
pub(crate) const DEMO_SEED: u64 = 2026;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new(browser_today());
    provide_context(state);
    provide_context(pages::calls::CallsView::new());
    spawn_local(load_program(state));
    let route = use_route();
    // A notice belongs to the page it was given on; moving on clears it.
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        if previous.is_some_and(|p| p != current) {
            state.notice.set(None);
        }
        current
    });

    view! {
        <header class="app-header">
            <div class="app-header__brand">
                <h1>"Peercoach"</h1>
                <span class="app-header__program">{move || state.program.with(|p| p.name.clone())}</span>
            </div>
            <nav class="app-nav" aria-label="Pages">
                {[
                    (Route::Overview, "Overview"),
                    (Route::Calls, "Calls"),
                    (Route::Coaches, "Coaches"),
                    (Route::Sessions, "Sessions"),
                    (Route::Rubric, "Rubric"),
                    (Route::Data, "Import & export"),
                ]
                    .into_iter()
                    .map(|(r, label)| {
                        let href = r.href();
                        view! {
                            <a
                                href=href
                                class="app-nav__link"
                                class:app-nav__link--active=move || route.get().tab() == r
                            >
                                {label}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            <div class="app-header__asof" title="The day the program's figures are computed for">
                "As of " {move || state.as_of().format("%-d %b %Y").to_string()}
            </div>
        </header>
        <DemoBanner />
        <StorageBanner />
        <NoticeBar />
        <main class="app-main">
            {move || match state.persistence.get() {
                Persistence::Loading => view! { <p class="muted">"Loading the program…"</p> }.into_any(),
                _ => match route.get() {
                    Route::Overview => view! { <pages::overview::OverviewPage /> }.into_any(),
                    Route::Calls => view! { <pages::calls::CallsPage /> }.into_any(),
                    Route::Call(id) => view! { <pages::call::CallPage id=id /> }.into_any(),
                    Route::Coaches => view! { <pages::coaches::CoachesPage /> }.into_any(),
                    Route::Sessions => view! { <pages::sessions::SessionsPage /> }.into_any(),
                    Route::NewSession { coach, dimension } => view! {
                        <pages::new_session::NewSessionPage coach=coach.unwrap_or_default() dimension=dimension.unwrap_or_default() />
                    }.into_any(),
                    Route::Rubric => view! { <pages::rubric::RubricPage /> }.into_any(),
                    Route::Data => view! { <pages::data::DataPage /> }.into_any(),
                    Route::NotFound(path) => view! {
                        <section class="page">
                            <h2>"No such page"</h2>
                            <p>"Peercoach has no page at " <code>{format!("#/{path}")}</code> ". It may be an old or mistyped link."</p>
                            <a class="button" href=Route::Overview.href()>"Go to the overview"</a>
                        </section>
                    }.into_any(),
                },
            }}
        </main>
        <footer class="app-footer">
            "Everything stays in this browser. Nothing is sent anywhere; use Import & export to back up or hand over."
        </footer>
    }
}

/// Loads the saved program; on the very first visit, the demo program.
async fn load_program(state: AppState) {
    match store::load().await {
        Ok(Some(program)) => {
            state.program.set(program);
            state.persistence.set(Persistence::Saved);
        }
        Ok(None) => {
            state.persistence.set(Persistence::Saved);
            if !prefs::first_visit_done() {
                state.replace_program(demo_program(DEMO_SEED, state.today));
                state.info(
                    "This is a demo program so you can see every screen. Remove it with one click when you are ready for your own calls.",
                );
            }
        }
        Err(e) => {
            state.persistence.set(Persistence::MemoryOnly);
            state.error(e.to_string());
            if !prefs::first_visit_done() {
                state.program.set(demo_program(DEMO_SEED, state.today));
            }
        }
    }
    prefs::mark_first_visit_done();
}

#[component]
fn DemoBanner() -> impl IntoView {
    let state = state::use_app();
    let remove = move |_| {
        let question = "Remove the demo program, with any scores and sessions you added to it?";
        if !window().confirm_with_message(question).unwrap_or(false) {
            return;
        }
        state.clear_program();
        state.info(
            "Demo data removed. Import your calls on Import & export to start your own program.",
        );
        route::navigate(&Route::Data);
    };
    view! {
        <Show when=move || state.program.with(|p| p.is_demo)>
            <div class="demo-banner" role="status">
                <strong>"Demo data."</strong>
                " Teams, agents, calls and sessions here are made up, so you can try every screen."
                <button class="button button--small" on:click=remove>
                    "Remove demo data"
                </button>
            </div>
        </Show>
    }
}

#[component]
fn StorageBanner() -> impl IntoView {
    let state = state::use_app();
    view! {
        <Show when=move || state.persistence.get() == Persistence::MemoryOnly>
            <div class="storage-banner" role="alert">
                "This browser does not let Peercoach save (private window or storage blocked). Your work lives on this page only: export it before you close the tab."
            </div>
        </Show>
    }
}
