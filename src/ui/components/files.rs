//! Reading files the person picked or dropped, and saving an export.
//!
//! Files are read in full before anything is parsed or stored, so an
//! import never runs half-way through a database transaction.

use js_sys::Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, FileList, HtmlAnchorElement, Url};

/// A file's name and its text.
pub struct PickedFile {
    pub name: String,
    pub text: String,
}

/// The files of a picker or a drop, taken at once: a picker's list empties
/// when its input is reset, which the page does so the same file can be
/// picked again.
pub fn files_of(list: Option<FileList>) -> Vec<File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.item(i)).collect()
}

/// Reads every file, in order. A file that cannot be read as text is
/// reported by name.
pub async fn read_files(list: Vec<File>) -> Result<Vec<PickedFile>, String> {
    let mut files = Vec::new();
    for file in list {
        let name = file.name();
        let text = JsFuture::from(file.text())
            .await
            .map_err(|_| format!("{name} could not be read; check that it is a text file"))?;
        files.push(PickedFile {
            name,
            text: text.as_string().unwrap_or_default(),
        });
    }
    Ok(files)
}

/// A file's bytes, for formats whose encoding is decided after reading
/// (a CSV may be UTF-8 or Windows-1252).
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{} could not be read", file.name()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Offers `parts` as a download named `file_name`. The text is handed to
/// the browser in parts, so a large program never has to fit one string.
pub fn download(file_name: &str, mime: &str, parts: &[String]) -> Result<(), String> {
    let array = Array::new();
    for part in parts {
        array.push(&JsValue::from_str(part));
    }
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&array, &options)
        .map_err(|_| "the browser could not build the file".to_string())?;
    let url = Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not offer the file".to_string())?;
    let document = leptos::prelude::document();
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the browser could not offer the file".to_string())?
        .unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}
