//! File picker and drag-and-drop target. The chosen `File` goes to the worker; the page reads only
//! its first block, to estimate the memory it needs and refuse one too big for a tab (with the
//! command-line alternative) before the worker tries and the tab dies.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{DragEvent, File, HtmlInputElement};
use yew::prelude::*;

use crate::engine::ingest::estimate::{estimate_load, LoadEstimate, FIRST_BLOCK_BYTES};
use crate::engine::ingest::ReadOptions;
use crate::ui::i18n::{cli_commands, too_big_reason, Cap, T};
use crate::web::hooks::use_app;

/// The first bytes of `file` (all of it when smaller); empty when the browser cannot read it.
async fn first_block(file: &File) -> Vec<u8> {
    let Ok(block) = file.slice_with_f64_and_f64(0.0, FIRST_BLOCK_BYTES as f64) else { return Vec::new() };
    match JsFuture::from(block.array_buffer()).await {
        Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
        Err(_) => Vec::new(),
    }
}

#[function_component(DropZone)]
pub fn drop_zone() -> Html {
    let app = use_app();
    let lang = app.lang();
    let dragging = use_state(|| false);
    let too_big = use_state(|| None::<(String, LoadEstimate)>);

    let take_file = {
        let bridge = app.bridge.clone();
        let too_big = too_big.clone();
        Callback::from(move |file: File| {
            let (bridge, too_big) = (bridge.clone(), too_big.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let estimate = estimate_load(file.size() as u64, &first_block(&file).await);
                if estimate.fits_in_tab() {
                    too_big.set(None);
                    bridge.inspect(file.into(), name, ReadOptions::default());
                } else {
                    too_big.set(Some((name, estimate)));
                }
            });
        })
    };
    let on_change = {
        let take_file = take_file.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                take_file.emit(file);
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let on_drag_over = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let on_drag_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_drop = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(file) = event.data_transfer().and_then(|d| d.files()).and_then(|files| files.get(0)) {
                take_file.emit(file);
            }
        })
    };
    html! {
        <div class={classes!("drop-zone", dragging.then_some("drop-zone--active"))} data-testid="drop-zone"
            ondragover={on_drag_over} ondragenter={Callback::from(|e: DragEvent| e.prevent_default())}
            ondragleave={on_drag_leave} ondrop={on_drop}>
            <svg class="drop-zone__icon" viewBox="0 0 24 24" aria-hidden="true">
                <path d="M12 16V4m0 0l-4 4m4-4l4 4M4 16v3a1 1 0 001 1h14a1 1 0 001-1v-3" fill="none"
                    stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" />
            </svg>
            <input type="file" id="tierlab-file-input" class="visually-hidden" data-testid="file-input"
                accept=".csv,.tsv,.txt,.dat,.xlsx,.xlsm,.xls,.ods,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel,application/vnd.oasis.opendocument.spreadsheet"
                onchange={on_change} />
            <p class="drop-zone__text">
                if *dragging {
                    { T::DropRelease.get(lang) }
                } else {
                    { T::DropHere.get(lang) }{ " " }
                    <label for="tierlab-file-input" class="link drop-zone__pick">{ T::ChooseFile.get(lang) }</label>
                }
            </p>
            <p class="drop-zone__hint">{ T::FileHint.get(lang) }</p>
            if let Some((name, estimate)) = &*too_big {
                <div class="warnings__item too-big" role="alert" data-testid="too-big">
                    <div>
                        <strong>{ Cap::TooBigTitle.get(lang) }</strong>
                        <p>{ too_big_reason(estimate, lang) }</p>
                        <p>{ Cap::TooBigCli.get(lang) }</p>
                        { for cli_commands(name).into_iter().map(|command| html! { <p><code>{ command }</code></p> }) }
                        <p>{ Cap::TooBigSplit.get(lang) }</p>
                    </div>
                </div>
            }
        </div>
    }
}
