//! The Model lab tab: customer value (BG/NBD + Gamma-Gamma), value and tier prediction, and k-means
//! segments, each trained in the worker with progress and Cancel, and each able to put its output
//! into the data as a column that scenarios then use (tier basis, feature, segment source).

pub mod actions;
pub mod clv_models;
pub mod clv_panel;
pub mod clv_results;
pub mod feature_picker;
pub mod fields;
pub mod model_parts;
pub mod model_results;
pub mod predict_panel;
pub mod segment_results;
pub mod segments_panel;

use crate::ui::i18n::TL;
use strum::IntoEnumIterator;
use yew::prelude::*;

use self::clv_panel::ClvPanel;
use self::predict_panel::PredictPanel;
use self::segments_panel::SegmentsPanel;
use crate::ui::i18n::{self, T};
use crate::ui::lab::LabSection;
use crate::ui::state::{Action, LabAction};
use crate::web::hooks::use_app;

#[function_component(ModelLabPage)]
pub fn model_lab_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let state = &app.state;
    let lab = &state.lab;
    let section = lab.settings.section;
    let section_button = |target: LabSection| {
        let onclick = app.callback(move |_: MouseEvent| Action::Lab(LabAction::SetSection(target)));
        let selected = section == target;
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()}
                class={classes!("segmented__item", selected.then_some("segmented__item--on"))}
                data-testid={format!("lab-section-{}", target.as_ref())} {onclick}>
                { i18n::lab_section_name(target, lang) }
            </button>
        }
    };
    let dismiss_settings = app.callback(|_: MouseEvent| Action::Lab(LabAction::DismissSettingsNotice));
    let dismiss_lost = app.callback(|_: MouseEvent| Action::Lab(LabAction::DismissColumnsLost));
    let published: Vec<&str> = lab.published.iter().map(|c| c.name.as_str()).collect();
    html! {
        <div class="page page--lab" data-testid="model-lab">
            <div class="page-head">
                <div>
                    <h2 class="page-head__title">{ TL::LabTitle.get(lang) }</h2>
                    <p class="page-head__subtitle">{ TL::LabIntro.get(lang) }</p>
                </div>
                <div class="page-head__actions">
                    <div class="segmented" role="tablist" aria-label={TL::LabTitle.get(lang)}>
                        { for LabSection::iter().map(section_button) }
                    </div>
                </div>
            </div>
            if lab.settings_corrupt {
                <div class="banner banner--notice" role="status" data-testid="lab-settings-notice">
                    <p class="banner__body">{ TL::LabSettingsCorrupt.get(lang) }</p>
                    <button type="button" class="button button--ghost button--small" onclick={dismiss_settings}>
                        { T::Dismiss.get(lang) }</button>
                </div>
            }
            if !lab.columns_lost.is_empty() {
                <div class="banner banner--notice" role="status" data-testid="lab-columns-lost">
                    <p class="banner__body">{ i18n::columns_lost_sentence(&lab.columns_lost, lang) }</p>
                    <button type="button" class="button button--ghost button--small" onclick={dismiss_lost}>
                        { T::Dismiss.get(lang) }</button>
                </div>
            }
            if !published.is_empty() {
                <p class="hint" data-testid="lab-published-columns" data-columns={published.join(",")}>
                    { i18n::columns_in_data_sentence(&published, lang) }</p>
            }
            if !state.data.is_loaded() {
                <section class="card card--empty">{ T::NeedData.get(lang) }</section>
            } else {
                { match section {
                    LabSection::Clv => html! { <ClvPanel /> },
                    LabSection::Predict => html! { <PredictPanel /> },
                    LabSection::Segments => html! { <SegmentsPanel /> },
                } }
            }
        </div>
    }
}
