//! Peercoach: a call centre's peer-coaching program, run on real call data
//! in the browser.
//!
//! `domain` holds the logic and `formats` what enters and leaves; both are
//! plain Rust. `store` and `ui` need a browser and are only built for wasm.

pub mod domain;
pub mod formats;

#[cfg(target_arch = "wasm32")]
pub mod store;
#[cfg(target_arch = "wasm32")]
pub mod ui;
