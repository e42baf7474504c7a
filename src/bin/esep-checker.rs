//! The feed checker page (`check/`): a separate wasm, so the report's first visit does not carry it.
//!
//! The Excel workbook reader is a split module of this page (`xlsx`, fetched when a workbook
//! comes): defined here, not in the library, since a split point in the library would be
//! exported by every page's wasm, the report's too, with the whole reader behind it.

use esep::feed::import::{self, ImportError};
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use serde_json::Value;

#[wasm_split(xlsx, wasm_split_path = leptos::wasm_split, fallible)]
fn workbook(name: String, bytes: Vec<u8>) -> Result<Result<Value, ImportError>, SplitLoaderError> {
    Ok(import::from_xlsx(&bytes, import::file_stem(&name)))
}

fn main() {
    esep::ui::mount_checker(|name, bytes| {
        Box::pin(async move { workbook(name, bytes).await.map_err(|_| ()) })
    });
}
