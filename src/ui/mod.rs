//! The page's logic that needs no browser: how numbers and feature values are written, every word in
//! both languages, the pickers' choices, the model lab's forms, the page state with its slice
//! reducers, what is saved and shared (encoded and decoded here, stored by `web`), and the charts'
//! frame (scales, ticks, layout, palette; `web::charts` draws with it). Compiled natively and to
//! wasm32, so plain `cargo test` checks it; nothing here touches yew, web-sys or gloo.

pub mod chart_frame;
pub mod choices;
pub mod embed;
pub mod feature_info;
pub mod format;
pub mod i18n;
pub mod lab;
pub mod results_csv;
pub mod scenario_diff;
pub mod share_link;
pub mod state;
pub mod stored;
pub mod tier_edits;
