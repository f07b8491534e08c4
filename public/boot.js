// Starts the app. Trunk's default loader is an inline script, which the
// page's Content-Security-Policy forbids; Trunk.toml's pattern_script
// replaces it with a tag for this file that carries the hashed names of the
// wasm-bindgen glue and the wasm module.
const tag = document.querySelector("script[data-js][data-wasm]");
const { default: init } = await import(tag.dataset.js);
await init({ module_or_path: tag.dataset.wasm });
