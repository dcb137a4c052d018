//! A weight as a slider and a number field side by side: drag for a feel of the effect, type for an
//! exact value. Both edit the same number; values beyond the slider's range are typed.

use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::number_input::NumberInput;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub value: f64,
    pub on_change: Callback<f64>,
    /// The number field's test id; the slider's is `{testid}-slider`.
    pub testid: AttrValue,
    pub label: AttrValue,
    #[prop_or(0.0)]
    pub min: f64,
    #[prop_or(1.0)]
    pub max: f64,
    #[prop_or(0.01)]
    pub step: f64,
    #[prop_or_default]
    pub problem: Option<AttrValue>,
}

#[function_component(WeightInput)]
pub fn weight_input(props: &Props) -> Html {
    let on_slide = {
        let on_change = props.on_change.clone();
        Callback::from(move |event: InputEvent| {
            let Some(input) = event.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
            if let Ok(value) = input.value().parse::<f64>() {
                // Slider positions carry binary noise (0.30000000000000004); weights are read by people.
                on_change.emit((value * 1e6).round() / 1e6);
            }
        })
    };
    let shown = if props.value.is_finite() { props.value.clamp(props.min, props.max) } else { props.min };
    html! {
        <span class="weight-input">
            <input type="range" class="weight-input__slider" min={props.min.to_string()} max={props.max.to_string()}
                step={props.step.to_string()} value={shown.to_string()} aria-label={props.label.clone()}
                data-testid={format!("{}-slider", props.testid)} oninput={on_slide} />
            <NumberInput value={props.value} testid={props.testid.clone()} label={props.label.clone()}
                problem={props.problem.clone()} on_commit={props.on_change.clone()} class={classes!("weight-input__number")} />
        </span>
    }
}
