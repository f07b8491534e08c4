//! Mounts the app; everything else lives in the library so tests reach it.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(peercoach::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Peercoach runs in the browser: build it with `make serve` (Trunk).");
}
