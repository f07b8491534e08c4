//! Pages are addressed by the URL's hash (`#/calls/abc`), so the app works
//! from any static file server, and a reload or a shared link opens the
//! same page.

use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Overview,
    Calls,
    Call(String),
    Coaches,
    Sessions,
    /// The session form, optionally started for a coach and a dimension.
    NewSession {
        coach: Option<String>,
        dimension: Option<String>,
    },
    Rubric,
    Data,
    /// An address that names no page, kept to say so.
    NotFound(String),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let full = hash.trim_start_matches('#').trim_start_matches('/');
        let (path, query) = full.split_once('?').unwrap_or((full, ""));
        let param = |name: &str| {
            query
                .split('&')
                .filter_map(|pair| pair.split_once('='))
                .find(|(k, _)| *k == name)
                .map(|(_, v)| decode(v))
                .filter(|v| !v.is_empty())
        };
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or(""), parts.next()) {
            ("calls", Some(id)) if !id.is_empty() => Route::Call(decode(id)),
            ("calls", _) => Route::Calls,
            ("coaches", _) => Route::Coaches,
            ("sessions", Some("new")) => Route::NewSession {
                coach: param("coach"),
                dimension: param("dimension"),
            },
            ("sessions", _) => Route::Sessions,
            ("rubric", _) => Route::Rubric,
            ("data", _) => Route::Data,
            ("", None) => Route::Overview,
            _ => Route::NotFound(full.to_string()),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Overview => "#/".into(),
            Route::Calls => "#/calls".into(),
            Route::Call(id) => format!("#/calls/{}", encode(id)),
            Route::Coaches => "#/coaches".into(),
            Route::Sessions => "#/sessions".into(),
            Route::NewSession { coach, dimension } => {
                let mut query: Vec<String> = Vec::new();
                if let Some(c) = coach {
                    query.push(format!("coach={}", encode(c)));
                }
                if let Some(d) = dimension {
                    query.push(format!("dimension={}", encode(d)));
                }
                if query.is_empty() {
                    "#/sessions/new".into()
                } else {
                    format!("#/sessions/new?{}", query.join("&"))
                }
            }
            Route::Rubric => "#/rubric".into(),
            Route::Data => "#/data".into(),
            Route::NotFound(path) => format!("#/{path}"),
        }
    }

    /// The navigation tab a route belongs to.
    pub fn tab(&self) -> Route {
        match self {
            Route::Call(_) => Route::Calls,
            Route::NewSession { .. } => Route::Sessions,
            other => other.clone(),
        }
    }
}

fn encode(id: &str) -> String {
    js_sys::encode_uri_component(id).into()
}

fn decode(id: &str) -> String {
    js_sys::decode_uri_component(id)
        .map(String::from)
        .unwrap_or_else(|_| id.to_string())
}

fn current_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// The current route, kept in step with the address bar.
pub fn use_route() -> ReadSignal<Route> {
    let (route, set_route) = signal(Route::parse(&current_hash()));
    let handle = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&current_hash()));
        let _ = window().scroll_to_with_x_and_y(0.0, 0.0);
    });
    on_cleanup(move || handle.remove());
    route
}

pub fn navigate(route: &Route) {
    let _ = window().location().set_hash(&route.href());
}
