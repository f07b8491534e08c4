//! The one place where messages reach the person: what happened and what
//! to do next. Errors stay until dismissed; information can be dismissed.

use leptos::prelude::*;

use crate::ui::state::{use_app, NoticeKind};

#[component]
pub fn NoticeBar() -> impl IntoView {
    let state = use_app();
    move || {
        state.notice.get().map(|n| {
            let class = match n.kind {
                NoticeKind::Info => "notice notice--info",
                NoticeKind::Error => "notice notice--error",
            };
            let role = if n.kind == NoticeKind::Error { "alert" } else { "status" };
            view! {
                <div class=class role=role>
                    <span class="notice__text">{n.text}</span>
                    <button class="notice__close" aria-label="Dismiss" on:click=move |_| state.notice.set(None)>
                        "×"
                    </button>
                </div>
            }
        })
    }
}
