//! Several features at once: checkboxes grouped like the editor's feature menus (purchases, funnel,
//! engagement, columns of the data), with a way back to the recommended set.

use crate::ui::i18n::TL;
use strum::IntoEnumIterator;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::features::catalog::FeatureKey;
use crate::ui::feature_info::{self, FeatureGroup};
use crate::ui::i18n::{self, Lang};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub available: Vec<FeatureKey>,
    pub chosen: Vec<FeatureKey>,
    /// A feature that cannot be chosen here (the target).
    #[prop_or_default]
    pub excluded: Option<FeatureKey>,
    pub on_change: Callback<Vec<FeatureKey>>,
    pub on_recommended: Callback<()>,
    pub testid: AttrValue,
    #[prop_or_default]
    pub problem: Option<AttrValue>,
    pub lang: Lang,
}

#[function_component(FeaturePicker)]
pub fn feature_picker(props: &Props) -> Html {
    let lang = props.lang;
    let toggle = |key: FeatureKey| {
        let chosen = props.chosen.clone();
        let available = props.available.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            // Kept in the order features are listed, so the same choice always gives the same model.
            let next: Vec<FeatureKey> = available
                .iter()
                .filter(|k| if **k == key { input.checked() } else { chosen.contains(k) })
                .cloned()
                .collect();
            on_change.emit(next);
        })
    };
    let recommended = {
        let on_recommended = props.on_recommended.clone();
        Callback::from(move |_: MouseEvent| on_recommended.emit(()))
    };
    let none = {
        let on_change = props.on_change.clone();
        Callback::from(move |_: MouseEvent| on_change.emit(vec![]))
    };
    html! {
        <fieldset class="feature-picker" data-testid={props.testid.clone()}
            data-chosen={props.chosen.iter().map(ToString::to_string).collect::<Vec<_>>().join(",")}>
            <legend class="field__label">
                { format!("{} · {} {}", TL::LabFeatures.get(lang), props.chosen.len(), TL::LabChosen.get(lang)) }
            </legend>
            <div class="feature-picker__groups">
                { for FeatureGroup::iter().filter_map(|group| {
                    let keys: Vec<&FeatureKey> = props.available.iter()
                        .filter(|k| feature_info::group(k) == group && Some(*k) != props.excluded.as_ref())
                        .collect();
                    (!keys.is_empty()).then(|| html! {
                        <div class="feature-picker__group">
                            <span class="feature-picker__group-name">{ i18n::feature_group_name(group, lang) }</span>
                            { for keys.into_iter().map(|key| {
                                let checked = props.chosen.contains(key);
                                html! {
                                    <label class="feature-picker__item">
                                        <input type="checkbox" class="checkbox" {checked}
                                            data-testid={format!("{}-{key}", props.testid)} onchange={toggle(key.clone())} />
                                        <span>{ i18n::feature_name(key, lang) }</span>
                                    </label>
                                }
                            }) }
                        </div>
                    })
                }) }
            </div>
            <div class="feature-picker__actions">
                <button type="button" class="button button--small button--ghost" data-testid={format!("{}-recommended", props.testid)}
                    onclick={recommended}>{ TL::LabRecommended.get(lang) }</button>
                <button type="button" class="button button--small button--ghost" onclick={none}>{ TL::LabNone.get(lang) }</button>
            </div>
            if let Some(p) = &props.problem { <span class="field-error" role="alert">{ p.clone() }</span> }
        </fieldset>
    }
}
